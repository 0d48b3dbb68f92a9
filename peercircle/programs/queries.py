"""Reads that recur: the dashboard's aggregates (never what a group said), and who a
formation places.

No figure about people is shown for fewer than `FLOOR` of them: a count that small could
point at someone. Every read here costs the same number of queries whatever the history.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from peercircle.accounts.models import CareerStage, User
from peercircle.goals.models import Goal, GoalStatus
from peercircle.groups.models import Group, Membership
from peercircle.groups.pages import DASHBOARD_UNTIL
from peercircle.lib import versions
from peercircle.lib.clocked_parts import earliest
from peercircle.meetings.models import Attendance, Meeting, Status
from peercircle.programs.access import can_create_program, can_grant_coordinator
from peercircle.programs.models import (
    FormationRun,
    Program,
    PublishedPlacement,
    ResearchConsent,
    RunStatus,
    SignUp,
    SignupStatus,
    Survey,
)
from peercircle.programs.report import disclosure

FLOOR = disclosure.DEFAULT_FLOOR
HEALTH_WINDOW = timedelta(days=90)
GROUPS_PER_PAGE = 25
RETENTION_MONTHS = 6


def floored(count: int | None) -> int | None:
    """`count` when it is about enough people to show, otherwise None ("fewer than 5")."""
    return disclosure.floored(count, FLOOR)


def coordinator_programs(user: User) -> QuerySet[Program]:
    """The programs `user` coordinates, with their sign-up and group counts (two subqueries)."""
    return user.coordinated_programs.annotate(
        signup_count=_count(
            SignUp.objects.filter(program=OuterRef("pk")).exclude(status=SignupStatus.WITHDRAWN),
            "program",
        ),
        group_count=_count(Group.objects.filter(program=OuterRef("pk")), "program"),
    ).order_by("name")


def _count(queryset: QuerySet[Any], by: str) -> Coalesce:
    counted = queryset.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def program_group_scopes(program: Program) -> list[tuple[str, int]]:
    """The scopes of the program's groups, kept under the program's own version (a group
    created or moved replaces it), so a hit costs no query."""
    key, own = f"program-groups:{program.pk}", [("program", program.pk)]
    found = versions.kept(key, own)
    if found is not None:
        return list(found)
    held = versions.tokens(*own)  # before reading: a write meanwhile leaves this stale
    scopes = [("group", pk) for pk in program.groups.order_by("pk").values_list("pk", flat=True)]
    versions.keep(key, held, scopes)
    return scopes


def groups_page(program: Program, number: str | int | None, *, now: datetime) -> Page:
    """One page of the program's groups with members, recent meetings and the next one.

    Each figure is a correlated subquery that the (group, starts_at) index answers from the
    window alone, so a group's older meetings cost nothing.
    """
    meetings = Meeting.objects.filter(group=OuterRef("pk"))
    held = meetings.filter(
        status=Status.HELD, starts_at__gte=now - HEALTH_WINDOW, starts_at__lt=now
    )
    upcoming = meetings.filter(status=Status.SCHEDULED, starts_at__gte=now).order_by("starts_at")
    groups = program.groups.annotate(
        member_count=_count(Membership.objects.filter(group=OuterRef("pk")), "group"),
        held_recently=_count(held, "group"),
        next_meeting=Subquery(upcoming.values("starts_at")[:1]),
    ).order_by("name", "pk")
    return Paginator(groups, GROUPS_PER_PAGE).get_page(number)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: suppressed, fewer than FLOOR people
    share: float | None = None


@dataclass
class Figures:
    """The program's health in aggregate, ready to show or export."""

    groups_total: int
    groups_active: int
    meetings_held: int
    meetings_held_window: int
    people_in_groups: int | None
    attendance_rate: float | None
    goals_set: int | None
    goals_reached: int | None
    retention: list[Bar] = field(default_factory=list)
    by_department: list[Bar] = field(default_factory=list)
    by_stage: list[Bar] = field(default_factory=list)
    window_days: int = HEALTH_WINDOW.days
    # The coordinator sent these invitations, so the count tells them nothing new about anyone.
    people_invited: int = 0

    def rows(self) -> list[tuple[str, str]]:
        """Every figure as (what, value) for the CSV export, suppressed ones included."""

        def shown(value: object) -> str:
            return "fewer than 5" if value is None else str(value)

        rate = self.attendance_rate
        out = [
            ("groups", str(self.groups_total)),
            (f"groups that met in the last {self.window_days} days", str(self.groups_active)),
            ("meetings held", str(self.meetings_held)),
            (f"meetings held in the last {self.window_days} days", str(self.meetings_held_window)),
            ("people invited", str(self.people_invited)),
            ("people in groups", shown(self.people_in_groups)),
            ("attendance rate", "not recorded yet" if rate is None else f"{rate:.0%}"),
            ("goals set", shown(self.goals_set)),
            ("goals reached", shown(self.goals_reached)),
        ]
        out += [
            (f"people in groups that met, {bar.label}", shown(bar.value)) for bar in self.retention
        ]
        out += [
            (f"sign-ups, department {bar.label}", shown(bar.value)) for bar in self.by_department
        ]
        out += [(f"sign-ups, stage {bar.label}", shown(bar.value)) for bar in self.by_stage]
        return out


def program_figures(program: Program, *, now: datetime) -> Figures:
    return program_figures_until(program, now=now)[0]


def program_figures_until(
    program: Program, *, now: datetime, groups_total: int | None = None
) -> tuple[Figures, datetime | None]:
    """The figures, and the first moment they change by the clock alone: a held meeting
    leaves the window, or one held early reaches its start (the retention months move with
    the local date)."""
    meetings = Meeting.objects.filter(group__program=program, status=Status.HELD)
    recent = Q(starts_at__gte=now - HEALTH_WINDOW)
    held = meetings.aggregate(
        total=Count("pk"),
        window=Count("pk", filter=recent),
        active=Count("group", filter=recent, distinct=True),
        first_in_window=Min("starts_at", filter=recent),
        first_ahead=Min("starts_at", filter=Q(starts_at__gt=now)),
    )
    goals = _goal_counts(program)
    by_department, by_stage = _signups_by_department_and_stage(program)
    memberships = Membership.objects.filter(group__program=program)
    rows = list(memberships.values_list("group_id", "joined_at", "user_id"))
    joined = [(group_id, at) for group_id, at, _ in rows]
    figures = Figures(
        groups_total=program.groups.count() if groups_total is None else groups_total,
        groups_active=held["active"],
        meetings_held=held["total"],
        meetings_held_window=held["window"],
        people_in_groups=floored(len({user_id for _, _, user_id in rows})),
        attendance_rate=_attendance_rate(program),
        goals_set=goals[0],
        goals_reached=goals[1],
        retention=_retention(program, joined, now=now),
        by_department=by_department,
        by_stage=by_stage,
        people_invited=PublishedPlacement.objects.filter(signup__program=program).count(),
    )
    leaves = held["first_in_window"]
    moments = [held["first_ahead"], None if leaves is None else leaves + HEALTH_WINDOW]
    return figures, min((m for m in moments if m is not None), default=None)


def _attendance_rate(program: Program) -> float | None:
    """Share of places taken at held meetings where the host took attendance.

    None ("not recorded yet") until attendance covers at least five people: a rate over
    fewer would tell the coordinator who stayed away.
    """
    rows = Attendance.objects.filter(
        meeting__group__program=program, meeting__status=Status.HELD
    ).aggregate(
        total=Count("pk"),
        present=Count("pk", filter=Q(present=True)),
        people=Count("user", distinct=True),
    )
    if not rows["total"] or floored(rows["people"]) is None:
        return None
    return float(rows["present"]) / rows["total"]


def _goal_counts(program: Program) -> tuple[int | None, int | None]:
    counts = program_goal_counts(program)
    return counts.set, counts.reached


@dataclass(frozen=True)
class GoalCounts:
    """Goals set and reached in a program's groups; None when too few people to show."""

    set: int | None
    reached: int | None
    people: int


def program_goal_counts(program: Program) -> GoalCounts:
    """For the coordinator's dashboard: totals only, never texts, never under five people.

    "Reached" is goals reviewed as done. Private goals count too: a total over at least
    five people says nothing about any one goal.
    """
    # Counting owners (never null) rather than ids: the id is not in the (group, status,
    # owner) index, and the owner is, so PostgreSQL can answer from the index alone.
    totals = Goal.objects.filter(group__program=program).aggregate(
        set=Count("owner"),
        reached=Count("owner", filter=Q(status=GoalStatus.DONE)),
        people=Count("owner", distinct=True),
    )
    people = totals["people"]
    if floored(people) is None:
        return GoalCounts(set=None, reached=None, people=people)
    return GoalCounts(set=totals["set"], reached=totals["reached"], people=people)


def _retention(program: Program, joined: list[tuple[int, datetime]], *, now: datetime) -> list[Bar]:
    """Per month, how many of the people placed by then were in a group that met that month.

    One pass: each join and each meeting is converted to a local date once (a conversion per
    membership per month was 28 % of the dashboard), then the months walk the sorted joins.
    """
    zone = timezone.get_current_timezone()
    months = _months(timezone.localdate(now), RETENTION_MONTHS)
    start = datetime.combine(months[0], datetime.min.time(), tzinfo=now.tzinfo)
    met: dict[date, set[int]] = defaultdict(set)
    held = Meeting.objects.filter(
        group__program=program, status=Status.HELD, starts_at__gte=start, starts_at__lt=now
    ).values_list("group_id", "starts_at")
    for group_id, starts_at in held:
        met[starts_at.astimezone(zone).date().replace(day=1)].add(group_id)
    joins = sorted((at.astimezone(zone).date(), group_id) for group_id, at in joined)
    placed_in: Counter[int] = Counter()  # people placed so far, per group
    placed = 0
    bars = []
    for month in months:
        end = _next_month(month)
        while placed < len(joins) and joins[placed][0] < end:
            placed_in[joins[placed][1]] += 1
            placed += 1
        stayed = sum(placed_in[group_id] for group_id in met[month])
        label = date_format(month, "M Y")
        if floored(placed) is None:
            bars.append(Bar(label, None))
            continue
        shown = floored(stayed)
        bars.append(Bar(label, shown, None if shown is None else stayed / placed))
    return bars


def _months(today: date, count: int) -> list[date]:
    first = today.replace(day=1)
    months = [first]
    for _ in range(count - 1):
        months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
    return months


def _next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def _signups_by_department_and_stage(program: Program) -> tuple[list[Bar], list[Bar]]:
    """Sign-ups (not withdrawn) by department and by career stage, from one grouped query."""
    rows = (
        program.signups.exclude(status=SignupStatus.WITHDRAWN)
        .values("department", "stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, Counter[str]] = {"department": Counter(), "stage": Counter()}
    for row in rows:
        for column, counter in counts.items():
            counter[(row[column] or "").strip() or "not given"] += row["n"]
    stages = dict(CareerStage.choices)
    return _bars(counts["department"], {}), _bars(counts["stage"], stages)


def _bars(counts: Counter[str], labels: dict[str, Any]) -> list[Bar]:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))
    return [Bar(str(labels.get(name, name)), floored(n)) for name, n in ordered]


def coordinator_context(
    user: User, memberships: list[Membership], loaded: dict[str, Any]
) -> dict[str, Any]:
    """What the dashboard's programs section needs (two queries, however many programs;
    one when `coordinated_scopes` read the programs or noted there are none)."""
    facts = loaded.get("facts", {})
    if "programs" in loaded:
        programs = loaded["programs"]
    elif facts.get("coordinates") is False:
        programs = []
    else:
        programs = list(coordinator_programs(user))
    return {
        "programs": programs,
        "can_create_program": can_create_program(user),
        "can_grant_coordinator": can_grant_coordinator(user),
    }


# --- sign-ups and formations ---


def formable_signups(program: Program) -> list[SignUp]:
    """Confirmed sign-ups not yet in a published group: who the next formation places."""
    return list(
        program.signups.filter(status=SignupStatus.CONFIRMED, placement__isnull=True).order_by("pk")
    )


def formation_current(program: Program) -> FormationRun | None:
    """The formation being prepared: the newest one not yet published."""
    return program.formations.exclude(status=RunStatus.PUBLISHED).first()


def open_surveys(
    user: User, memberships: list[Membership], loaded: dict[str, Any]
) -> dict[str, Any]:
    """End-of-term surveys of the user's programs still open and not answered (one query)."""
    programs = {m.group.program_id for m in memberships if m.group.program_id is not None}
    if not programs:
        return {"open_surveys": []}
    surveys = (
        Survey.objects.filter(term__program_id__in=programs, closes_at__gt=timezone.now())
        .exclude(responded__user=user)
        .select_related("term__program")
        .order_by("closes_at", "pk")
    )
    found = list(surveys)
    # A survey leaves the dashboard when it closes.
    return {"open_surveys": found, DASHBOARD_UNTIL: earliest(*(s.closes_at for s in found))}


def coordinated_scopes(user: User, loaded: dict[str, Any]) -> list[tuple[str, int]]:
    """The programs on the dashboard's programs section (their sign-ups and groups); read
    with their counts, so that the section, rendered next, reads them no more. Noted with
    the scopes: whether the person coordinates any (that changes only with ("user", id):
    see programs/apps.py), so most people's section costs one query less."""
    programs = list(coordinator_programs(user))
    loaded["programs"] = programs
    loaded["facts"]["coordinates"] = bool(programs)
    return [("program", program.pk) for program in programs]


def research_asks(
    user: User, memberships: list[Membership], loaded: dict[str, Any]
) -> dict[str, Any]:
    """The user's programs asking for research consent, and whether they gave it (one query)."""
    programs = {m.group.program_id for m in memberships if m.group.program_id is not None}
    if not programs:
        return {"research_asks": []}
    standing = ResearchConsent.objects.filter(
        program=OuterRef("pk"), user=user, revoked_at__isnull=True
    )
    asks = Program.objects.filter(pk__in=programs, research_consent_enabled=True).annotate(
        consented=Exists(standing)
    )
    return {"research_asks": list(asks)}
