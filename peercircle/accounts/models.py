from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.timezones import timezone_choices
from peercircle.lib.text import validate_single_line


class CareerStage(models.TextChoices):
    GRADUATE = "graduate", _("Graduate student")
    POSTDOC = "postdoc", _("Postdoc")
    FACULTY = "faculty", _("Faculty")
    STAFF = "staff", _("Staff")
    OTHER = "other", _("Other")


def language_choices() -> list[tuple[str, str]]:
    """The languages this site ships (settings.LANGUAGES), each named in its own language."""
    return [(code, name) for code, name in settings.LANGUAGES]


def default_language() -> str:
    return str(settings.LANGUAGE_CODE)


# What a person says about themself on the profile page (the admin shows the same).
PROFILE_FIELDS = [
    "display_name",
    "pronouns",
    "timezone",
    "language",
    "department",
    "lab",
    "career_stage",
]


class User(AbstractUser):
    """A person; email is their login, the profile fields live here to avoid a join."""

    display_name = models.CharField(max_length=80, blank=True, validators=[validate_single_line])
    pronouns = models.CharField(max_length=40, blank=True, validators=[validate_single_line])
    timezone = models.CharField(max_length=64, default="UTC", choices=timezone_choices)
    department = models.CharField(max_length=120, blank=True, validators=[validate_single_line])
    lab = models.CharField(
        _("lab or PI"), max_length=120, blank=True, validators=[validate_single_line]
    )
    career_stage = models.CharField(
        max_length=20, choices=CareerStage.choices, default=CareerStage.OTHER
    )
    # Raised to end every session of this person at once (logout, account deletion): sessions
    # are signed cookies the server cannot list, but each carries a hash of this number.
    session_generation = models.PositiveIntegerField(default=0, editable=False)
    # Pages and every mail to this person are in this language (proposed from the browser at
    # sign-up, changed on the profile).
    language = models.CharField(max_length=12, choices=language_choices, default=default_language)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(career_stage__in=CareerStage.values),
                name="user_career_stage_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's session hash (of the password, so a password change ends the other
        sessions) with the generation mixed in. Django's get_user and its SECRET_KEY_FALLBACKS
        check both call this method."""
        return salted_hmac(
            "peercircle.accounts.User.session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@")[0] or self.username
