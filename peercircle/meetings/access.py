"""Who may see and change a meeting: the group's members read; its host and organizers run it.

The funnel returns the meeting with the group funnel's findings (`MeetingAccess`), so views
never re-read the caller's membership.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import User
from peercircle.groups.access import WithinGroup, get_group_for_user
from peercircle.groups.models import Membership, Role
from peercircle.lib import versions
from peercircle.meetings.models import Meeting, Note

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HOST_ONLY = _("Only this meeting's host or the group's organizers can change it.")


@dataclass(frozen=True)
class MeetingAccess(WithinGroup):
    meeting: Meeting


MeetingRule = Callable[[Meeting, Membership], bool]


def can_view_meeting(meeting: Meeting, membership: Membership) -> bool:
    return True  # every member of the group reads its meetings


def can_run_meeting(meeting: Meeting, membership: Membership) -> bool:
    return membership.role == Role.ORGANIZER or meeting.host_id == membership.user_id


def can_control_run(meeting: Meeting, membership: Membership, runner_id: int | None) -> bool:
    """Whoever runs the live meeting; before anyone does, its host and the organizers."""
    if runner_id is not None:
        return runner_id == membership.user_id
    return can_run_meeting(meeting, membership)


def can_share_note_after_end(
    meeting: Meeting, membership: Membership, runner_id: int | None
) -> bool:
    """Once a meeting is over, only its host or whoever ran it adds notes the group reads."""
    return membership.user_id in (meeting.host_id, runner_id)


def can_read_note(note: Note, user_id: int) -> bool:
    """Its author always; the group a shared note, except one on a venting slot.

    What is vented stays with whoever vented and those in the room: a note on it is never
    shown to the rest of the group, on the live page or in the summary.
    """
    if note.author_id == user_id:
        return True
    return note.shared and not (note.item is not None and note.item.venting)


def get_meeting_for_user(
    user: User | AnonymousUser,
    pk: int,
    *,
    rule: MeetingRule = can_view_meeting,
    denied: "StrOrPromise" = HOST_ONLY,
) -> MeetingAccess:
    """The meeting `pk` and the caller's standing, if `rule` lets the caller through."""
    meeting = _meetings.get(pk)
    if meeting is None:
        raise Http404("No such meeting")
    # The group's rules come first: 404 for outsiders, 403 for coordinators.
    group_access = get_group_for_user(user, meeting.group_id)
    meeting.group = group_access.group
    if not rule(meeting, group_access.membership):
        raise PermissionDenied(denied)
    return MeetingAccess(meeting=meeting, group_access=group_access)


# The meeting row with its host, kept under its group's token (every write to the
# meeting, its group or its host replaces it); the caller's standing is checked by the group
# funnel every time.
_meetings = versions.GroupRows(
    "meeting", lambda pk: Meeting.objects.select_related("host").filter(pk=pk).first()
)


def group_of_meeting(pk: int) -> int | None:
    """The group of meeting `pk`, if this process has read the meeting before."""
    return _meetings.group_of(pk)


def forget_groups_of_meetings() -> None:
    """For tests: their ids come back after a rollback, in other groups."""
    _meetings.forget()
