"""Personal access tokens: a person's key to the JSON API, stored as a hash only."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    ME_READ = "me:read", _("Read your profile")
    GROUPS_READ = "groups:read", _("Read your groups and their members' names")
    MEETINGS_READ = "meetings:read", _("Read your groups' meetings")
    MEETINGS_WRITE = "meetings:write", _("Answer RSVPs and check in")
    GOALS_READ = "goals:read", _("Read your goals")
    GOALS_WRITE = "goals:write", _("Create goals and change their status")
    PROGRAMS_READ = "programs:read", _("Read the sign-ups and totals of programs you coordinate")
    PROGRAMS_WRITE = "programs:write", _("Add and import sign-ups")


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self, now: datetime | None = None) -> "ApiTokenQuerySet":
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80)
    # The first characters of the secret, shown so a person can tell their tokens apart.
    prefix = models.CharField(max_length=16)
    # sha256 of the whole secret: the secret has 256 bits of entropy, so no slow hash is needed.
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_active(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
