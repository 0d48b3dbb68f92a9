"""Goals a member sets for the next period, their long-term list, and their successes.

Foreign keys point one way: goals -> meetings -> groups. A goal belongs to its owner within
one group; a long-term goal belongs to its owner alone (it serves goals in any group).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peercircle.groups.models import Group
from peercircle.lib.text import validate_single_line
from peercircle.meetings.models import Meeting

GOAL_MAX_CHARS = 500
NOTE_MAX_CHARS = 200
LONG_TERM_MAX_CHARS = 300
SUCCESS_MAX_CHARS = 300
FIRST_YEAR = 2000
LAST_YEAR = 2100


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    PARTLY = "partly", _("Partly done")
    NOT_DONE = "not_done", _("Not done")
    DROPPED = "dropped", _("Dropped")
    CARRIED_OVER = "carried_over", _("Carried over")


# The statuses a review can record (open is where every goal starts).
REVIEW_STATUSES = [s for s in GoalStatus if s != GoalStatus.OPEN]


class LongTermStatus(models.TextChoices):
    OPEN = "open", _("Working on it")
    REACHED = "reached", _("Reached")
    DROPPED = "dropped", _("Dropped")


class LongTermGoal(models.Model):
    """One line of a member's long-term list ("a five-year list of eight goals")."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="long_term_goals"
    )
    text = models.CharField(max_length=LONG_TERM_MAX_CHARS, validators=[validate_single_line])
    target_year = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=20, choices=LongTermStatus.choices, default=LongTermStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=LongTermStatus.values),
                name="long_term_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(target_year__gte=FIRST_YEAR, target_year__lte=LAST_YEAR),
                name="long_term_year_range",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Goal(models.Model):
    """A goal for the next period, reviewed at the first meeting on or after its due date."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(max_length=GOAL_MAX_CHARS)
    due_on = models.DateField()
    long_term = models.ForeignKey(
        LongTermGoal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
    )
    private = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    review_note = models.CharField(
        max_length=NOTE_MAX_CHARS, blank=True, validators=[validate_single_line]
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_in = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviewed_goals"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    set_at = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="goals_set"
    )
    carried_from = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["group", "status", "due_on"]),
            # The program dashboard's totals read only these columns: an index-only scan of
            # the program's goals instead of a scan of every goal on the site.
            models.Index(fields=["group", "status", "owner"], name="goal_group_status_owner"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=GoalStatus.values), name="goal_status_valid"
            ),
            # An open goal has no review yet; a reviewed goal says when it was reviewed.
            models.CheckConstraint(
                condition=(
                    models.Q(status=GoalStatus.OPEN, reviewed_at__isnull=True)
                    | (~models.Q(status=GoalStatus.OPEN) & models.Q(reviewed_at__isnull=False))
                ),
                name="goal_reviewed_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"goal {self.pk}"  # never the text: it may be private

    @property
    def is_open(self) -> bool:
        return self.status == GoalStatus.OPEN


class Success(models.Model):
    """A win a member brings to the group's successes block."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="successes"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="successes")
    text = models.CharField(max_length=SUCCESS_MAX_CHARS, validators=[validate_single_line])
    happened_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-pk"]
        verbose_name_plural = "successes"

    def __str__(self) -> str:
        return f"success {self.pk}"
