"""Who may see and change a meeting: the group's members read; its host and organizers write."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from peercircle.accounts.models import User
from peercircle.groups.access import get_group_for_user
from peercircle.groups.models import Membership, Role
from peercircle.meetings.models import Meeting


def can_write_meeting(meeting: Meeting, membership: Membership) -> bool:
    return membership.role == Role.ORGANIZER or meeting.host_id == membership.user_id


def get_meeting_for_user(user: User | AnonymousUser, pk: int, *, write: bool = False) -> Meeting:
    """The meeting `pk` if `user` may read it (or change it, with `write`)."""
    meeting = Meeting.objects.select_related("host").filter(pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting")
    # Reading the group applies the group's rules: 404 outsiders, 403 coordinators.
    meeting.group = get_group_for_user(user, meeting.group_id)
    if not write:
        return meeting
    assert isinstance(user, User)  # the group funnel let only members through
    membership = Membership.objects.get(group_id=meeting.group_id, user=user)
    if not can_write_meeting(meeting, membership):
        raise PermissionDenied("Only this meeting's host or the group's organizers can change it.")
    return meeting
