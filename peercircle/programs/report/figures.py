"""The outcome report's numbers for one program and term, in a fixed number of queries.

Everything here is a count, a rate or a median over people; `disclosure` decides what may be
shown. No text anyone wrote is read: goals, successes and long-term goals are counted by
status, the formation's reasons for leaving someone out are sorted into fixed categories.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from peercircle.accounts.models import CareerStage
from peercircle.goals.models import Goal, GoalStatus, LongTermGoal, LongTermStatus, Success
from peercircle.groups.models import Membership
from peercircle.meetings.models import Attendance, Meeting, Status
from peercircle.programs.models import FormationRun, RunStatus, SignupStatus, Term
from peercircle.programs.report.disclosure import TOTAL, Table, breakdown, floored

PLACED, UNPLACED = "placed", "not placed"
NOT_GIVEN = "not given"

# The formation engine's reasons name people and groups: the report only counts their kind.
REASON_KINDS = [
    ("they gave no meeting slot", "gave no meeting slot"),
    ("no slot they can make is shared", "too few people they could sit with at their slots"),
    ("every group meeting at a slot", "every group at their slots was full or had a conflict"),
    ("not in a group, though", "left out by hand"),
    ("no ", "no group met at a slot they could make"),
]
NOT_FORMED = "not in a published formation"


def reason_kind(reason: str) -> str:
    for start, kind in REASON_KINDS:
        if reason.startswith(start):
            return kind
    return "other"


@dataclass(frozen=True)
class Spread:
    median: float
    low: float
    high: float


@dataclass(frozen=True)
class MonthShare:
    month: date
    attending: int | None  # None: fewer than the floor
    share: float | None


@dataclass
class Report:
    """One term's outcome report; None anywhere means "too few people to show"."""

    term: Term
    floor: int
    applicants: int | None
    placed: int | None
    match_rate: float | None
    unplaced_reasons: Table
    groups_formed: int
    meetings_per_group: Spread | None
    attendance_median: float | None
    retention: list[MonthShare]
    members: int | None
    goals: "GoalFigures"
    by_stage: Table
    by_department: Table
    survey: list[object] = field(default_factory=list)


def term_window(term: Term) -> tuple[datetime, datetime]:
    """The term as aware datetimes: from its first day's start to the day after its last."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(term.starts_on, time.min, tzinfo=zone)
    end = datetime.combine(term.ends_on + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def report_figures(term: Term) -> Report:
    program = term.program
    floor: int = settings.REPORT_FLOOR
    start, end = term_window(term)
    signups = list(
        program.signups.filter(created_at__lt=end)
        .exclude(status__in=[SignupStatus.WITHDRAWN, SignupStatus.PENDING])
        .values_list("pk", "stage", "department", "placement__pk")
    )
    reasons = _unplaced_reasons(program.pk)
    stage_label = dict(CareerStage.choices)
    stages: dict[tuple[str, str], int] = Counter()
    departments: dict[tuple[str, str], int] = Counter()
    why: dict[tuple[str, str], int] = Counter()
    for pk, stage, department, placement in signups:
        column = PLACED if placement is not None else UNPLACED
        stages[(str(stage_label.get(stage, stage)), column)] += 1
        departments[((department or "").strip() or NOT_GIVEN, column)] += 1
        if placement is None:
            why[(reasons.get(pk, NOT_FORMED), "people")] += 1
    placed = sum(1 for *_, placement in signups if placement is not None)
    applicants = floored(len(signups), floor)
    shown_placed = floored(placed, floor) if applicants else None
    members = _members(program.pk, end)
    meetings = _meetings(program.pk, start, end)
    return Report(
        term=term,
        floor=floor,
        applicants=applicants,
        placed=shown_placed,
        match_rate=placed / len(signups) if applicants and shown_placed else None,
        unplaced_reasons=breakdown(sorted({r for r, _ in why}), ["people"], why, floor=floor),
        groups_formed=len(members),
        meetings_per_group=_spread([meetings.get(group, 0) for group in members]),
        attendance_median=_attendance_median(program.pk, start, end, floor),
        retention=_retention(program.pk, term, start, end, members, floor),
        members=floored(len({u for people in members.values() for u in people}), floor),
        goals=_goal_figures(program.pk, start, end, floor),
        by_stage=breakdown(_order(stages), [PLACED, UNPLACED], stages, floor=floor),
        by_department=breakdown(_order(departments), [PLACED, UNPLACED], departments, floor=floor),
    )


def _order(counts: dict[tuple[str, str], int]) -> list[str]:
    totals: Counter[str] = Counter()
    for (row, _), n in counts.items():
        totals[row] += n
    return sorted(totals, key=lambda row: (-totals[row], row.lower()))


def _unplaced_reasons(program_pk: int) -> dict[int, str]:
    run = (
        FormationRun.objects.filter(program_id=program_pk, status=RunStatus.PUBLISHED)
        .only("result")
        .first()
    )
    unplaced = (run.result or {}).get("unplaced", []) if run else []
    return {row["signup"]: reason_kind(str(row.get("reason", ""))) for row in unplaced}


def _members(program_pk: int, end: datetime) -> dict[int, set[int]]:
    """Each group that had members by the term's end, and who they were."""
    rows = Membership.objects.filter(group__program_id=program_pk, joined_at__lt=end)
    members: dict[int, set[int]] = defaultdict(set)
    for group_id, user_id in rows.values_list("group_id", "user_id"):
        members[group_id].add(user_id)
    return dict(members)


def _meetings(program_pk: int, start: datetime, end: datetime) -> dict[int, int]:
    rows = (
        Meeting.objects.filter(
            group__program_id=program_pk,
            status=Status.HELD,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .values("group_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["group_id"]: row["n"] for row in rows}


def _spread(values: list[int]) -> Spread | None:
    # Meetings are a group's, not a person's: shown from one group on.
    if not values:
        return None
    return Spread(median(values), min(values), max(values))


def _attendance_rows(program_pk: int, start: datetime, end: datetime) -> list[tuple[int, bool]]:
    return list(
        Attendance.objects.filter(
            meeting__group__program_id=program_pk,
            meeting__status=Status.HELD,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
        ).values_list("user_id", "present")
    )


def _attendance_median(program_pk: int, start: datetime, end: datetime, floor: int) -> float | None:
    """The median over members of the share of meetings they came to, where it was taken."""
    taken: Counter[int] = Counter()
    came: Counter[int] = Counter()
    for user_id, present in _attendance_rows(program_pk, start, end):
        taken[user_id] += 1
        came[user_id] += present
    if floored(len(taken), floor) is None:
        return None
    return float(median(came[user] / taken[user] for user in taken))


def term_months(term: Term) -> list[date]:
    months, month = [], term.starts_on.replace(day=1)
    while month <= term.ends_on:
        months.append(month)
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


def _retention(
    program_pk: int,
    term: Term,
    start: datetime,
    end: datetime,
    members: dict[int, set[int]],
    floor: int,
) -> list[MonthShare]:
    """Per month, how many members came to at least one meeting that month."""
    came: dict[date, set[int]] = defaultdict(set)
    rows = Attendance.objects.filter(
        meeting__group__program_id=program_pk,
        meeting__status=Status.HELD,
        meeting__starts_at__gte=start,
        meeting__starts_at__lt=end,
        present=True,
    ).values_list("user_id", "meeting__starts_at")
    for user_id, starts_at in rows:
        came[timezone.localdate(starts_at).replace(day=1)].add(user_id)
    everyone = len({u for people in members.values() for u in people})
    out = []
    for month in term_months(term):
        attending = floored(len(came[month]), floor)
        share = attending / everyone if attending is not None and everyone else None
        out.append(MonthShare(month, attending, share))
    return out


@dataclass(frozen=True)
class GoalFigures:
    counts: dict[str, int | None]  # set, reached, carried_over, dropped
    per_member: dict[str, float | None]
    long_term: dict[str, int | None]  # people, goals, reached, people_reached
    successes: int | None


def _goal_figures(program_pk: int, start: datetime, end: datetime, floor: int) -> GoalFigures:
    """Goals by outcome, long-term lists and successes: counts only, never a text."""
    goals = Goal.objects.filter(
        group__program_id=program_pk, created_at__gte=start, created_at__lt=end
    ).aggregate(
        people=Count("owner", distinct=True),
        set=Count("owner"),
        reached=Count("owner", filter=Q(status=GoalStatus.DONE)),
        carried_over=Count("owner", filter=Q(status=GoalStatus.CARRIED_OVER)),
        dropped=Count("owner", filter=Q(status=GoalStatus.DROPPED)),
    )
    people = goals.pop("people")
    enough = floored(people, floor) is not None
    counts = {key: (value if enough else None) for key, value in goals.items()}
    per_member = {key: (value / people if enough else None) for key, value in goals.items()}
    owners = Membership.objects.filter(group__program_id=program_pk).values("user_id")
    long_term = LongTermGoal.objects.filter(owner__in=owners).aggregate(
        people=Count("owner", distinct=True),
        goals=Count("pk"),
        reached=Count("pk", filter=Q(status=LongTermStatus.REACHED)),
        people_reached=Count("owner", distinct=True, filter=Q(status=LongTermStatus.REACHED)),
    )
    shown_long = floored(long_term["people"], floor) is not None
    successes = Success.objects.filter(
        group__program_id=program_pk, happened_on__gte=start.date(), happened_on__lt=end.date()
    ).aggregate(people=Count("owner", distinct=True), n=Count("pk"))
    return GoalFigures(
        counts=counts,
        per_member=per_member,
        long_term={
            "people": floored(long_term["people"], floor),
            "goals": long_term["goals"] if shown_long else None,
            "reached": long_term["reached"] if shown_long else None,
            "people_reached": floored(long_term["people_reached"], floor) if shown_long else None,
        },
        successes=successes["n"] if floored(successes["people"], floor) else None,
    )


__all__ = ["TOTAL", "GoalFigures", "Report", "report_figures", "term_months", "term_window"]
