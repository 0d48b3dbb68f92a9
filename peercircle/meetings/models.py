from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone

from peercircle.accounts.models import timezone_choices
from peercircle.groups.models import Group, Nth, RecurrenceKind, Weekday

LONGEST_MINUTES = 480  # the longest a meeting may last


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


class Phase(models.TextChoices):
    """Where a meeting is in its life; `Meeting.phase` and the queryset methods agree on it."""

    UPCOMING = "upcoming", "Upcoming"
    UNDER_WAY = "under_way", "Under way now"
    FINISHED = "finished", "Finished"
    CANCELLED = "cancelled", "Cancelled"


# A run in these states means the host has started the meeting, whatever the clock says.
RUN_STARTED = ("running", "paused")


class EndsAt(models.Func):
    """`starts_at` plus `duration_minutes`, in SQL: when a meeting ends by the clock."""

    arity = 2
    output_field = models.DateTimeField()

    def _parts(self, compiler: Any, connection: Any) -> tuple[str, str, list[Any]]:
        start, start_params = compiler.compile(self.source_expressions[0])
        minutes, minutes_params = compiler.compile(self.source_expressions[1])
        return start, minutes, [*start_params, *minutes_params]

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        start, minutes, params = self._parts(compiler, connection)
        return f"({start} + {minutes} * INTERVAL '1 minute')", params

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        # SQLite keeps datetimes as text; Django's own function adds microseconds to them.
        start, minutes, params = self._parts(compiler, connection)
        return f"django_format_dtdelta('+', {start}, {minutes} * 60000000)", params


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


# --- The meeting itself (issue 10): check-in, agenda, the live run, records --------------
# The classes below hang off Meeting; Meeting's own fields belong to the groups area.

MAX_ASK_MINUTES = 60  # nobody needs more than an hour of a 90-minute meeting
DEFAULT_ASK_MINUTES = 10
TOPIC_MAX = 120
NOTES_MAX = 2000


class Response(models.TextChoices):
    """The kind of response a member wants for their slot, or none."""

    FEEDBACK = "feedback", "Feedback"
    SUPPORT = "support", "Support"
    TROUBLESHOOTING = "troubleshooting", "Troubleshooting"
    VENTING = "venting", "Venting (labelled, then we move on)"
    PASS = "pass", "Pass this time"


class CheckIn(models.Model):
    """What one member needs from one meeting (the roundtable, said in advance or live)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checkins")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    response = models.CharField(max_length=20, choices=Response.choices)
    minutes = models.PositiveSmallIntegerField(default=DEFAULT_ASK_MINUTES)
    topic = models.CharField(max_length=TOPIC_MAX, blank=True)
    notes = models.TextField(max_length=NOTES_MAX, blank=True)
    success = models.CharField(max_length=TOPIC_MAX, blank=True)
    late = models.BooleanField(default=False)  # given after the meeting had started
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="checkin_unique"),
            models.CheckConstraint(
                condition=models.Q(minutes__lte=MAX_ASK_MINUTES), name="checkin_minutes_range"
            ),
            models.CheckConstraint(
                condition=models.Q(response__in=Response.values), name="checkin_response_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(response=Response.PASS) | models.Q(minutes=0),
                name="checkin_pass_has_no_minutes",
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.pk} for meeting {self.meeting_id}"

    @property
    def ask(self) -> int:
        return 0 if self.response == Response.PASS else self.minutes


class ItemKind(models.TextChoices):
    ROUNDTABLE = "roundtable", "Opening roundtable"
    SUCCESSES = "successes", "Successes"
    REVIEW = "review", "Review of last period's goals"
    SLOT = "slot", "Slot"
    NEW_GOALS = "new_goals", "New goals"
    WRAP_UP = "wrap_up", "Wrap-up"


class Outcome(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class AgendaItem(models.Model):
    """One item of a meeting's agenda as it is run: planned and actual time, the outcome."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=ItemKind.choices)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="agenda_slots",
    )
    venting = models.BooleanField(default=False)
    asked_minutes = models.PositiveSmallIntegerField(default=0)
    planned_minutes = models.PositiveSmallIntegerField(default=0)
    actual_seconds = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "presenter"],
                condition=models.Q(kind="slot"),
                name="agenda_one_slot_each",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ItemKind.values), name="agenda_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=[*Outcome.values, ""]),
                name="agenda_outcome_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="slot") | models.Q(presenter__isnull=False),
                name="agenda_slot_has_presenter",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.kind == ItemKind.SLOT and self.presenter is not None:
            return f"{self.presenter.name}'s slot"
        return ItemKind(self.kind).label


class RunStatus(models.TextChoices):
    READY = "ready", "Ready"
    RUNNING = "running", "Running"
    PAUSED = "paused", "Paused"
    FINISHED = "finished", "Finished"


class RunState(models.Model):
    """The live meeting's clock, as absolute times; `version` makes concurrent taps safe."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="run")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.READY)
    position = models.PositiveSmallIntegerField(default=0)
    ends_at = models.DateTimeField(null=True, blank=True)
    remaining = models.FloatField(default=0.0)  # seconds, while ready or paused
    budget = models.FloatField(default=0.0)  # seconds the current item had when entered
    added = models.FloatField(default=0.0)  # seconds added to the current item
    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # the clock's: a stale tap is refused
    revision = models.PositiveIntegerField(default=0)  # comments, notes, agenda: pages reload

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RunStatus.values), name="run_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="running") | models.Q(ends_at__isnull=False),
                name="run_running_has_end",
            ),
        ]

    def __str__(self) -> str:
        return f"Run of meeting {self.meeting_id}: {self.status}"


class Attendance(models.Model):
    """Who was there, taken by the host at the start."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"Attendance {self.user_id} at {self.meeting_id}"


class Comment(models.Model):
    """`commenter` commented on the slot `item` (who advised whom)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="comments")
    commenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments_given"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "commenter"], name="comment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.commenter_id} on item {self.item_id}"


class Note(models.Model):
    """A note on a meeting (optionally on one item): shared with the group or private."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notes")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_notes"
    )
    text = models.TextField(max_length=NOTES_MAX)
    shared = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note {self.pk} on meeting {self.meeting_id}"


# --- the recurring schedule, answers to come or not, calendar feeds ---


class Schedule(models.Model):
    """A group's recurring time and place; meetings are materialised from it ahead of time."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="schedule")
    kind = models.CharField(max_length=20, choices=RecurrenceKind.choices)
    weekday = models.SmallIntegerField(choices=Weekday.choices, default=Weekday.THURSDAY)
    nth = models.SmallIntegerField(choices=Nth.choices, default=Nth.SECOND)
    rrule = models.CharField("custom rule", max_length=200, blank=True)
    start_date = models.DateField()
    start_time = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=90)
    timezone = models.CharField(max_length=64, choices=timezone_choices)
    place = models.CharField(max_length=200, blank=True)
    video_url = models.URLField(blank=True)
    # Occurrences up to here have been turned into meetings (or deliberately not).
    materialized_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # The table keeps the name it had when schedules lived in the groups app.
        db_table = "groups_schedule"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=RecurrenceKind.values), name="schedule_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=15, duration_minutes__lte=480),
                name="schedule_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Schedule of {self.group}"


class RsvpAnswer(models.TextChoices):
    GOING = "going", "Going"
    MAYBE = "maybe", "Maybe"
    NOT_GOING = "not_going", "Not going"


class Rsvp(models.Model):
    """Whether a member comes to a meeting, with a short note for the group and host."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=10, choices=RsvpAnswer.choices)
    note = models.CharField(max_length=140, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "groups_rsvp"
        ordering = ["updated_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="rsvp_unique"),
            models.CheckConstraint(
                condition=models.Q(answer__in=RsvpAnswer.values), name="rsvp_answer_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} to {self.meeting}: {self.answer}"


class CalendarFeed(models.Model):
    """A person's private calendar link; its token is derived from `salt` (see lib/tokens)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    salt = models.CharField(max_length=32)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "groups_calendarfeed"

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
