"""Calendar feeds and .ics files, parsed back with icalendar."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from peercircle.groups.actions.membership import membership_add
from peercircle.groups.models import Membership, RecurrenceKind
from peercircle.meetings.actions.calendar_feed import calendar_feed_regenerate, calendar_feed_revoke
from peercircle.meetings.actions.meeting import meeting_cancel, meeting_move
from peercircle.meetings.actions.schedule import schedule_set
from peercircle.meetings.calendar import feed_token
from peercircle.meetings.models import Meeting
from tests.conftest import GROUP_READ, Cast, count_queries, make_meeting


def feed_url(cast: Cast, user=None) -> str:
    feed = calendar_feed_regenerate(user=user or cast.member)
    return reverse("calendar_feed", args=[feed_token(feed)])


def events(body: bytes) -> list:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def berlin_weekly(cast: Cast) -> None:
    cast.group.timezone = "Europe/Berlin"
    schedule_set(
        group=cast.group,
        kind=RecurrenceKind.WEEKLY,
        weekday=3,
        nth=1,
        rrule="",
        start_date=timezone.localdate(),
        start_time=time(7, 30),
        duration_minutes=90,
        zone="Europe/Berlin",
        place="Café Einstein",
    )


def test_feed_without_a_session_lists_every_upcoming_meeting_at_the_right_instants(
    now: datetime,
    cast: Cast,
) -> None:
    berlin_weekly(cast)
    url = feed_url(cast)
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]).endswith("Mina Member")
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content
    assert b"RRULE" not in response.content and b"EXDATE" not in response.content
    assert {tz["TZID"] for tz in calendar.walk("VTIMEZONE")} == {"Europe/Berlin"}
    found = events(response.content)
    meetings = list(cast.group.meetings.upcoming())
    # Every Thursday from 11 June to 10 December 2026, the 183-day horizon.
    assert len(found) == len(meetings) == 27
    by_uid = {str(e["UID"]): e for e in found}
    offsets = set()
    for meeting in meetings:
        event = by_uid[f"meeting-{meeting.pk}@127.0.0.1"]
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Berlin"
        assert start.astimezone(UTC) == meeting.starts_at  # the right UTC instant
        assert (start.hour, start.minute) == (7, 30)  # 7:30 local, summer or winter
        offsets.add(start.utcoffset())
        assert str(event["LOCATION"]) == "Café Einstein"
        assert str(event["URL"]).endswith(reverse("meeting_detail", args=[meeting.pk]))
        assert "Host: " in str(event["DESCRIPTION"])
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}  # the series crosses DST


def test_feed_bumps_sequence_on_a_move_and_keeps_cancelled_meetings_two_weeks(
    now: datetime,
    cast: Cast,
) -> None:
    berlin_weekly(cast)
    first, second = cast.group.meetings.order_by("starts_at")[:2]
    meeting_move(meeting=first, starts_at=first.starts_at + timedelta(hours=2), location="Park")
    meeting_cancel(meeting=second)
    url = feed_url(cast)
    by_uid = {str(e["UID"]): e for e in events(Client().get(url).content)}
    moved = by_uid[f"meeting-{first.pk}@127.0.0.1"]
    assert moved["SEQUENCE"] == 1 and str(moved["LOCATION"]) == "Park"
    assert moved.decoded("LAST-MODIFIED") == now
    cancelled = by_uid[f"meeting-{second.pk}@127.0.0.1"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]) == "Cancelled: Alpha"
    Meeting.objects.filter(pk=second.pk).update(cancelled_at=now - timedelta(days=15))
    response = Client().get(url)
    assert response.status_code == 200
    assert f"meeting-{second.pk}@" not in response.content.decode()


def test_feed_holds_all_my_groups_and_no_one_elses(now: datetime, cast: Cast) -> None:
    membership_add(group=cast.other_group, user=cast.member)
    other_group_meeting = make_meeting(cast.other_group, days=10)
    own = make_meeting(cast.group, days=12)
    elsewhere = make_meeting(cast.other_group, days=11)
    url = feed_url(cast)
    uids = {str(e["UID"]) for e in events(Client().get(url).content)}
    assert uids == {f"meeting-{m.pk}@127.0.0.1" for m in (own, other_group_meeting, elsewhere)}
    Membership.objects.filter(group=cast.other_group, user=cast.member).delete()
    uids = {str(e["UID"]) for e in events(Client().get(url).content)}
    assert uids == {f"meeting-{own.pk}@127.0.0.1"}


@pytest.mark.parametrize("token", ["nope", "x" * 64, "a" * 200])
def test_a_tampered_or_revoked_feed_token_is_404(cast: Cast, token: str) -> None:
    url = feed_url(cast)
    assert Client().get(reverse("calendar_feed", args=[token])).status_code == 404
    calendar_feed_regenerate(user=cast.member)
    assert Client().get(url).status_code == 404  # regenerated: the old link is dead
    new = feed_url(cast)
    calendar_feed_revoke(user=cast.member)
    assert Client().get(new).status_code == 404
    assert Client().post(new).status_code in (404, 405)


def test_calendar_page_offers_https_and_webcal_and_the_google_note(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    assert "Calendar" in client.get("/").content.decode()
    assert reverse("calendar_page") in client.get("/").content.decode()
    page = client.get(reverse("calendar_page")).content.decode()
    assert "Make my calendar link" in page
    response = client.post(reverse("calendar_regenerate"), follow=True)
    body = response.content.decode()
    assert "webcal://" in body and "http://127.0.0.1:8000/calendar/" in body
    assert "up to a day" in body
    assert client.post(reverse("calendar_revoke"), follow=True).status_code == 200


@pytest.mark.parametrize("name", ["calendar_page", "calendar_regenerate", "calendar_revoke"])
def test_calendar_pages_need_a_login_and_the_right_method(cast: Cast, name: str) -> None:
    url = reverse(name)
    response = Client().get(url) if name == "calendar_page" else Client().post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    wrong = cast.client_for(cast.member)
    assert (wrong.post(url) if name == "calendar_page" else wrong.get(url)).status_code == 405


@pytest.mark.parametrize(("who", "status"), GROUP_READ)
def test_meeting_ics_permissions(now: datetime, cast: Cast, who: str, status: int) -> None:
    meeting = make_meeting(cast.group, days=3)
    response = cast.client_for(getattr(cast, who)).get(reverse("meeting_ics", args=[meeting.pk]))
    assert response.status_code == status
    if status == 200:
        (event,) = events(response.content)
        assert event.decoded("DTSTART").astimezone(UTC) == meeting.starts_at


def test_meeting_ics_anonymous_and_wrong_method(now: datetime, cast: Cast) -> None:
    url = reverse("meeting_ics", args=[make_meeting(cast.group, days=3).pk])
    assert Client().get(url).status_code == 302
    assert cast.client_for(cast.member).post(url).status_code == 405


def test_a_chicago_meeting_keeps_its_local_time_in_the_ics(now: datetime, cast: Cast) -> None:
    cast.group.timezone = "America/Chicago"
    cast.group.save(update_fields=["timezone"])
    starts = datetime(2027, 3, 20, 7, 30, tzinfo=ZoneInfo("America/Chicago"))
    meeting = Meeting.objects.create(group=cast.group, starts_at=starts)
    body = cast.client_for(cast.member).get(reverse("meeting_ics", args=[meeting.pk])).content
    assert b"DTSTART;TZID=America/Chicago:20270320T073000" in body
    assert events(body)[0].decoded("DTSTART").astimezone(UTC).hour == 12


def test_feed_queries_do_not_grow_with_meetings_or_groups(now: datetime, cast: Cast) -> None:
    url = feed_url(cast)
    make_meeting(cast.group, days=2, host=cast.organizer)
    before = count_queries(Client(), url)
    membership_add(group=cast.other_group, user=cast.member)
    for days in range(3, 13):
        make_meeting(cast.other_group if days % 2 else cast.group, days=days, host=cast.member)
    assert count_queries(Client(), url) == before


def test_a_line_break_stored_in_a_group_name_still_gives_a_readable_calendar(
    now: datetime, cast: Cast
) -> None:
    # Stored before names refused control characters: the file is still one valid calendar.

    type(cast.group).objects.filter(pk=cast.group.pk).update(
        name="Alpha\r\nCircle\x07", meeting_place="Room\n5"
    )
    meeting = make_meeting(cast.group, days=3)
    type(meeting).objects.filter(pk=meeting.pk).update(location="Room\n5\x1b")
    response = cast.client_for(cast.member).get(reverse("meeting_ics", args=[meeting.pk]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Alpha Circle"
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Alpha Circle"
    assert str(event["LOCATION"]) == "Room 5"
    feed = Client().get(feed_url(cast))
    assert feed.status_code == 200 and b"Alpha Circle" in feed.content


def test_a_group_name_with_a_line_break_is_refused(now: datetime, cast: Cast) -> None:
    url = reverse("group_edit", args=[cast.group.pk])
    data = {"name": "Alpha\nCircle", "cadence": "monthly", "meeting_place": "", "video_url": ""}
    response = cast.client_for(cast.organizer).post(url, {**data, "version": cast.group.version})
    assert response.status_code == 422
    assert "Keep this on one line" in response.content.decode()
    cast.group.refresh_from_db()
    assert cast.group.name == "Alpha"
