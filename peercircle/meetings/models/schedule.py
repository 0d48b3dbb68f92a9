"""A group's recurring schedule, members' answers to come or not, calendar feed links."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import timezone_choices
from peercircle.groups.models import Group, Nth, RecurrenceKind, Weekday
from peercircle.lib.text import validate_single_line
from peercircle.meetings.models.meeting import Meeting


class Schedule(models.Model):
    """A group's recurring time and place; meetings are materialised from it ahead of time."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="schedule")
    kind = models.CharField(max_length=20, choices=RecurrenceKind.choices)
    weekday = models.SmallIntegerField(choices=Weekday.choices, default=Weekday.THURSDAY)
    nth = models.SmallIntegerField(choices=Nth.choices, default=Nth.SECOND)
    rrule = models.CharField(
        _("custom rule"), max_length=200, blank=True, validators=[validate_single_line]
    )
    start_date = models.DateField()
    start_time = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=90)
    timezone = models.CharField(max_length=64, choices=timezone_choices)
    place = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
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
    GOING = "going", _("Going")
    MAYBE = "maybe", _("Maybe")
    NOT_GOING = "not_going", _("Not going")


class Rsvp(models.Model):
    """Whether a member comes to a meeting, with a short note for the group and host."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=10, choices=RsvpAnswer.choices)
    note = models.CharField(max_length=140, blank=True, validators=[validate_single_line])
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
