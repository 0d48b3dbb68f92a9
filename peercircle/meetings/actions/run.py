"""The live meeting: starting it, the host's taps, handing it over, finishing it."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.lib import versions
from peercircle.meetings import agenda, queries, timer
from peercircle.meetings.access import MeetingAccess
from peercircle.meetings.actions.agenda import agenda_materialize
from peercircle.meetings.actions.live import (
    NOT_RUNNER,
    StaleRun,
    may_control,
    meeting_locked,
    run_locked,
)
from peercircle.meetings.actions.meeting import meeting_save
from peercircle.meetings.actions.records import attendance_set, summary_send
from peercircle.meetings.models import (
    AgendaItem,
    ItemKind,
    Meeting,
    Outcome,
    RunState,
    RunStatus,
    Status,
)


@transaction.atomic
def run_start(*, access: MeetingAccess, present: set[int], now: datetime | None = None) -> RunState:
    """Take attendance, fix the agenda and start the clock on its first item."""
    now = now or timezone.now()
    meeting = access.meeting
    # Host and organizer may tap "start" at once, before any run row exists to lock: the
    # meeting row serialises them, and the second finds the meeting started.
    status = meeting_locked(meeting).status
    if status != Status.SCHEDULED:
        raise ValidationError(gettext("Only a scheduled meeting can be started."))
    run = run_locked(meeting)
    if run is not None and run.status != RunStatus.READY:
        raise StaleRun(gettext("The meeting has already started."))
    if not may_control(access, run):
        raise PermissionDenied(NOT_RUNNER)
    attendance_set(access=access, present=present)
    items = agenda_materialize(meeting)
    budget = items[0].planned_minutes * 60.0
    state = timer.start(timer.begin(budget), now)
    run = run or RunState(meeting=meeting)
    run.runner = access.user
    run.started_at = now
    _store(run, state, budget=budget)
    run.version += 1
    run.save()
    return run


def _store(run: RunState, state: timer.TimerState, *, budget: float | None = None) -> None:
    run.status = state.status
    run.position = state.position
    run.ends_at = state.ends_at
    run.remaining = state.remaining
    run.added = state.added
    if budget is not None:
        run.budget = budget


RUN_FIELDS = ["status", "position", "ends_at", "remaining", "added", "budget", "version"]


@transaction.atomic
def run_control(
    *,
    meeting: Meeting,
    by: User,
    command: str,
    version: int,
    outcome: str = "",
    absorb: int | None = None,
    now: datetime | None = None,
) -> RunState:
    """One tap of the host: start (resume), pause, add (a minute), next, back or finish.

    `version` is the state the host's page showed; if the meeting moved on since (another
    device tapped first) nothing changes and `StaleRun` says so.
    """
    now = now or timezone.now()
    run = run_locked(meeting)
    if run is None or run.status == RunStatus.READY:
        raise ValidationError(gettext("Start the meeting first."))
    if run.runner_id != by.pk:
        raise PermissionDenied(NOT_RUNNER)
    if run.version != version:
        raise StaleRun(gettext("The meeting moved on on another device; here is where it is now."))
    if run.status == RunStatus.FINISHED:
        raise ValidationError(gettext("This meeting has finished."))
    state = queries.timer_state(run)
    try:
        if command == "start":
            _store(run, timer.start(state, now))
        elif command == "pause":
            _store(run, timer.pause(state, now))
        elif command == "add":
            _store(run, timer.add_minute(state, now))
        elif command in ("next", "back", "finish"):
            _move(meeting, run, state, command, now, outcome=outcome, absorb=absorb)
        else:
            raise ValidationError(gettext("Unknown command %(command)r.") % {"command": command})
    except timer.TimerError as error:
        raise ValidationError(gettext(str(error))) from error
    # The conditional update is what makes two simultaneous taps safe on any database.
    changed = RunState.objects.filter(pk=run.pk, version=version).update(
        **{name: getattr(run, name) for name in RUN_FIELDS if name != "version"},
        version=version + 1,
        finished_at=run.finished_at,
    )
    if not changed:
        raise StaleRun(gettext("The meeting moved on on another device; here is where it is now."))
    versions.changed(("group", meeting.group_id))
    run.version = version + 1
    if run.status == RunStatus.FINISHED:
        _finish(meeting)
    return run


def _move(
    meeting: Meeting,
    run: RunState,
    state: timer.TimerState,
    command: str,
    now: datetime,
    *,
    outcome: str,
    absorb: int | None,
) -> None:
    items = list(meeting.agenda_items.select_related("presenter"))
    current = items[run.position]
    before = current.actual_seconds
    current.actual_seconds = before + max(0, round(timer.elapsed(state, now, run.budget)))
    if outcome:
        if outcome not in Outcome.values or current.kind != ItemKind.SLOT:
            raise ValidationError(gettext("An outcome is recorded for a member's slot only."))
        current.outcome = outcome
    current.save(update_fields=["actual_seconds", "outcome"])
    planned = current.planned_minutes * 60
    new_over = max(0, current.actual_seconds - planned) - max(0, before - planned)
    _absorb_overrun(items[run.position + 1 :], queries.overrun_minutes(new_over), absorb)
    target = run.position + (1 if command == "next" else -1)
    if command == "finish" or target >= len(items):
        _store(run, timer.finish(state, now))
        run.finished_at = now
        return
    if target < 0:
        raise ValidationError(gettext("This is the first item: there is nothing before it."))
    entering = items[target]
    budget = max(0.0, entering.planned_minutes * 60.0 - entering.actual_seconds)
    _store(run, timer.go_to(state, now, position=target, budget=budget), budget=budget)


def _absorb_overrun(later: list[AgendaItem], minutes: int, absorb: int | None) -> None:
    """Later slots not yet begun give up `minutes`: one chosen member first, else in proportion."""
    slots = [i for i in later if i.kind == ItemKind.SLOT and not i.actual_seconds]
    if not minutes or not slots:
        return
    chosen = next((i for i in slots if i.presenter_id == absorb), None)
    if chosen is not None:
        taken = min(chosen.planned_minutes, minutes)
        chosen.planned_minutes -= taken
        chosen.save(update_fields=["planned_minutes"])
        minutes -= taken
    shrunk = agenda.shrink([i.planned_minutes for i in slots], minutes)
    for item, value in zip(slots, shrunk, strict=True):
        if value != item.planned_minutes:
            item.planned_minutes = value
            item.save(update_fields=["planned_minutes"])


def _finish(meeting: Meeting) -> None:
    if meeting.status == Status.SCHEDULED:
        meeting.status = Status.HELD
        meeting_save(meeting, fields=["status"])
    summary_send(meeting=meeting)


@transaction.atomic
def run_take_over(*, access: MeetingAccess) -> RunState:
    """The caller runs the meeting from now on (asked for and confirmed; never automatic).

    Any member may: the access object proves the caller is one.
    """
    meeting = access.meeting
    run = run_locked(meeting) or RunState(meeting=meeting)
    if run.status == RunStatus.FINISHED:
        raise ValidationError(gettext("This meeting has finished."))
    run.runner = access.user
    run.version += 1
    run.save()
    return run
