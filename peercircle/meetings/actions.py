from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Membership, Schedule
from peercircle.mail.actions import mail_enqueue
from peercircle.meetings import agenda, queries, timer
from peercircle.meetings.access import can_control_run
from peercircle.meetings.models import (
    AgendaItem,
    Attendance,
    CheckIn,
    Comment,
    ItemKind,
    Meeting,
    Note,
    Outcome,
    Response,
    RunState,
    RunStatus,
    Status,
    validate_start,
)

# Longest meeting: a clash search only looks this far back for one still running.
_LONGEST = timedelta(minutes=480)


@transaction.atomic
def meeting_schedule(
    *,
    group: Group,
    starts_at: datetime,
    duration_minutes: int = 90,
    location: str = "",
    host: User | None = None,
    video_url: str = "",
    schedule: Schedule | None = None,
    allow_past: bool = False,
) -> Meeting:
    """A new meeting. `allow_past` records history (demo data, imports), never user input."""
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be timezone-aware")
    if not allow_past:
        validate_start(starts_at)
    if host is not None and not Membership.objects.filter(group=group, user=host).exists():
        raise ValidationError({"host": "The host must be a member of the group."})
    meeting = Meeting(
        group=group,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location.strip() or group.meeting_place,
        video_url=video_url.strip(),
        host=host,
        schedule=schedule,
    )
    meeting.full_clean(validate_constraints=False)
    check_no_clash(meeting)
    _save_or_clash(meeting, update_fields=None)
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting) -> Meeting:
    if meeting.starts_at > timezone.now():
        raise ValidationError("A meeting that has not started yet cannot be marked as held.")
    meeting.status = Status.HELD
    meeting.save(update_fields=["status"])
    return meeting


def find_clash(meeting: Meeting) -> Meeting | None:
    """Another live meeting of the group that overlaps `meeting`'s time, if any."""
    candidates = (
        Meeting.objects.filter(
            group_id=meeting.group_id,
            starts_at__lt=meeting.ends_at,
            starts_at__gt=meeting.starts_at - _LONGEST,
        )
        .exclude(status=Status.CANCELLED)
        .exclude(pk=meeting.pk)
    )
    for other in candidates:
        if other.ends_at > meeting.starts_at:
            return other
    return None


def check_no_clash(meeting: Meeting) -> None:
    other = find_clash(meeting)
    if other is not None:
        when = timezone.localtime(other.starts_at).strftime("%A %-d %B %Y at %H:%M")
        raise ValidationError(
            {"starts_at": f"That overlaps the group's meeting on {when}: choose another time."}
        )


def _save_or_clash(meeting: Meeting, *, update_fields: list[str] | None) -> None:
    # Two requests at once (a double click) both pass the clash check; the database's
    # unique start is the referee, and the loser gets the same sentence, not a 500.
    try:
        with transaction.atomic():
            if update_fields is None:
                meeting.save()
            else:
                meeting.save(update_fields=update_fields)
    except IntegrityError:
        raise ValidationError(
            {"starts_at": "The group already has a meeting at that time."}
        ) from None


# --- moving, cancelling and hosting one meeting (issue 8) ---


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    starts_at: datetime,
    location: str,
    video_url: str = "",
    notify: bool = True,
) -> Meeting:
    """Move one meeting (time and place) without touching the rest of its series."""
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be timezone-aware")
    if meeting.status != Status.SCHEDULED or meeting.starts_at < timezone.now():
        raise ValidationError("Only an upcoming meeting can be moved.")
    validate_start(starts_at)
    changed = (starts_at, location.strip(), video_url.strip()) != (
        meeting.starts_at,
        meeting.location,
        meeting.video_url,
    )
    if not changed:
        return meeting
    if meeting.original_starts_at is None and starts_at != meeting.starts_at:
        meeting.original_starts_at = meeting.starts_at
    meeting.starts_at = starts_at
    meeting.location = location.strip()
    meeting.video_url = video_url.strip()
    meeting.full_clean(validate_constraints=False)
    check_no_clash(meeting)
    _bump(meeting)
    fields = ["starts_at", "location", "video_url", "original_starts_at", "sequence"]
    _save_or_clash(meeting, update_fields=[*fields, "last_modified"])
    if notify:
        _notify(meeting, change="moved")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, notify: bool = True) -> Meeting:
    """Cancel one meeting; feeds keep it two weeks as cancelled so calendars drop it."""
    if meeting.status != Status.SCHEDULED or meeting.starts_at < timezone.now():
        raise ValidationError("Only an upcoming meeting can be cancelled.")
    meeting.status = Status.CANCELLED
    meeting.cancelled_at = timezone.now()
    _bump(meeting)
    meeting.save(update_fields=["status", "cancelled_at", "sequence", "last_modified"])
    if notify:
        _notify(meeting, change="cancelled")
    return meeting


@transaction.atomic
def meeting_hosts_swap(*, meeting: Meeting, other: Meeting) -> None:
    """Two upcoming meetings of one group exchange their hosts."""
    now = timezone.now()
    for one in (meeting, other):
        if one.status != Status.SCHEDULED or one.starts_at < now:
            raise ValidationError("Only upcoming meetings can swap hosts.")
    if meeting.group_id != other.group_id or meeting.pk == other.pk:
        raise ValidationError("Choose another meeting of the same group.")
    meeting.host_id, other.host_id = other.host_id, meeting.host_id
    for one in (meeting, other):
        _bump(one)
        one.save(update_fields=["host", "sequence", "last_modified"])


@transaction.atomic
def meeting_host_set(*, meeting: Meeting, host: User | None) -> Meeting:
    if host is not None and not Membership.objects.filter(group=meeting.group, user=host).exists():
        raise ValidationError({"host": "The host must be a member of the group."})
    meeting.host = host
    _bump(meeting)
    meeting.save(update_fields=["host", "sequence", "last_modified"])
    return meeting


def _bump(meeting: Meeting) -> None:
    meeting.sequence += 1
    meeting.last_modified = timezone.now()


def _notify(meeting: Meeting, *, change: str) -> None:
    # Imported here: calendar mail is the groups app's, and it imports this module's models.
    from peercircle.groups.notify import calendar_update_send

    calendar_update_send(meeting=meeting, change=change)


# --- The meeting itself (issue 10) -------------------------------------------------------


class StaleRun(Exception):
    """Someone else changed the live meeting first (two devices pressed "next" at once)."""


NOT_RUNNER = (
    "Only the person running this meeting can do that. Take over first if the host has left."
)
OVER = "This meeting is over: only its host can still add notes."


@transaction.atomic
def checkin_save(
    *,
    meeting: Meeting,
    user: User,
    response: str,
    minutes: int,
    topic: str = "",
    notes: str = "",
    success: str = "",
    now: datetime | None = None,
) -> CheckIn:
    """Say what `user` needs from `meeting`; after the start it is accepted and marked late."""
    run = queries.run_for(meeting)
    when = queries.phase(meeting, run, now)
    if when == "over":
        raise ValidationError("This meeting is over; check in for the next one.")
    checkin = CheckIn.objects.filter(meeting=meeting, user=user).first() or CheckIn(
        meeting=meeting, user=user
    )
    checkin.response = response
    checkin.minutes = 0 if response == Response.PASS else minutes
    checkin.topic = topic.strip()
    checkin.notes = notes.strip()
    checkin.success = success.strip()
    checkin.late = checkin.late or when == "live"
    checkin.full_clean(exclude=["meeting", "user"])
    checkin.save()
    _agenda_follow_checkin(meeting, checkin)
    return checkin


def _agenda_follow_checkin(meeting: Meeting, checkin: CheckIn) -> None:
    """Keep a stored agenda in step with a changed check-in (a new or late slot, a pass)."""
    items = list(meeting.agenda_items.all())
    if not items:
        return  # the agenda is still computed from check-ins on every view
    slot = next(
        (i for i in items if i.kind == ItemKind.SLOT and i.presenter_id == checkin.user_id), None
    )
    if checkin.ask == 0:
        if slot is not None and not slot.actual_seconds:
            slot.delete()
        return
    venting = checkin.response == Response.VENTING
    if slot is not None:
        slot.asked_minutes = checkin.ask
        slot.planned_minutes = min(slot.planned_minutes, checkin.ask) or min(
            checkin.ask, queries.FLOOR
        )
        slot.venting = venting
        slot.save(update_fields=["asked_minutes", "planned_minutes", "venting"])
        return
    # A late slot goes after the other slots, with the floor: nobody else loses time to it.
    last_slot = max((i.position for i in items if i.kind == ItemKind.SLOT), default=None)
    after = last_slot if last_slot is not None else _position_before_new_goals(items)
    run = queries.run_for(meeting)
    if run is not None and run.position > after and run.status != RunStatus.READY:
        after = run.position
    for item in items:
        if item.position > after:
            item.position += 1
            item.save(update_fields=["position"])
    AgendaItem.objects.create(
        meeting=meeting,
        position=after + 1,
        kind=ItemKind.SLOT,
        presenter_id=checkin.user_id,
        venting=venting,
        asked_minutes=checkin.ask,
        planned_minutes=min(checkin.ask, queries.FLOOR),
    )


def _position_before_new_goals(items: list[AgendaItem]) -> int:
    goals = next((i.position for i in items if i.kind == ItemKind.NEW_GOALS), len(items))
    return goals - 1


def _materialize(meeting: Meeting) -> list[AgendaItem]:
    """Store the planned agenda as items (once): from then on the host and the run change it."""
    items = list(meeting.agenda_items.select_related("presenter"))
    if items:
        return items
    planned = queries.agenda_for(meeting)
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=position,
            kind=row.kind,
            presenter=row.presenter,
            venting=row.venting,
            asked_minutes=row.asked,
            planned_minutes=row.minutes,
        )
        for position, row in enumerate(planned.rows)
    )
    return list(meeting.agenda_items.select_related("presenter"))


@transaction.atomic
def agenda_adjust(
    *, meeting: Meeting, by: User, minutes: dict[int, int], order: dict[int, int]
) -> list[AgendaItem]:
    """The host's changes: minutes per item and a new order (positions by item id)."""
    run = _run_locked(meeting)
    if run is not None and not _may_control(meeting, run, by):
        raise PermissionDenied(NOT_RUNNER)
    if run is not None and run.status == RunStatus.FINISHED:
        raise ValidationError(OVER)
    items = _materialize(meeting)
    done = run.position if run is not None and run.status != RunStatus.READY else -1
    for value in minutes.values():
        if not 0 <= value <= meeting.duration_minutes:
            raise ValidationError(f"Minutes must be between 0 and {meeting.duration_minutes}.")
    # Items already run keep their place; the rest are sorted by the positions given.
    fixed = [i for i in items if i.position <= done]
    movable = sorted(
        (i for i in items if i.position > done),
        key=lambda i: (order.get(i.pk, i.position), i.pk not in order, i.position),
    )
    for position, item in enumerate(fixed + movable):
        item.position = position
        if item.pk in minutes and item.position > done:
            item.planned_minutes = minutes[item.pk]
        item.save(update_fields=["position", "planned_minutes"])
    _bump_revision(meeting)
    return fixed + movable


def _run_locked(meeting: Meeting) -> RunState | None:
    return RunState.objects.select_for_update().filter(meeting=meeting).first()


def _may_control(meeting: Meeting, run: RunState | None, user: User) -> bool:
    membership = meeting.group.memberships.filter(user=user).first()
    runner_id = run.runner_id if run is not None else None
    return membership is not None and can_control_run(meeting, membership, runner_id)


def _bump_revision(meeting: Meeting) -> None:
    """A new revision tells every polling page to reload, without making the host's tap stale."""
    RunState.objects.filter(meeting=meeting).update(revision=F("revision") + 1)


@transaction.atomic
def attendance_set(*, meeting: Meeting, by: User, present: set[int]) -> None:
    run = _run_locked(meeting)
    if not _may_control(meeting, run, by):
        raise PermissionDenied(NOT_RUNNER)
    if run is not None and run.status == RunStatus.FINISHED:
        raise ValidationError(OVER)
    members = set(meeting.group.memberships.values_list("user_id", flat=True))
    if not present <= members:
        raise ValidationError("Only the group's members can be marked present.")
    existing = {a.user_id: a for a in meeting.attendance.all()}
    for user_id in members:
        row = existing.get(user_id)
        if row is None:
            Attendance.objects.create(meeting=meeting, user_id=user_id, present=user_id in present)
        elif row.present != (user_id in present):
            row.present = user_id in present
            row.save(update_fields=["present"])


@transaction.atomic
def run_start(
    *, meeting: Meeting, by: User, present: set[int], now: datetime | None = None
) -> RunState:
    """Take attendance, fix the agenda and start the clock on its first item."""
    now = now or timezone.now()
    if meeting.status != Status.SCHEDULED:
        raise ValidationError("Only a scheduled meeting can be started.")
    run = _run_locked(meeting)
    if not _may_control(meeting, run, by):
        raise PermissionDenied(NOT_RUNNER)
    if run is not None and run.status != RunStatus.READY:
        raise StaleRun("The meeting has already started.")
    attendance_set(meeting=meeting, by=by, present=present)
    items = _materialize(meeting)
    budget = items[0].planned_minutes * 60.0
    state = timer.start(timer.begin(budget), now)
    run = run or RunState(meeting=meeting)
    run.runner = by
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
    run = _run_locked(meeting)
    if run is None or run.status == RunStatus.READY:
        raise ValidationError("Start the meeting first.")
    if run.runner_id != by.pk:
        raise PermissionDenied(NOT_RUNNER)
    if run.version != version:
        raise StaleRun("The meeting moved on on another device; here is where it is now.")
    if run.status == RunStatus.FINISHED:
        raise ValidationError("This meeting has finished.")
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
            raise ValidationError(f"Unknown command {command!r}.")
    except timer.TimerError as error:
        raise ValidationError(str(error)) from error
    # The conditional update is what makes two simultaneous taps safe on any database.
    changed = RunState.objects.filter(pk=run.pk, version=version).update(
        **{name: getattr(run, name) for name in RUN_FIELDS if name != "version"},
        version=version + 1,
        finished_at=run.finished_at,
    )
    if not changed:
        raise StaleRun("The meeting moved on on another device; here is where it is now.")
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
            raise ValidationError("An outcome is recorded for a member's slot only.")
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
        raise ValidationError("This is the first item: there is nothing before it.")
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
        meeting.save(update_fields=["status"])
    summary_send(meeting=meeting)


@transaction.atomic
def run_take_over(*, meeting: Meeting, by: User) -> RunState:
    """`by` runs the meeting from now on (asked for and confirmed; never automatic)."""
    if not meeting.group.memberships.filter(user=by).exists():
        raise PermissionDenied("Only a member of the group can run its meeting.")
    run = _run_locked(meeting) or RunState(meeting=meeting)
    if run.status == RunStatus.FINISHED:
        raise ValidationError("This meeting has finished.")
    run.runner = by
    run.version += 1
    run.save()
    return run


@transaction.atomic
def comments_set(*, item: AgendaItem, by: User, commenters: set[int]) -> None:
    """Who commented on `item`'s presenter: tapped by the host or any member, during the meeting."""
    meeting = item.meeting
    run = queries.run_for(meeting)
    if item.kind != ItemKind.SLOT:
        raise ValidationError("Comments are recorded on members' slots.")
    if run is None or run.status == RunStatus.READY:
        raise ValidationError("Comments are recorded once the meeting has started.")
    if run.status == RunStatus.FINISHED:
        raise ValidationError(OVER)
    members = set(meeting.group.memberships.values_list("user_id", flat=True))
    if not commenters <= members - {item.presenter_id}:
        raise ValidationError("Pick members of the group other than the presenter.")
    existing = set(item.comments.values_list("commenter_id", flat=True))
    item.comments.filter(commenter_id__in=existing - commenters).delete()
    Comment.objects.bulk_create(Comment(item=item, commenter_id=c) for c in commenters - existing)
    _bump_revision(meeting)


@transaction.atomic
def note_add(
    *, meeting: Meeting, author: User, text: str, shared: bool, item: AgendaItem | None = None
) -> Note:
    """A shared note (the group reads it) or a private one (only `author` does)."""
    run = queries.run_for(meeting)
    over = queries.phase(meeting, run) == "over"
    if over and shared and author.pk not in (meeting.host_id, run and run.runner_id):
        raise ValidationError(OVER)
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError("That item belongs to another meeting.")
    note = Note(meeting=meeting, author=author, text=text.strip(), shared=shared, item=item)
    if not note.text:
        raise ValidationError({"text": "Write something first."})
    if "\x00" in note.text:
        raise ValidationError({"text": "The note contains a character that cannot be stored."})
    note.full_clean()
    note.save()
    return note


def summary_send(*, meeting: Meeting) -> None:
    """The summary mail to those who attended, opening with the group's confidentiality note.

    It carries times, attendance and who got what they needed: never topics, notes or
    anything said in a venting slot.
    """
    attendees = User.objects.filter(attendance__meeting=meeting, attendance__present=True)
    items = list(meeting.agenda_items.select_related("presenter"))
    names = list(attendees)
    for user in names:
        mail_enqueue(
            kind="meeting_summary",
            to=user,
            key=f"meeting_summary:{meeting.pk}:1:{user.pk}",
            context={
                "meeting": meeting,
                "group": meeting.group,
                "items": items,
                "attendees": names,
            },
        )
