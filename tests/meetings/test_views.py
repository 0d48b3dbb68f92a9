from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.meetings.models import Meeting
from tests.conftest import GROUP_READ, GROUP_WRITE, Cast, make_meeting

# Meetings are planned up to two years ahead: the tests use next year's dates.
NEXT_YEAR = 2027  # the year after the `now` fixture's 2026


@pytest.mark.parametrize(
    ("who", "status"),
    GROUP_READ,
)
def test_meeting_page_permissions(now: datetime, cast: Cast, who: str, status: int) -> None:
    meeting = make_meeting(cast.group, days=2)
    response = cast.client_for(getattr(cast, who)).get(reverse("meeting_detail", args=[meeting.pk]))
    assert response.status_code == status


def test_meeting_page_sends_anonymous_to_login(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=2)
    response = Client().get(reverse("meeting_detail", args=[meeting.pk]))
    assert response.status_code == 302


def test_meeting_time_is_shown_in_the_viewers_time_zone(now: datetime, cast: Cast) -> None:
    cast.member.timezone = "Asia/Tokyo"
    cast.member.save(update_fields=["timezone"])
    starts = datetime(NEXT_YEAR, 3, 4, 23, 30, tzinfo=ZoneInfo("UTC"))
    meeting = Meeting.objects.create(group=cast.group, starts_at=starts)
    body = cast.client_for(cast.member).get(reverse("meeting_detail", args=[meeting.pk])).content
    tokyo_day = datetime(NEXT_YEAR, 3, 5).strftime("%A 5 March %Y")  # noqa: DTZ001
    assert tokyo_day.encode() in body
    assert b"08:30" in body


NEW = {
    "starts_at": f"{NEXT_YEAR}-05-08T18:00",
    "duration_minutes": "90",
    "location": "Room 5",
    "host": "",
}


@pytest.mark.parametrize(
    ("who", "status"),
    GROUP_WRITE,
)
def test_schedule_meeting_permissions(now: datetime, cast: Cast, who: str, status: int) -> None:
    client = cast.client_for(getattr(cast, who))
    response = client.post(reverse("meeting_new", args=[cast.group.pk]), NEW)
    assert response.status_code == status
    assert cast.group.meetings.exists() == (status == 302)


def test_schedule_meeting_anonymous_and_wrong_method(now: datetime, cast: Cast) -> None:
    url = reverse("meeting_new", args=[cast.group.pk])
    assert Client().post(url, NEW).status_code == 302
    assert cast.client_for(cast.organizer).put(url).status_code == 405
    assert not cast.group.meetings.exists()


def test_scheduled_time_is_read_in_the_organizers_time_zone(now: datetime, cast: Cast) -> None:
    cast.organizer.timezone = "America/Chicago"
    cast.organizer.save(update_fields=["timezone"])
    client = cast.client_for(cast.organizer)
    client.post(reverse("meeting_new", args=[cast.group.pk]), {**NEW, "host": cast.member.pk})
    meeting = cast.group.meetings.get()
    assert meeting.starts_at == datetime(NEXT_YEAR, 5, 8, 23, 0, tzinfo=ZoneInfo("UTC"))
    assert meeting.host == cast.member


def test_schedule_meeting_refuses_a_host_from_another_group(now: datetime, cast: Cast) -> None:
    client = cast.client_for(cast.organizer)
    data = {**NEW, "host": cast.other_member.pk}
    response = client.post(reverse("meeting_new", args=[cast.group.pk]), data)
    assert response.status_code == 422
    assert b"Select a valid choice" in response.content
    assert not cast.group.meetings.exists()


def test_schedule_meeting_reports_bad_length(now: datetime, cast: Cast) -> None:
    client = cast.client_for(cast.organizer)
    response = client.post(
        reverse("meeting_new", args=[cast.group.pk]), {**NEW, "duration_minutes": "5"}
    )
    assert response.status_code == 422
    assert b"greater than or equal to 15" in response.content


def test_a_meeting_under_way_says_so_on_its_page_and_the_dashboard(
    now: datetime, cast: Cast
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from peercircle.meetings.actions.meeting import meeting_schedule

    meeting = meeting_schedule(
        group=cast.group, starts_at=timezone.now() - timedelta(minutes=10), allow_past=True
    )
    client = cast.client_for(cast.member)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert "Under way now" in page
    assert "Under way now:" in client.get("/").content.decode()
