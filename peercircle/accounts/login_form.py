"""allauth's login form in our words. Apart from forms.py: allauth imports that module
(for the sign-up form) while its own forms module is still loading."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.sso.domains import sso_domains_exist


def _not_required_in_browser(initial: object) -> bool:
    return False


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:  # one wording everywhere: sentence case
            self.fields["remember"].label = _("Remember me on this device")
        if not settings.SSO_PASSWORD_LOGIN_FOR_SSO_DOMAINS and sso_domains_exist(self.request):
            # An institution's address is sent to its IdP with no password: the browser must
            # not refuse to submit an empty one (the server still asks everyone else).
            self.fields["password"].widget.use_required_attribute = _not_required_in_browser
