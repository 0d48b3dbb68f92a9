"""Background work for goals: the goal_nudge producer the mail scheduler calls.

`enqueue_goal_nudges(now)` is safe to call as often as the scheduler likes: each goal
gets one nudge per due date, because the idempotency key names the goal and its date
(moving the date earns a fresh nudge; the outbox drops repeats of the same key).
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.goals.models import Goal, GoalStatus
from peercircle.goals.queries import meeting_date
from peercircle.lib.zones import zone_for
from peercircle.mail.actions import mail_enqueue
from peercircle.meetings.models import Meeting

NUDGE_DAYS_AHEAD = 3


def nudge_key(goal: Goal) -> str:
    return f"goal_nudge:{goal.pk}:{goal.due_on.isoformat()}:{goal.owner_id}"


def enqueue_goal_nudges(now: datetime) -> int:
    """Nudge owners of open goals due within the next NUDGE_DAYS_AHEAD days; how many."""
    if timezone.is_naive(now):
        raise ValueError("now must be timezone-aware")
    # A window a day wider on each side in UTC; each owner's own date decides below.
    utc_today = now.astimezone(UTC).date()
    candidates = Goal.objects.filter(
        status=GoalStatus.OPEN,
        due_on__gte=utc_today - timedelta(days=1),
        due_on__lte=utc_today + timedelta(days=NUDGE_DAYS_AHEAD + 1),
        owner__is_active=True,
    ).select_related("owner", "group")
    count = 0
    for goal in candidates:
        owner_today = timezone.localdate(now, timezone=zone_for(goal.owner))
        if not owner_today <= goal.due_on <= owner_today + timedelta(days=NUDGE_DAYS_AHEAD):
            continue
        mail_enqueue(kind="goal_nudge", to=goal.owner, key=nudge_key(goal), context={"goal": goal})
        count += 1
    return count


def reminder_goals(meeting: Meeting, user: User) -> dict[str, Any]:
    """The member's own goals to review at `meeting`, for the meeting reminder mail.

    Only the recipient's goals: the reminder goes to one person, and a goal's text is for
    the group (or, if private, its owner) — never another member's private goal.
    """
    open_due = Goal.objects.filter(
        group_id=meeting.group_id,
        owner=user,
        status=GoalStatus.OPEN,
        due_on__lte=meeting_date(meeting),
    ).order_by("due_on", "pk")
    return {"goals_to_review": [goal.text for goal in open_due]}
