"""The group and meeting funnels keep a member's answer under the group's version token
(groups/access.py, meetings/access.py): the next request reads no membership or meeting row,
and any write that could change the answer sends the one after back to the database."""

from datetime import datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peercircle.groups.actions.membership import membership_leave, organizer_hand_over
from peercircle.groups.models import Membership
from peercircle.meetings.actions.meeting import meeting_move
from tests.conftest import Cast, make_meeting


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_a_members_answer_is_kept_until_they_leave(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    edit = reverse("group_edit", args=[cast.group.pk])
    page = reverse("group_detail", args=[cast.group.pk])
    client.get(page)
    client.get(page)  # the answer is kept now
    membership = Membership.objects.get(group=cast.group, user=cast.member)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(edit).status_code == 403  # a member, not an organizer: from the cache
    assert not [q for q in queries if 'FROM "groups_membership"' in q["sql"]]
    membership_leave(membership=membership)
    assert client.get(page).status_code == 404


def test_a_role_handed_over_reaches_the_next_request(cast: Cast) -> None:
    organizer = cast.client_for(cast.organizer)
    edit = reverse("group_edit", args=[cast.group.pk])
    assert organizer.get(edit).status_code == 200
    assert organizer.get(edit).status_code == 200
    organizer_hand_over(
        group=cast.group,
        by=Membership.objects.get(group=cast.group, user=cast.organizer),
        to=Membership.objects.get(group=cast.group, user=cast.member),
    )
    assert organizer.get(edit).status_code == 403
    assert cast.client_for(cast.member).get(edit).status_code == 200


def test_the_kept_meeting_follows_a_move_and_lets_no_outsider_in(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=3)
    client = cast.client_for(cast.member)
    url = reverse("meeting_detail", args=[meeting.pk])
    first = _queries(client, url)  # this process has not read the meeting yet
    client.get(url)
    assert _queries(client, url) <= first - 2  # neither the meeting nor the membership read
    meeting_move(meeting=meeting, starts_at=now + timedelta(days=4), location="Room 9")
    assert "Room 9" in client.get(url).content.decode()
    assert cast.client_for(cast.other_member).get(url).status_code == 404
    assert cast.client_for(cast.coordinator).get(url).status_code == 403
