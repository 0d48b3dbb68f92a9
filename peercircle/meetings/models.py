from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from peercircle.groups.models import Group


class Status(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


# Meetings are planned from now to two years ahead; beyond that is a typo (or 9999-12-31).
LATEST_AHEAD = timedelta(days=730)


def validate_start(starts_at: datetime, *, now: datetime | None = None) -> None:
    """Refuse a meeting time outside the sane window, with a plain sentence."""
    now = now or timezone.now()
    if starts_at < now:
        raise ValidationError({"starts_at": "That time has already passed: choose a later one."})
    if starts_at > now + LATEST_AHEAD:
        raise ValidationError(
            {"starts_at": "Meetings can be planned up to two years ahead: choose an earlier date."}
        )


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self) -> "MeetingQuerySet":
        return self.filter(status=Status.SCHEDULED, starts_at__gte=timezone.now()).order_by(
            "starts_at"
        )

    def past(self) -> "MeetingQuerySet":
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at")


class Meeting(models.Model):
    """One meeting of a group; a member hosts it and keeps time."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=90)
    location = models.CharField(max_length=200, blank=True)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    # --- schedule and calendar (issue 8) ---
    video_url = models.URLField(blank=True)
    schedule = models.ForeignKey(
        "groups.Schedule",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    # Set when this one meeting was moved off its series' time; the series leaves it alone.
    original_starts_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Calendar clients apply an update only when SEQUENCE grows (RFC 5545 3.8.7.4).
    sequence = models.PositiveIntegerField(default=0)
    last_modified = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "starts_at"], name="meeting_unique_start"),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=15, duration_minutes__lte=480),
                name="meeting_duration_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="meeting_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} on {self.starts_at:%Y-%m-%d}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_moved(self) -> bool:
        return self.original_starts_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == Status.CANCELLED
