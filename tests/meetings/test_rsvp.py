"""RSVP on the meeting page: going / maybe / not going with a note; host swaps."""

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.meetings.models import Rsvp
from tests.conftest import GROUP_READ, Cast, make_meeting


@pytest.mark.parametrize(("who", "status"), GROUP_READ)
def test_rsvp_permissions(now: datetime, cast: Cast, who: str, status: int) -> None:
    meeting = make_meeting(cast.group, days=3)
    client = cast.client_for(getattr(cast, who))
    data = {"answer": "going", "note": "Bringing cake"}
    response = client.post(reverse("meeting_rsvp", args=[meeting.pk]), data)
    assert response.status_code == (302 if status == 200 else status)
    assert Rsvp.objects.exists() == (status == 200)


def test_rsvp_anonymous_and_wrong_method(now: datetime, cast: Cast) -> None:
    url = reverse("meeting_rsvp", args=[make_meeting(cast.group, days=3).pk])
    assert Client().post(url, {"answer": "going"}).status_code == 302
    assert cast.client_for(cast.member).get(url).status_code == 405
    assert not Rsvp.objects.exists()


def test_the_group_and_the_host_see_who_is_coming_with_notes(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=3, host=cast.organizer)
    url = reverse("meeting_rsvp", args=[meeting.pk])
    member = cast.client_for(cast.member)
    response = member.post(
        url, {"answer": "maybe", "note": "<b>late</b>"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="meeting-rsvp"' in body and "<html" not in body
    assert "&lt;b&gt;late&lt;/b&gt;" in body and "Your answer is saved" in body
    member.post(url, {"answer": "going", "note": ""})
    assert Rsvp.objects.get().answer == "going"  # answering again replaces
    page = cast.client_for(cast.organizer).get(reverse("meeting_detail", args=[meeting.pk]))
    assert "Mina Member</strong>: going" in page.content.decode()
    assert "1 going" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answer": "perhaps"}, "Select a valid choice"),
        ({"answer": "going", "note": "x" * 10_000}, "at most 140 characters"),
        ({"answer": "going", "note": "a\x00b"}, "Null characters are not allowed"),
    ],
)
def test_bad_rsvps_are_refused(
    now: datetime, cast: Cast, data: dict[str, str], message: str
) -> None:
    url = reverse("meeting_rsvp", args=[make_meeting(cast.group, days=3).pk])
    response = cast.client_for(cast.member).post(url, data, headers={"HX-Request": "true"})
    assert response.status_code == 422 and message in response.content.decode()
    assert not Rsvp.objects.exists()


def test_answers_are_closed_for_past_meetings(now: datetime, cast: Cast) -> None:
    url = reverse("meeting_rsvp", args=[make_meeting(cast.group, days=-3).pk])
    response = cast.client_for(cast.member).post(
        url, {"answer": "going"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422 and b"Answers are closed" in response.content


SWAP = [
    ("organizer", 302),
    ("member", 403),
    ("other_member", 404),
    ("coordinator", 403),
    ("outsider", 404),
]


@pytest.mark.parametrize(("who", "status"), SWAP)
def test_host_swap_permissions(now: datetime, cast: Cast, who: str, status: int) -> None:
    first = make_meeting(cast.group, days=3, host=cast.organizer)
    second = make_meeting(cast.group, days=10, host=cast.member)
    client = cast.client_for(getattr(cast, who))
    response = client.post(reverse("meeting_swap", args=[first.pk]), {"other": second.pk})
    assert response.status_code == status
    first.refresh_from_db()
    assert (first.host == cast.member) == (status == 302)


def test_host_swap_anonymous_wrong_method_and_bad_input(now: datetime, cast: Cast) -> None:
    first = make_meeting(cast.group, days=3, host=cast.organizer)
    elsewhere = make_meeting(cast.other_group, days=4)
    url = reverse("meeting_swap", args=[first.pk])
    assert Client().post(url, {"other": elsewhere.pk}).status_code == 302
    client = cast.client_for(cast.organizer)
    assert client.get(url).status_code == 405
    for other in (elsewhere.pk, "abc", first.pk):
        assert client.post(url, {"other": other}).status_code == 302
    first.refresh_from_db()
    assert first.host == cast.organizer and first.sequence == 0
