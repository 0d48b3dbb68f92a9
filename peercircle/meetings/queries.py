"""Reads about a meeting that several views, actions and the demo share.

Nothing here writes. Each function takes what it needs and makes a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from django.db.models import Count, Exists, F, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Membership
from peercircle.meetings import agenda, recurrence, timer, wording
from peercircle.meetings.access import MeetingAccess
from peercircle.meetings.forms import RsvpForm
from peercircle.meetings.models import (
    AgendaItem,
    Attendance,
    CheckIn,
    Comment,
    ItemKind,
    Meeting,
    Response,
    Rsvp,
    RsvpAnswer,
    RunState,
    RunStatus,
    Schedule,
    Status,
    meeting_phase,
)

FLOOR = 5  # the shortest slot worth having, in minutes

Phase = Literal["before", "live", "over"]


def attendance_prefill(meeting: Meeting, member_ids: set[int] | None = None) -> set[int]:
    """Ids of the people expected at `meeting`, ticked in advance on the attendance form.

    Everyone who did not answer "not going": an RSVP of going or maybe, or no answer at all
    (most people never answer and come anyway). The host corrects it in one tap.
    `member_ids`: the group's members, when the page has read them.
    """
    members = member_ids
    if members is None:
        members = set(meeting.group.memberships.values_list("user_id", flat=True))
    away = Rsvp.objects.filter(meeting=meeting, answer=RsvpAnswer.NOT_GOING).values_list(
        "user_id", flat=True
    )
    return members - set(away)


def run_for(meeting: Meeting) -> RunState | None:
    return RunState.objects.select_related("runner").filter(meeting=meeting).first()


def phase(meeting: Meeting, run: RunState | None, now: datetime | None = None) -> Phase:
    """Before the meeting, live (started by the clock or by the host), or over.

    The live pages' words for `meeting_phase`, given the run already loaded.
    """
    now = now or timezone.now()
    found = meeting_phase(meeting, run.status if run is not None else None, now)
    return {"upcoming": "before", "under_way": "live"}.get(found, "over")  # type: ignore[return-value]


def priority_ids(meeting: Meeting) -> set[int]:
    """Members cut short (planned below their ask) or who passed at the group's last meeting.

    One query: the last meeting with an agenda is a subquery of both halves of a UNION.
    """
    last = Subquery(
        Meeting.objects.filter(
            group_id=meeting.group_id, starts_at__lt=meeting.starts_at, agenda_items__isnull=False
        )
        .order_by("-starts_at")
        .values("pk")[:1]
    )
    cut = AgendaItem.objects.filter(
        meeting_id=last,
        kind=ItemKind.SLOT,
        presenter__isnull=False,
        planned_minutes__lt=F("asked_minutes"),
    ).values_list("presenter_id", flat=True)
    passed = CheckIn.objects.filter(meeting_id=last, response=Response.PASS)
    ids = cut.order_by().union(passed.order_by().values_list("user_id", flat=True))
    return set(ids)


@dataclass
class Row:
    """One line of the agenda, planned (a preview) or as it is being run (`item` set)."""

    kind: str
    title: str
    minutes: int
    presenter: User | None = None
    checkin: CheckIn | None = None
    reason: str = ""
    item: AgendaItem | None = None
    venting: bool = False
    asked: int = 0


@dataclass
class Agenda:
    rows: list[Row]
    duration: int
    slot_minutes: int  # minutes the blocks leave for members' slots
    materialized: bool  # stored items (the host adjusted it, or the meeting started)
    not_checked_in: list[User] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.minutes for row in self.rows)

    @property
    def slots_total(self) -> int:
        return sum(row.minutes for row in self.rows if row.kind == ItemKind.SLOT)


def _slot_title(user: User, venting: bool) -> str:
    if venting:
        return gettext("%(name)s's slot (venting)") % {"name": user.name}
    return gettext("%(name)s's slot") % {"name": user.name}


def plan(meeting: Meeting, members: list[User], checkins: dict[int, CheckIn]) -> Agenda:
    """The agenda computed from check-ins: fixed blocks, then slots shared by `allocate`."""
    successes = sum(1 for c in checkins.values() if c.success)
    blocks, slot_minutes = agenda.plan_blocks(
        duration=meeting.duration_minutes, members=len(members), successes=successes
    )
    askers = [u for u in members if u.pk in checkins and checkins[u.pk].ask > 0]
    prio = priority_ids(meeting)
    asks = [checkins[u.pk].ask for u in askers]
    flags = [u.pk in prio for u in askers]
    lines = agenda.explain(asks, slot_minutes, floor=FLOOR, priority=flags)
    slots = [
        Row(
            kind=ItemKind.SLOT,
            title=_slot_title(u, checkins[u.pk].response == Response.VENTING),
            minutes=line.minutes,
            presenter=u,
            checkin=checkins[u.pk],
            reason=wording.agenda_reason(line),
            venting=checkins[u.pk].response == Response.VENTING,
            asked=line.ask,
        )
        for u, line in zip(askers, lines, strict=True)
    ]
    rows: list[Row] = []
    for block in blocks:
        if block.kind == ItemKind.NEW_GOALS:
            rows.extend(slots)
        if block.kind == ItemKind.SUCCESSES and block.minutes == 0:
            continue
        rows.append(
            Row(kind=block.kind, title=str(ItemKind(block.kind).label), minutes=block.minutes)
        )
    waiting = [u for u in members if u.pk not in checkins]
    return Agenda(rows, meeting.duration_minutes, slot_minutes, False, waiting)


def memberships_of(meeting: Meeting) -> list[Membership]:
    """The group's memberships with their people, in member order: read once per page and
    handed to the agenda, the members list and the goals blocks."""
    return list(meeting.group.memberships.select_related("user"))


def members_of(meeting: Meeting) -> list[User]:
    return [m.user for m in memberships_of(meeting)]


def checkins_of(meeting: Meeting) -> dict[int, CheckIn]:
    return {c.user_id: c for c in meeting.checkins.all()}


def agenda_for(
    meeting: Meeting,
    *,
    members: list[User] | None = None,
    checkins: dict[int, CheckIn] | None = None,
) -> Agenda:
    """The stored agenda when there is one, else the plan from today's check-ins.

    A page that already holds the members or the check-ins passes them in.
    """
    members = members_of(meeting) if members is None else members
    checkins = checkins_of(meeting) if checkins is None else checkins
    items = list(meeting.agenda_items.select_related("presenter"))
    if not items:
        return plan(meeting, members, checkins)
    _, slot_minutes = agenda.plan_blocks(
        duration=meeting.duration_minutes,
        members=len(members),
        successes=sum(1 for c in checkins.values() if c.success),
    )
    rows = [
        Row(
            kind=item.kind,
            title=_slot_title(item.presenter, item.venting) if item.presenter else item.title,
            minutes=item.planned_minutes,
            presenter=item.presenter,
            checkin=checkins.get(item.presenter_id) if item.presenter_id else None,
            item=item,
            venting=item.venting,
            asked=item.asked_minutes,
        )
        for item in items
    ]
    waiting = [u for u in members if u.pk not in checkins]
    return Agenda(rows, meeting.duration_minutes, slot_minutes, True, waiting)


def timer_state(run: RunState) -> timer.TimerState:
    status: Any = run.status
    return timer.TimerState(
        status=status,
        position=run.position,
        ends_at=run.ends_at,
        remaining=run.remaining,
        added=run.added,
    )


def overrun_minutes(seconds: float) -> int:
    """Whole minutes of an overrun, to the nearest minute."""
    return max(0, int((seconds + 30) // 60))


def projected_minutes(items: list[AgendaItem], run: RunState, now: datetime) -> dict[int, int]:
    """Later slots' minutes if the current item ended now: shrunk by its overrun so far."""
    if run.status in (RunStatus.READY, RunStatus.FINISHED) or run.position >= len(items):
        return {}
    current = items[run.position]
    spent = current.actual_seconds + timer.elapsed(timer_state(run), now, run.budget)
    over = overrun_minutes(spent - current.planned_minutes * 60)
    later = [
        i for i in items[run.position + 1 :] if i.kind == ItemKind.SLOT and not i.actual_seconds
    ]
    if not over or not later:
        return {}
    shrunk = agenda.shrink([i.planned_minutes for i in later], over)
    return {i.pk: m for i, m in zip(later, shrunk, strict=True) if m != i.planned_minutes}


def _ms(moment: datetime | None) -> int | None:
    return None if moment is None else int(moment.timestamp() * 1000)


def need_text(checkin: CheckIn | None) -> str:
    if checkin is None:
        return ""
    kind = Response(checkin.response).label.split(" (")[0]
    return f"{kind}: {checkin.topic}" if checkin.topic else kind


def snapshot(meeting: Meeting, run: RunState | None, now: datetime | None = None) -> dict:
    """The live state as the small JSON the pages poll: absolute times, in milliseconds."""
    now = now or timezone.now()
    base: dict[str, Any] = {"now": _ms(now), "v": 0, "status": "ready", "position": 0}
    if run is None:
        return base
    items = list(meeting.agenda_items.select_related("presenter"))
    projected = projected_minutes(items, run, now)
    base.update(
        v=run.version,
        r=run.revision,
        status=run.status,
        position=run.position,
        ends_at=_ms(run.ends_at),
        remaining=run.remaining,
        runner=run.runner.name if run.runner else "",
        items=[
            {"id": i.pk, "planned": i.planned_minutes, "projected": projected.get(i.pk)}
            for i in items
        ],
    )
    return base


@dataclass
class Insights:
    """What the group sees about its last meetings: balance, time shares, venting, nudges."""

    people: list[User]
    matrix: list[list[int]]  # matrix[i][j]: meetings in which people[i] commented on people[j]
    shares: list[tuple[User, int]]  # presenting seconds per person
    meetings: int
    venting_share: float
    venting_note: bool
    nudges: list[User]  # people whose slots the viewer has not commented on lately
    nudges_by_person: dict[int, list[User]]  # the same for each person (a shared page)


VENTING_THRESHOLD = 0.25  # a quarter of the slot time over the recent meetings
RECENT = 6  # meetings the balance matrix and time shares look back on
NUDGE_WINDOW = 3  # meetings without a comment before a gentle nudge


def group_insights(group: Group, viewer: User, people: list[User] | None = None) -> Insights:
    """Across the group's recent run meetings; a fixed number of queries. `people`: the
    group's members, when the page has read them."""
    if people is None:
        people = [m.user for m in group.memberships.select_related("user")]
    recent = list(
        Meeting.objects.filter(group=group, run__status=RunStatus.FINISHED)
        .order_by("-starts_at")
        .values_list("pk", flat=True)[:RECENT]
    )
    slots = list(
        AgendaItem.objects.filter(meeting_id__in=recent, kind=ItemKind.SLOT).values_list(
            "pk", "meeting_id", "presenter_id", "actual_seconds", "venting"
        )
    )
    comments = Comment.objects.filter(item__meeting_id__in=recent).values_list(
        "item_id", "commenter_id"
    )
    presenter_of = {pk: (meeting, presenter) for pk, meeting, presenter, _, _ in slots}
    index = {u.pk: n for n, u in enumerate(people)}
    matrix = [[0] * len(people) for _ in people]
    said: dict[tuple[int, int], set[int]] = defaultdict(set)  # (commenter, presenter) -> meetings
    for item_id, commenter_id in comments:
        meeting_id, presenter_id = presenter_of[item_id]
        said[(commenter_id, presenter_id)].add(meeting_id)
    for (commenter_id, presenter_id), meetings in said.items():
        if commenter_id in index and presenter_id in index:
            matrix[index[commenter_id]][index[presenter_id]] = len(meetings)
    seconds: dict[int, int] = defaultdict(int)
    for _, _, presenter_id, actual, _ in slots:
        seconds[presenter_id] += actual
    shares = [(u, seconds.get(u.pk, 0)) for u in people]
    window = set(recent[:NUDGE_WINDOW])
    total = sum(a for _, m, _, a, _ in slots if m in window)
    venting = sum(a for _, m, _, a, v in slots if m in window and v)
    share = venting / total if total else 0.0
    presented = {p for _, m, p, _, _ in slots if m in window}
    spoke = {pair for pair, ms in said.items() if ms & window}  # (commenter, presenter)
    due = [u for u in people if u.pk in presented] if len(window) >= NUDGE_WINDOW else []
    nudges = {
        w: [u for u in due if u.pk != w and (w, u.pk) not in spoke] for w in {viewer.pk, *index}
    }
    venting_note, mine = share > VENTING_THRESHOLD, nudges.get(viewer.pk, [])
    return Insights(people, matrix, shares, len(recent), share, venting_note, mine, nudges)


# Answers that say nothing happened yet: a meeting with only these may be re-timed.
_NOT_RECORDS = {"rsvps"}


def meeting_has_records(meeting: Meeting) -> bool:
    """Whether anything was recorded for the meeting (held, check-ins, notes, ...).

    Every model pointing at Meeting counts except RSVPs, so records added by other parts
    of the product (check-ins, agenda, attendance) protect a meeting without a change here.
    """
    if meeting.status != Status.SCHEDULED:
        return True
    for relation in Meeting._meta.related_objects:
        if relation.get_accessor_name() in _NOT_RECORDS:
            continue
        model = relation.related_model
        if model._default_manager.filter(**{relation.field.name: meeting}).exists():  # type: ignore[union-attr]
            return True
    return False


# --- the schedule, RSVPs and first steps shown on group and meeting pages ---


def meeting_panel(
    access: MeetingAccess,
    *,
    run: RunState | None,
    form: RsvpForm | None = None,
    saved: bool = False,
) -> dict[str, object]:
    """What the meeting page's RSVP partial needs, in one or two queries; `run` is the live
    run the caller has read already (`run_for`)."""
    meeting = access.meeting
    rsvps = list(Rsvp.objects.filter(meeting=meeting).select_related("user"))
    mine = next((r for r in rsvps if r.user_id == access.user.pk), None)
    if form is None:
        initial = {"answer": mine.answer, "note": mine.note} if mine else {}
        form = RsvpForm(initial=initial)
    now = timezone.now()
    # Once a meeting is under way "N going" no longer means anything: say who is here.
    under_way = phase(meeting, run, now) == "live"
    here = Attendance.objects.filter(meeting=meeting, present=True).count() if under_way else 0
    return {
        "meeting": meeting,
        "rsvps": rsvps,
        "going": sum(r.answer == "going" for r in rsvps),
        "under_way": under_way,
        "here": here,
        "rsvp_form": form,
        "rsvp_saved": saved,
        "now": now,
    }


# Groups do best starting with more than five; below four who keep coming, say so.
ACTIVE_FLOOR = 4


def schedule_recurrence(schedule: Schedule) -> recurrence.Recurrence:
    return recurrence.Recurrence(
        kind=recurrence.Kind(schedule.kind),
        weekday=schedule.weekday,
        nth=schedule.nth,
        rrule_text=schedule.rrule,
        start_date=schedule.start_date,
        start_time=schedule.start_time,
        zone=schedule.timezone,
    )


def schedule_describe(schedule: Schedule) -> str:
    return f"{wording.describe(schedule_recurrence(schedule))} ({schedule.timezone})"


def group_schedule_panel(group: Group, member_count: int) -> dict[str, object]:
    """What the group page's schedule section needs: the schedule and who keeps coming."""
    schedule = Schedule.objects.filter(group=group).first()
    # Only meetings that are over count: a new group has no history to warn about yet.
    last_three = Meeting.objects.filter(group=group).ended().values("pk")[:3]
    # "Came" is the attendance the host took; where none was taken, a "going" answer.
    # One query whatever the history: the page's cost must not grow with it.
    came = Attendance.objects.filter(meeting_id__in=last_three, present=True)
    going = Rsvp.objects.filter(meeting_id__in=last_three, answer=RsvpAnswer.GOING)
    people = Q(memberships__user__in=came.values("user_id"))
    people |= Q(memberships__user__in=going.values("user_id"))
    active, held = (  # someone came only to a meeting held
        Group.objects.filter(pk=group.pk)
        .annotate(active=Count("memberships", filter=people), held=Exists(last_three))
        .values_list("active", "held")
        .get()
    )
    return {
        "schedule": schedule,
        "schedule_text": schedule_describe(schedule) if schedule else "",
        "meetings_held": held,
        "active_count": active,
        "few_active": held and active < ACTIVE_FLOOR,
    }


@dataclass(frozen=True)
class Step:
    label: str
    done: bool
    url_name: str = ""


def first_steps(group: Group, member_count: int) -> list[Step]:
    """The organizer's first steps in order; an empty list once every one is done.

    The seed's advice: start larger than five, find the best time and place, stick to it.
    Each step is done as soon as its thing exists, so a group formed by a coordinator (with
    a slot and meetings already) skips what it needs no longer.
    """
    pending = group.invitations.pending().count()
    has_schedule = Schedule.objects.filter(group=group).exists()
    meetings = Meeting.objects.filter(group=group)
    scheduled = has_schedule or meetings.exists()
    steps = [
        Step(
            gettext("Invite at least six people (groups shrink to those who keep coming)"),
            member_count + pending >= 6,
            "group_invitations",
        ),
        Step(
            gettext("Open a poll to find the best time and place"),
            scheduled or group.polls.exists(),
            "poll_new",
        ),
        Step(gettext("Adopt a time and place, and stick to it"), scheduled, "schedule_edit"),
        Step(gettext("Hold your first meeting"), meetings.filter(status=Status.HELD).exists()),
    ]
    return [] if all(step.done for step in steps) else steps
