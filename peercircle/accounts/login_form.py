"""allauth's login form in our words. Apart from forms.py: allauth imports that module
(for the sign-up form) while its own forms module is still loading."""

from allauth.account.forms import LoginForm as AllauthLoginForm


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:  # one wording everywhere: sentence case
            self.fields["remember"].label = "Remember me on this device"
