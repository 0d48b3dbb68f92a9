"""Tags that let the goals partials stand alone on any page that has a `meeting`.

The meeting page and the meeting's run page (owned by the meetings app) include
`goals/_meeting_review.html` and `goals/_meeting_successes.html` with one line each; the
partials fetch what they show through these tags, from goals.queries, in a fixed number
of queries whatever the group's size.
"""

from typing import Any

from django import template

from peercircle.goals import queries
from peercircle.goals.models import REVIEW_STATUSES, Goal
from peercircle.groups.models import Membership
from peercircle.meetings.access import can_run_meeting
from peercircle.meetings.models import Meeting

register = template.Library()


def _membership(context: template.Context, meeting: Meeting) -> Membership | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.filter(group_id=meeting.group_id, user=user).first()


@register.simple_tag(takes_context=True)
def meeting_review_for(context: template.Context, meeting: Meeting) -> dict[str, Any]:
    membership = _membership(context, meeting)
    if membership is None:  # the pages' funnels let only members this far
        return {"rows": [], "is_member": False}
    rows = queries.meeting_review(meeting, membership)
    return {
        "rows": [row for row in rows if row.has_any],
        "is_member": True,
        "runs_meeting": can_run_meeting(meeting, membership),
        "due_count": sum(len(r.goals) + r.private_count for r in rows),
    }


@register.simple_tag(takes_context=True)
def meeting_successes_for(context: template.Context, meeting: Meeting) -> dict[str, Any]:
    membership = _membership(context, meeting)
    if membership is None:
        return {"successes": [], "is_member": False}
    return {"successes": queries.meeting_successes(meeting), "is_member": True}


@register.simple_tag
def review_statuses() -> list[tuple[str, str]]:
    return [(s.value, s.label) for s in REVIEW_STATUSES]


@register.simple_tag(takes_context=True)
def meeting_goals_set_for(context: template.Context, meeting: Meeting) -> dict[str, Any]:
    """The goals set at `meeting`, for its summary: private ones only for their owner."""
    membership = _membership(context, meeting)
    if membership is None:
        return {"goals": [], "private_count": 0, "is_member": False}
    goals = list(Goal.objects.filter(set_at=meeting).select_related("owner"))
    visible = [g for g in goals if not g.private or g.owner_id == membership.user_id]
    return {"goals": visible, "private_count": len(goals) - len(visible), "is_member": True}
