from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.timezones import timezone_choices
from peercircle.lib.text import validate_single_line


class CareerStage(models.TextChoices):
    GRADUATE = "graduate", _("Graduate student")
    POSTDOC = "postdoc", _("Postdoc")
    FACULTY = "faculty", _("Faculty")
    STAFF = "staff", _("Staff")
    OTHER = "other", _("Other")


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

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(career_stage__in=CareerStage.values),
                name="user_career_stage_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@")[0] or self.username
