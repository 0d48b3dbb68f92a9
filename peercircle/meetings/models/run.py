"""What hangs off a meeting while it is prepared and run: check-ins, the agenda, the live
run's state, attendance, who commented on whom, notes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.lib.text import validate_single_line
from peercircle.meetings.models.meeting import Meeting

MAX_ASK_MINUTES = 60  # nobody needs more than an hour of a 90-minute meeting
DEFAULT_ASK_MINUTES = 10
TOPIC_MAX = 120
NOTES_MAX = 2000


class Response(models.TextChoices):
    """The kind of response a member wants for their slot, or none."""

    FEEDBACK = "feedback", _("Feedback")
    SUPPORT = "support", _("Support")
    TROUBLESHOOTING = "troubleshooting", _("Troubleshooting")
    VENTING = "venting", _("Venting (labelled, then we move on)")
    PASS = "pass", _("Pass this time")


class CheckIn(models.Model):
    """What one member needs from one meeting (the roundtable, said in advance or live)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checkins")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    response = models.CharField(max_length=20, choices=Response.choices)
    minutes = models.PositiveSmallIntegerField(default=DEFAULT_ASK_MINUTES)
    topic = models.CharField(max_length=TOPIC_MAX, blank=True, validators=[validate_single_line])
    notes = models.TextField(max_length=NOTES_MAX, blank=True)
    success = models.CharField(max_length=TOPIC_MAX, blank=True, validators=[validate_single_line])
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
    ROUNDTABLE = "roundtable", _("Opening roundtable")
    SUCCESSES = "successes", _("Successes")
    REVIEW = "review", _("Review of last period's goals")
    SLOT = "slot", _("Slot")
    NEW_GOALS = "new_goals", _("New goals")
    WRAP_UP = "wrap_up", _("Wrap-up")


class Outcome(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


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
            return gettext("%(name)s's slot") % {"name": self.presenter.name}
        return str(ItemKind(self.kind).label)


class RunStatus(models.TextChoices):
    READY = "ready", _("Ready")
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    FINISHED = "finished", _("Finished")


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


class NoteDraft(models.Model):
    """A note a person is still typing during a meeting, kept so it survives the host moving
    on and a reload on another device. One per person per meeting, read only by its owner;
    it goes when the note is saved."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="note_drafts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="note_drafts"
    )
    text = models.TextField(max_length=NOTES_MAX)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_note_draft_per_person")
        ]

    def __str__(self) -> str:
        return f"Note draft of {self.user_id} on meeting {self.meeting_id}"
