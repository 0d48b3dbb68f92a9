"""Issue 20: the group page and the meeting pages say what a person would say."""

from datetime import datetime, time, timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from peercircle.groups.actions.group import group_start
from peercircle.groups.models import RecurrenceKind
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.schedule import schedule_set
from peercircle.meetings.templatetags.sentences import full_stop
from tests.conftest import Cast, make_meeting, make_user, page_text, run_meeting_now


def _new_group_page(cast: Cast) -> str:
    nora = make_user("nora@example.org", display_name="Nora New")
    group = group_start(
        user=nora, name="Nora's circle", purpose="", timezone="Europe/Berlin",
        agreement_text="We keep it here.",
    )  # fmt: skip
    return page_text(cast.client_for(nora), reverse("group_detail", args=[group.pk]))


def test_a_new_group_gets_no_attendance_warning(cast: Cast) -> None:
    text = _new_group_page(cast)
    assert "came to one of the last three meetings" not in text
    assert "No meeting has been held yet" in text


def test_a_meeting_ahead_does_not_count_as_held(now: datetime, cast: Cast) -> None:
    make_meeting(cast.group, days=3)
    text = page_text(cast.client_for(cast.organizer), reverse("group_detail", args=[cast.group.pk]))
    assert "came to one of the last three meetings" not in text


def test_after_a_held_meeting_few_who_came_are_warned_about(now: datetime, cast: Cast) -> None:
    make_meeting(cast.group, days=-3)
    text = page_text(cast.client_for(cast.organizer), reverse("group_detail", args=[cast.group.pk]))
    assert "Only 0 members came to one of the last three meetings" in text


def test_where_and_when_says_not_scheduled_before_a_schedule(cast: Cast) -> None:
    text = _new_group_page(cast)
    assert "Not scheduled yet" in text and "<dt>Meets</dt><dd>Every month" not in text


def test_where_and_when_shows_the_schedule_and_its_place(now: datetime, cast: Cast) -> None:
    schedule_set(
        group=cast.group, kind=RecurrenceKind.MONTHLY_NTH, weekday=1, nth=2, rrule="",
        start_date=timezone.localdate(), start_time=time(18, 0), duration_minutes=90,
        zone="Europe/Berlin", place="Café Kranzler", notify_members=False,
    )  # fmt: skip
    text = page_text(cast.client_for(cast.member), reverse("group_detail", args=[cast.group.pk]))
    details = text[text.index('id="group-details"') : text.index('id="group-schedule"')]
    assert "Café Kranzler" in details and "Not scheduled yet" not in details
    assert "(Europe/Berlin)" in details


def test_full_stop_is_added_only_where_a_sentence_has_none() -> None:
    assert full_stop("Should I push back?") == "Should I push back?"
    assert full_stop("Finally done!") == "Finally done!"
    assert full_stop("A plan.") == "A plan."
    assert full_stop("A plan ") == "A plan."
    assert full_stop("") == ""


def test_the_saved_check_in_reads_as_a_sentence(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=2)
    checkin_save(
        meeting=meeting, user=cast.member, response="feedback", minutes=10,
        topic="Should I push back?", success="Paper submitted!",
    )  # fmt: skip
    text = page_text(cast.client_for(cast.member), reverse("meeting_detail", args=[meeting.pk]))
    assert "push back?." not in text and "push back?" in text
    assert "submitted!." not in text


def test_agenda_reasons_read_as_sentences(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    text = page_text(cast.client_for(cast.member), reverse("meeting_detail", args=[meeting.pk]))
    assert "How: asked" not in text
    assert "everything asked fits" not in text


def test_a_meeting_under_way_shows_who_is_here_not_who_is_going(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    text = page_text(cast.client_for(cast.member), reverse("meeting_detail", args=[meeting.pk]))
    assert "0 going" not in text and "Under way now: 2 here." in text


def test_during_overrun_the_host_sees_one_set_of_controls(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    client = cast.client_for(cast.organizer)
    with time_machine.travel(now + timedelta(minutes=40), tick=False):
        text = page_text(client, reverse("meeting_run", args=[meeting.pk]))
    assert "Move on" in text and "One more minute" in text
    assert "data-on-time-only hidden>+1 min" in text
    assert "data-on-time-only hidden>Next" in text


def test_a_failed_check_in_lists_its_errors_in_a_focusable_summary(
    now: datetime, cast: Cast
) -> None:
    meeting = make_meeting(cast.group, days=2)
    url = reverse("meeting_checkin", args=[meeting.pk])
    response = cast.client_for(cast.member).post(url, {"response": "", "minutes": "abc"})
    body = response.content.decode()
    assert response.status_code in (200, 422)
    assert 'role="alert" tabindex="-1" data-error-summary' in body
    assert 'href="#id_minutes"' in body
