"""The meeting's actions: check-in, the live run, overruns, concurrency, notes, summary mail."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from peercircle.meetings import queries
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.live import StaleRun
from peercircle.meetings.actions.records import attendance_set, comments_set, note_add
from peercircle.meetings.actions.run import run_control, run_take_over
from peercircle.meetings.models import (
    AgendaItem,
    CheckIn,
    ItemKind,
    RunState,
    RunStatus,
    Status,
)
from tests.conftest import Cast, access_for, make_meeting, run_meeting_now


def slot_of(meeting, user) -> AgendaItem:
    return meeting.agenda_items.get(kind=ItemKind.SLOT, presenter=user)


def go_to_slot(meeting, user, by) -> RunState:
    run = RunState.objects.get(meeting=meeting)
    target = slot_of(meeting, user).position
    while run.position < target:
        run = run_control(meeting=meeting, by=by, command="next", version=run.version)
    return run


def test_checkin_before_the_start_is_on_time_and_after_is_late(now: datetime, cast: Cast) -> None:
    soon = make_meeting(cast.group, days=1)
    early = checkin_save(meeting=soon, user=cast.member, response="feedback", minutes=9)
    assert not early.late
    started = make_meeting(cast.group, days=0)
    started.starts_at = timezone.now() - timedelta(minutes=5)
    started.save(update_fields=["starts_at"])
    late = checkin_save(meeting=started, user=cast.member, response="feedback", minutes=9)
    assert late.late


def test_passing_stores_no_minutes_and_over_meetings_refuse_checkins(
    now: datetime, cast: Cast
) -> None:
    soon = make_meeting(cast.group, days=1)
    assert checkin_save(meeting=soon, user=cast.member, response="pass", minutes=20).ask == 0
    past = make_meeting(cast.group, days=-2)
    with pytest.raises(ValidationError, match="over"):
        checkin_save(meeting=past, user=cast.member, response="feedback", minutes=5)


def test_minutes_out_of_range_are_refused(now: datetime, cast: Cast) -> None:
    soon = make_meeting(cast.group, days=1)
    with pytest.raises(ValidationError):
        checkin_save(meeting=soon, user=cast.member, response="feedback", minutes=500)


def test_start_fixes_the_agenda_and_takes_attendance(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    kinds = list(meeting.agenda_items.values_list("kind", flat=True))
    assert kinds == ["roundtable", "review", "slot", "slot", "new_goals", "wrap_up"]
    assert meeting.attendance.filter(present=True).count() == 2
    run = RunState.objects.get(meeting=meeting)
    assert run.status == RunStatus.RUNNING and run.runner == cast.organizer


def test_two_devices_pressing_next_at_once_move_one_item(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    run = RunState.objects.get(meeting=meeting)
    run_control(meeting=meeting, by=cast.organizer, command="next", version=run.version)
    with pytest.raises(StaleRun):
        run_control(meeting=meeting, by=cast.organizer, command="next", version=run.version)
    assert RunState.objects.get(meeting=meeting).position == 1


def test_only_the_runner_controls_until_someone_takes_over(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    version = RunState.objects.get(meeting=meeting).version
    with pytest.raises(PermissionDenied):
        run_control(meeting=meeting, by=cast.member, command="pause", version=version)
    run = run_take_over(access=access_for(cast.member, meeting))
    run_control(meeting=meeting, by=cast.member, command="pause", version=run.version)
    back = run_take_over(access=access_for(cast.organizer, meeting))
    assert back.runner == cast.organizer


def test_an_overrun_shrinks_later_slots_and_never_grows_them(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    run = go_to_slot(meeting, cast.organizer, cast.organizer)
    first, second = slot_of(meeting, cast.organizer), slot_of(meeting, cast.member)
    planned_second = second.planned_minutes
    later = timezone.now() + timedelta(minutes=first.planned_minutes + 3)
    run_control(
        meeting=meeting,
        by=cast.organizer,
        command="next",
        version=run.version,
        outcome="yes",
        now=later,
    )
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.planned_minutes == planned_second - 3
    assert first.outcome == "yes"
    assert first.actual_seconds >= (first.planned_minutes + 3) * 60 - 1


def test_back_keeps_what_was_recorded(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    run = go_to_slot(meeting, cast.organizer, cast.organizer)
    run = run_control(
        meeting=meeting, by=cast.organizer, command="next", version=run.version, outcome="partly"
    )
    run_control(meeting=meeting, by=cast.organizer, command="back", version=run.version)
    assert slot_of(meeting, cast.organizer).outcome == "partly"
    assert (
        RunState.objects.get(meeting=meeting).position == slot_of(meeting, cast.organizer).position
    )


def test_finishing_mails_attendees_only_without_topics(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    attendance_set(access=access_for(cast.organizer, meeting), present={cast.organizer.pk})
    run = RunState.objects.get(meeting=meeting)
    with pytest.raises(ValidationError):
        run_control(meeting=meeting, by=cast.organizer, command="jump", version=run.version)
    mail.outbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        run_control(meeting=meeting, by=cast.organizer, command="finish", version=run.version)
    meeting.refresh_from_db()
    assert meeting.status == Status.HELD
    assert [m.to for m in mail.outbox] == [[cast.organizer.email]]
    body = mail.outbox[0].body
    # The group agreement's first line opens the summary (the seed's, by default).
    assert body.startswith("What is said in the group stays in the group.")
    html = str(getattr(mail.outbox[0], "alternatives", [("", "")])[0][0])
    assert "Topic-" not in body and "Topic-" not in html


def test_comments_are_recorded_on_slots_by_any_member(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    item = slot_of(meeting, cast.organizer)
    comments_set(item=item, by=cast.member, commenters={cast.member.pk})
    assert list(item.comments.values_list("commenter_id", flat=True)) == [cast.member.pk]
    with pytest.raises(ValidationError):
        comments_set(item=item, by=cast.member, commenters={cast.organizer.pk})
    with pytest.raises(ValidationError):
        comments_set(item=item, by=cast.member, commenters={cast.other_member.pk})


def test_after_the_meeting_only_the_host_adds_shared_notes(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast, host=cast.member)
    run = RunState.objects.get(meeting=meeting)
    run_control(meeting=meeting, by=cast.member, command="finish", version=run.version)
    note_add(access=access_for(cast.member, meeting), text="Host's afterthought", shared=True)
    with pytest.raises(ValidationError, match="only its host"):
        note_add(access=access_for(cast.organizer, meeting), text="Late", shared=True)
    note_add(access=access_for(cast.organizer, meeting), text="Mine", shared=False)
    with pytest.raises(ValidationError):
        note_add(access=access_for(cast.member, meeting), text="a\x00b", shared=True)


def test_a_late_checkin_during_the_run_gets_a_floor_slot_at_the_end(
    now: datetime, cast: Cast
) -> None:
    meeting = run_meeting_now(cast)
    run_take_over(access=access_for(cast.organizer, meeting))
    from peercircle.groups.actions.membership import membership_add
    from tests.conftest import make_user

    late = make_user("late@example.org")
    membership_add(group=cast.group, user=late)
    checkin = checkin_save(meeting=meeting, user=late, response="feedback", minutes=20)
    assert checkin.late
    slot = slot_of(meeting, late)
    assert slot.planned_minutes == queries.FLOOR
    slots = list(meeting.agenda_items.filter(kind=ItemKind.SLOT))
    assert slots[-1] == slot


def test_priority_goes_to_those_cut_short_last_time(now: datetime, cast: Cast) -> None:
    first = run_meeting_now(cast)
    item = slot_of(first, cast.member)
    item.planned_minutes = 5
    item.save(update_fields=["planned_minutes"])
    later = make_meeting(cast.group, days=7)
    assert queries.priority_ids(later) == {cast.member.pk}


def test_priority_also_goes_to_those_who_passed_and_not_to_those_given_their_ask(
    now: datetime, cast: Cast
) -> None:
    first = make_meeting(cast.group, days=1)
    assert queries.priority_ids(first) == set()  # no earlier meeting with an agenda
    meeting = run_meeting_now(cast)
    CheckIn.objects.filter(meeting=meeting, user=cast.organizer).update(response="pass", minutes=0)
    item = slot_of(meeting, cast.member)
    item.planned_minutes = item.asked_minutes
    item.save(update_fields=["planned_minutes"])
    make_meeting(cast.group, days=3)  # no agenda: the one before it still counts
    later = make_meeting(cast.group, days=7)
    assert queries.priority_ids(later) == {cast.organizer.pk}


def test_during_overtime_everyone_sees_later_slots_shrink(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    run = go_to_slot(meeting, cast.organizer, cast.organizer)
    first, second = slot_of(meeting, cast.organizer), slot_of(meeting, cast.member)
    over = timezone.now() + timedelta(minutes=first.planned_minutes + 2, seconds=5)
    state = queries.snapshot(meeting, RunState.objects.get(meeting=meeting), over)
    projected = {item["id"]: item["projected"] for item in state["items"]}
    assert projected[second.pk] == second.planned_minutes - 2
    assert projected[first.pk] is None
    assert run.status == RunStatus.RUNNING


def test_the_host_can_pick_who_absorbs_an_overrun(now: datetime, cast: Cast) -> None:
    from peercircle.groups.actions.membership import membership_add
    from tests.conftest import make_user

    meeting = run_meeting_now(cast)
    third = make_user("third@example.org")
    membership_add(group=cast.group, user=third)
    checkin_save(meeting=meeting, user=third, response="feedback", minutes=5)
    run = go_to_slot(meeting, cast.organizer, cast.organizer)
    second, last = slot_of(meeting, cast.member), slot_of(meeting, third)
    before = (second.planned_minutes, last.planned_minutes)
    later = timezone.now() + timedelta(minutes=slot_of(meeting, cast.organizer).planned_minutes + 2)
    run_control(
        meeting=meeting,
        by=cast.organizer,
        command="next",
        version=run.version,
        absorb=cast.member.pk,
        now=later,
    )
    second.refresh_from_db()
    last.refresh_from_db()
    assert (second.planned_minutes, last.planned_minutes) == (before[0] - 2, before[1])


def test_a_second_start_finds_the_meeting_started_whoever_taps(now: datetime, cast: Cast) -> None:
    from peercircle.meetings.actions.run import run_start
    from peercircle.meetings.models import Attendance

    meeting = run_meeting_now(cast, host=cast.member)
    # The organizer's start arrives second: a plain "already started", not a 403 or a 500.
    with pytest.raises(StaleRun, match="already started"):
        run_start(access=access_for(cast.organizer, meeting), present={cast.member.pk})
    assert Attendance.objects.filter(meeting=meeting).count() == 2
    assert RunState.objects.get(meeting=meeting).runner == cast.member


def test_attendance_updates_existing_rows_and_inserts_the_missing_ones(
    now: datetime, cast: Cast
) -> None:
    from peercircle.meetings.models import Attendance

    meeting = make_meeting(cast.group, days=0, host=cast.organizer)
    access = access_for(cast.organizer, meeting)
    # A row made earlier (an earlier attendance tap) is updated, the others inserted.
    Attendance.objects.create(meeting=meeting, user=cast.member, present=False)
    attendance_set(access=access, present={cast.organizer.pk})
    rows = dict(Attendance.objects.filter(meeting=meeting).values_list("user__email", "present"))
    assert rows == {"organizer@example.org": True, "member@example.org": False}
