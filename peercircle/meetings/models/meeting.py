"""A meeting of a group: when and where, who hosts it, and where it is in its life."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.groups.models import Group
from peercircle.lib.text import validate_single_line

LONGEST_MINUTES = 480  # the longest a meeting may last


class Status(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


# Meetings are planned from now to two years ahead; beyond that is a typo (or 9999-12-31).
LATEST_AHEAD = timedelta(days=730)


def validate_start(starts_at: datetime, *, now: datetime | None = None) -> None:
    """Refuse a meeting time outside the sane window, with a plain sentence."""
    now = now or timezone.now()
    if starts_at < now:
        raise ValidationError(
            {"starts_at": gettext("That time has already passed: choose a later one.")}
        )
    if starts_at > now + LATEST_AHEAD:
        raise ValidationError(
            {
                "starts_at": gettext(
                    "Meetings can be planned up to two years ahead: choose an earlier date."
                )
            }
        )


class Phase(models.TextChoices):
    """Where a meeting is in its life; `Meeting.phase` and the queryset methods agree on it."""

    UPCOMING = "upcoming", _("Upcoming")
    UNDER_WAY = "under_way", _("Under way now")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


# A run in these states means the host has started the meeting, whatever the clock says.
RUN_STARTED = ("running", "paused")


class EndsAt(models.Func):
    """`starts_at` plus `duration_minutes`, in SQL: when a meeting ends by the clock."""

    arity = 2
    output_field = models.DateTimeField()
    # starts_at + duration_minutes * INTERVAL '1 minute' (PostgreSQL and the SQL standard)
    template = "(%(expressions)s * INTERVAL '1 minute')"
    arg_joiner = " + "

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # SQLite keeps datetimes as text; Django's own function adds microseconds to them.
        return self.as_sql(
            compiler,
            connection,
            template="django_format_dtdelta('+', %(expressions)s * 60000000)",
            arg_joiner=", ",
            **extra,
        )


def _ends_at() -> EndsAt:
    return EndsAt(models.F("starts_at"), models.F("duration_minutes"))


def meeting_phase(meeting: "Meeting", run_status: str | None, now: datetime) -> str:
    """The one rule for a meeting's phase.

    The host's taps come first: a meeting started early is under way, one finished early
    is finished. Otherwise the clock decides.
    """
    if meeting.status == Status.CANCELLED:
        return Phase.CANCELLED
    if meeting.status == Status.HELD or run_status == "finished":
        return Phase.FINISHED
    if run_status in RUN_STARTED:
        return Phase.UNDER_WAY
    if now < meeting.starts_at:
        return Phase.UPCOMING
    return Phase.UNDER_WAY if now < meeting.ends_at else Phase.FINISHED


class MeetingQuerySet(models.QuerySet["Meeting"]):
    """The meetings in each phase, by the same rule as `Meeting.phase` (tests hold them equal)."""

    def _not_over(self) -> "MeetingQuerySet":
        # Scheduled, and not finished early by its host.
        return self.filter(status=Status.SCHEDULED).exclude(run__status="finished")

    def upcoming(self, now: datetime | None = None) -> "MeetingQuerySet":
        now = now or timezone.now()
        return (
            self._not_over()
            .filter(starts_at__gt=now)
            .exclude(run__status__in=RUN_STARTED)
            .order_by("starts_at")
        )

    def under_way(self, now: datetime | None = None) -> "MeetingQuerySet":
        now = now or timezone.now()
        by_clock = models.Q(starts_at__lte=now, ends__gt=now)
        return (
            self._not_over()
            .alias(ends=_ends_at())
            .filter(models.Q(run__status__in=RUN_STARTED) | by_clock)
            .order_by("starts_at")
        )

    def ahead(self, now: datetime | None = None) -> "MeetingQuerySet":
        """Upcoming or under way: what a member still has to come to."""
        now = now or timezone.now()
        # Upcoming or under way comes to: started by its host, or not yet over by the clock.
        return (
            self._not_over()
            .alias(ends=_ends_at())
            .filter(models.Q(run__status__in=RUN_STARTED) | models.Q(ends__gt=now))
            .order_by("starts_at")
        )

    def ended(self, now: datetime | None = None) -> "MeetingQuerySet":
        """Held and over (finished by its host, or past its end by the clock), latest first."""
        now = now or timezone.now()
        return (
            self.exclude(status=Status.CANCELLED)
            .alias(ends=_ends_at())
            .filter(models.Q(run__status="finished") | models.Q(ends__lte=now))
            .order_by("-starts_at")
        )

    def past(self) -> "MeetingQuerySet":
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at")


class Meeting(models.Model):
    """One meeting of a group; a member hosts it and keeps time."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=90)
    location = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    # --- schedule and calendar ---
    video_url = models.URLField(blank=True)
    schedule = models.ForeignKey(
        "meetings.Schedule",
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
                condition=models.Q(duration_minutes__gte=15, duration_minutes__lte=LONGEST_MINUTES),
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

    def run_status(self) -> str | None:
        """The live run's status, or None before anyone started it.

        Load meetings with `select_related("run")` where this is read for many of them.
        """
        try:
            return self.run.status
        except ObjectDoesNotExist:
            return None

    def phase(self, now: datetime | None = None) -> str:
        """Upcoming, under way, finished or cancelled (see `meeting_phase`)."""
        return meeting_phase(self, self.run_status(), now or timezone.now())

    @property
    def is_under_way(self) -> bool:
        return self.phase() == Phase.UNDER_WAY
