"""Every change of host reaches calendars: the meeting's SEQUENCE rises with it.

A copy of the host-filling rule in the groups app changed hosts without raising SEQUENCE,
so calendar clients kept showing the old host.
"""

from datetime import datetime

from peercircle.groups.actions.membership import membership_add, membership_leave
from peercircle.meetings.actions.hosts import hosts_fill_missing
from peercircle.meetings.actions.meeting import meeting_host_set
from peercircle.meetings.calendar import meeting_ics
from peercircle.meetings.models import Meeting
from tests.conftest import Cast, make_meeting, make_user


def test_a_meeting_given_a_host_by_the_rotation_gets_a_new_sequence(
    now: datetime, cast: Cast
) -> None:
    meeting = make_meeting(cast.group, days=7)
    assert meeting.host is None and meeting.sequence == 0
    hosts_fill_missing(group=cast.group)
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.host == cast.organizer
    assert meeting.sequence == 1
    assert meeting.last_modified == now
    assert b"SEQUENCE:1" in meeting_ics(meeting)


def test_a_member_who_leaves_hands_on_their_meetings_with_a_new_sequence_each(
    now: datetime, cast: Cast
) -> None:
    third = make_user("third@example.org")
    membership_add(group=cast.group, user=third)
    first = make_meeting(cast.group, days=7, host=cast.member)
    second = make_meeting(cast.group, days=35, host=cast.member)
    membership_leave(membership=cast.group.memberships.get(user=cast.member))
    for before in (first, second):
        after = Meeting.objects.get(pk=before.pk)
        assert after.host not in (None, cast.member)
        # Given the next in line in one change, which calendars apply with a new SEQUENCE.
        assert after.sequence == 1


def test_a_member_who_leaves_leaves_nobody_hosting_twice_in_a_row(
    now: datetime, cast: Cast
) -> None:
    # Three members take turns; the third leaves: the other two alternate from then on.
    third = make_user("third@example.org")
    membership_add(group=cast.group, user=third)
    hosts = [cast.organizer, cast.member, third, cast.organizer, cast.member, third]
    meetings = [
        make_meeting(cast.group, days=7 * (index + 1), host=host)
        for index, host in enumerate(hosts)
    ]
    membership_leave(membership=cast.group.memberships.get(user=third))
    after = [Meeting.objects.get(pk=m.pk).host for m in meetings]
    assert after == [cast.organizer, cast.member] * 3


def test_setting_the_same_host_again_changes_nothing(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=7, host=cast.member)
    meeting_host_set(meeting=meeting, host=cast.member)
    assert Meeting.objects.get(pk=meeting.pk).sequence == 0
    meeting_host_set(meeting=meeting, host=cast.organizer)
    assert Meeting.objects.get(pk=meeting.pk).sequence == 1
