from django import forms
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from peercircle.accounts import actions
from peercircle.accounts.models import PROFILE_FIELDS, User, language_choices
from peercircle.accounts.timezones import current_name, timezone_choices
from peercircle.lib.text import SingleLineField
from peercircle.lib.widgets import LongSelect, PasswordInput, Select, TextInput


class ProfileForm(forms.ModelForm):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Someone saved under a zone's old name sees (and keeps, on saving) its current name.
        self.initial["timezone"] = current_name(self.initial.get("timezone", "UTC"))
        # The model field hands the form a list; the callable lets the menu render once.
        self.fields["timezone"].choices = timezone_choices  # type: ignore[attr-defined]
        self.fields["language"].required = False

    def clean_language(self) -> str:
        # Left out (an older form, a script): the language stays as it was.
        return str(self.cleaned_data.get("language") or self.instance.language)

    class Meta:
        model = User
        fields = PROFILE_FIELDS
        labels = {
            "display_name": _("Display name"),
            "pronouns": _("Pronouns"),
            "timezone": _("Time zone"),
            "language": _("Language"),
            "department": _("Department"),
            "lab": _("Lab or PI"),
            "career_stage": _("Career stage"),
        }
        # Plain widgets: Django's widget templates were most of the profile page's cost.
        widgets = {
            "display_name": TextInput(),
            "pronouns": TextInput(),
            "timezone": LongSelect(),
            "language": Select(),
            "department": TextInput(),
            "lab": TextInput(),
            "career_stage": Select(),
        }
        help_texts = {
            "display_name": _("How your group sees you."),
            "timezone": _("Every meeting time is shown in this zone."),
            "language": _("Pages and the mail we send you are in this language."),
        }


class SignupForm(forms.Form):
    """allauth's sign-up form builds on this one: a new person gives their name and time zone
    with their email, so nobody is greeted by their address's local part."""

    display_name = SingleLineField(
        label=_("Your name"), max_length=80, help_text=_("How your group will see you.")
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        initial="UTC",
        help_text=_("Meeting times are shown in this zone. We suggest your device's zone."),
        widget=LongSelect(attrs={"data-browser-zone": "propose"}),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=language_choices,
        required=False,
        help_text=_("Pages and the mail we send you are in this language."),
    )
    # allauth orders its combined form by this list.
    field_order = ["display_name", "email", "password1", "password2", "timezone", "language"]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Proposed from the browser: the language this page is shown in (Accept-Language).
        self.fields["language"].initial = translation.get_language()

    def signup(self, request: HttpRequest, user: User) -> None:
        actions.profile_start(
            user=user,
            display_name=self.cleaned_data["display_name"],
            timezone=self.cleaned_data["timezone"],
            # Left out: the language this page was shown in.
            language=self.cleaned_data["language"] or translation.get_language(),
        )


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )

    def __init__(self, *args, user: User, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
