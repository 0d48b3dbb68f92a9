"""The meeting, check-in and live run pages are cached parts (meetings/parts.py): every
write shows on the next read of another member, the clock still moves them, outsiders are
still refused, private things stay private, and every form carries its own request's token."""

import re
from datetime import datetime, timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peercircle.accounts.actions import profile_update
from peercircle.meetings.actions.run import run_control
from peercircle.meetings.models import RunState
from peercircle.meetings.parts import CSRF_STAND_IN
from tests.conftest import Cast, make_meeting, page_text, run_meeting_now
from tests.goals.helpers import make_goal

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def detail(meeting_pk: int) -> str:
    return reverse("meeting_detail", args=[meeting_pk])


def test_an_rsvp_shows_to_another_member_on_their_next_read(cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=3)
    member = cast.client_for(cast.member)
    assert "0 going." in page_text(member, detail(meeting.pk))
    response = cast.client_for(cast.organizer).post(
        reverse("meeting_rsvp", args=[meeting.pk]), {"answer": "going", "note": "Bringing cake"}
    )
    assert response.status_code == 302
    body = page_text(member, detail(meeting.pk))
    assert "1 going." in body and "Bringing cake" in body


def test_a_checkin_shows_in_the_agenda_of_the_others(cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=3)
    member = cast.client_for(cast.member)
    assert "Topic-O" not in page_text(member, detail(meeting.pk))
    posted = cast.client_for(cast.organizer).post(
        reverse("meeting_checkin", args=[meeting.pk]),
        {"response": "feedback", "minutes": "10", "topic": "Topic-O"},
    )
    assert posted.status_code == 302
    assert "Topic-O" in page_text(member, detail(meeting.pk))


def test_a_new_name_shows_in_the_members_list(cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=3)
    member = cast.client_for(cast.member)
    assert "Olu Organizer" in page_text(member, detail(meeting.pk))
    who = cast.organizer
    profile_update(
        user=who,
        display_name="Olu Renamed",
        pronouns=who.pronouns,
        timezone=who.timezone,
        department=who.department,
        lab=who.lab,
        career_stage=who.career_stage,
    )
    body = page_text(member, detail(meeting.pk))
    assert "Olu Renamed" in body and "Olu Organizer" not in body


def test_the_clock_moves_the_page_when_the_meeting_starts(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=1)
    member = cast.client_for(cast.member)
    assert "Under way now" not in page_text(member, detail(meeting.pk))
    with time_machine.travel(meeting.starts_at + timedelta(minutes=5), tick=False):
        assert "Under way now" in page_text(member, detail(meeting.pk))
    with time_machine.travel(meeting.ends_at + timedelta(minutes=5), tick=False):
        body = page_text(member, detail(meeting.pk))
        assert "Under way now" not in body and "Change your check-in" not in body


def test_a_private_goal_stays_its_owners_with_the_parts_cached(cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=1)
    make_goal(cast.member, cast.group, "A secret plan", due_in_days=-1, private=True)
    assert "A secret plan" in page_text(cast.client_for(cast.member), detail(meeting.pk))
    body = page_text(cast.client_for(cast.organizer), detail(meeting.pk))
    assert "A secret plan" not in body and "1 private goal" in body


def test_outsiders_are_refused_with_the_parts_cached(cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=1)
    member = cast.client_for(cast.member)
    for name in ("meeting_detail", "meeting_checkin", "meeting_run"):
        url = reverse(name, args=[meeting.pk])
        page_text(member, url)
        assert cast.client_for(cast.other_member).get(url).status_code == 404
        assert cast.client_for(cast.outsider).get(url).status_code == 404
        assert cast.client_for(cast.coordinator).get(url).status_code == 403


def test_each_browser_gets_its_own_token_in_the_cached_forms(cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=3)
    make_goal(cast.member, cast.group, "Reviewable", due_in_days=-1)
    browsers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    for browser in browsers:
        browser.force_login(cast.member)
    pages = [page_text(browser, detail(meeting.pk)) for browser in browsers]
    assert all(CSRF_STAND_IN not in body for body in pages)
    for browser, body in zip(browsers, pages, strict=True):
        rsvp = body[body.index('id="meeting-rsvp"') :]
        review = body[body.index('id="meeting-review"') :]
        for part in (rsvp, review):  # both from the viewer's cached part
            token = TOKEN.search(part)
            assert token is not None
            response = browser.post(
                reverse("meeting_rsvp", args=[meeting.pk]),
                {"answer": "maybe", "csrfmiddlewaretoken": token.group(1)},
            )
            assert response.status_code == 302


def test_the_checkin_form_shows_the_saved_checkin_to_its_writer_only(cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=3)
    url = reverse("meeting_checkin", args=[meeting.pk])
    member = cast.client_for(cast.member)
    assert "My own topic" not in page_text(member, url)
    member.post(url, {"response": "support", "minutes": "12", "topic": "My own topic"})
    assert 'value="My own topic"' in page_text(member, url)
    assert "My own topic" not in page_text(cast.client_for(cast.organizer), url)


def test_the_checkin_form_with_errors_is_rendered_from_the_post(cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=3)
    url = reverse("meeting_checkin", args=[meeting.pk])
    member = cast.client_for(cast.member)
    page_text(member, url)
    response = member.post(url, {"response": "support", "minutes": "999", "topic": "Too long"})
    assert response.status_code == 422
    assert 'value="Too long"' in response.content.decode()


def test_the_run_page_follows_the_run_through_its_states(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=0)
    url = reverse("meeting_run", args=[meeting.pk])
    member = cast.client_for(cast.member)
    assert "Not started yet" in page_text(member, url)
    begun = cast.client_for(cast.organizer).post(
        reverse("meeting_run_begin", args=[meeting.pk]),
        {"present": [cast.organizer.pk, cast.member.pk]},
    )
    assert begun.status_code == 302
    assert "Item 1 of" in page_text(member, url)
    run = RunState.objects.get(meeting=meeting)
    run_control(meeting=meeting, by=cast.organizer, command="pause", version=run.version)
    assert "Paused" in page_text(member, url)
    # Paused, the page is a cached part; a resume must still show on the next read.
    page_text(member, url)
    run.refresh_from_db()
    run_control(meeting=meeting, by=cast.organizer, command="start", version=run.version)
    assert "Running" in page_text(member, url)


def test_a_running_timer_is_never_served_from_the_cache(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    url = reverse("meeting_run", args=[meeting.pk])
    member = cast.client_for(cast.member)
    first = re.search(r'role="timer"[^>]*>([^<]+)<', page_text(member, url))
    with time_machine.travel(timezone.now() + timedelta(seconds=30), tick=False):
        later = re.search(r'role="timer"[^>]*>([^<]+)<', page_text(member, url))
    assert first is not None and later is not None and first.group(1) != later.group(1)


def test_a_note_draft_stays_with_its_writer_on_the_cached_run_page(
    now: datetime, cast: Cast
) -> None:
    meeting = run_meeting_now(cast)
    run = RunState.objects.get(meeting=meeting)
    run_control(meeting=meeting, by=cast.organizer, command="pause", version=run.version)
    url = reverse("meeting_run", args=[meeting.pk])
    member = cast.client_for(cast.member)
    organizer = cast.client_for(cast.organizer)
    page_text(member, url)
    page_text(organizer, url)
    drafted = member.post(reverse("meeting_note_draft", args=[meeting.pk]), {"text": "Half-said"})
    assert drafted.status_code == 204
    assert "Half-said" in page_text(member, url)
    assert "Half-said" not in page_text(organizer, url)
