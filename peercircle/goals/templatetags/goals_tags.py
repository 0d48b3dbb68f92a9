"""Tags that let the goals partials stand alone on any meeting page.

The meeting page, its run page and its summary (owned by the meetings app) include the
goals partials with one line each, handing them the page's `MeetingAccess` as `access`:
`{% meeting_review_for access memberships as review %}`. The tags decide with the rules of
goals.access and meetings.access over that access object and fetch the goals through
goals.queries, in a fixed number of queries whatever the group's size.
"""

from typing import Any

from django import template

from peercircle.goals import queries
from peercircle.goals.access import can_edit_success
from peercircle.goals.models import REVIEW_STATUSES
from peercircle.groups.models import Membership
from peercircle.meetings.access import MeetingAccess, can_run_meeting

register = template.Library()


def _page_access(access: object) -> MeetingAccess | None:
    """The meeting page's access object, which every meeting view puts in its context."""
    return access if isinstance(access, MeetingAccess) else None


@register.simple_tag
def meeting_review_for(access: object = None, memberships: object = None) -> dict[str, Any]:
    """Each member's goals due at the meeting, as the viewer may see and review them.

    `memberships` is the group's memberships with their people when the view has read them
    (the meeting and run pages do), so the block does not read them again.
    """
    page = _page_access(access)
    if page is None:
        return {"rows": [], "is_member": False}
    members = _group_memberships(memberships, page)
    rows = queries.meeting_review(page.meeting, page.membership, members)
    return {
        "rows": [row for row in rows if row.has_any],
        "is_member": True,
        "runs_meeting": can_run_meeting(page.meeting, page.membership),
        "due_count": sum(len(r.goals) + r.private_count for r in rows),
    }


def _group_memberships(memberships: object, page: MeetingAccess) -> list[Membership] | None:
    """The page's memberships when they are this group's, else None (the query reads them)."""
    if not isinstance(memberships, list):
        return None
    if all(isinstance(m, Membership) and m.group_id == page.meeting.group_id for m in memberships):
        return memberships
    return None


@register.simple_tag
def meeting_successes_for(access: object = None) -> dict[str, Any]:
    """The successes of the period the meeting closes, each with whether the viewer may
    remove it."""
    page = _page_access(access)
    if page is None:
        return {"successes": [], "is_member": False}
    successes = queries.meeting_successes(page.meeting)
    removable = {s.pk for s in successes if can_edit_success(s, page.membership)}
    return {"successes": successes, "removable": removable, "is_member": True}


@register.simple_tag
def review_statuses() -> list[tuple[str, str]]:
    return [(s.value, str(s.label)) for s in REVIEW_STATUSES]


@register.simple_tag
def meeting_goals_set_for(access: object = None) -> dict[str, Any]:
    """The goals set at the meeting, for its summary: others' private ones only counted."""
    page = _page_access(access)
    if page is None:
        return {"goals": [], "private_count": 0, "is_member": False}
    block = queries.goals_set_at(page.meeting, page.membership)
    return {"goals": block.goals, "private_count": block.private_count, "is_member": True}
