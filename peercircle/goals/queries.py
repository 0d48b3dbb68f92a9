"""Reads that recur: a meeting's review and successes, a member's goals, progress numbers.

Every function here returns only what its viewer may see; privacy is decided once, here
and in access.py, never in templates.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format

from peercircle.accounts.models import User
from peercircle.goals.access import can_review_goal, can_view_goal, can_view_long_term
from peercircle.goals.models import Goal, GoalStatus, LongTermGoal, LongTermStatus, Success
from peercircle.groups.models import Group, Membership
from peercircle.meetings.models import Meeting, Status

# Coordinators see aggregates only, and never over fewer people than this.
MIN_PEOPLE_FOR_AGGREGATE = 5


@dataclass
class ReviewGoal:
    goal: Goal
    can_review: bool
    sees_long_term: bool = False  # the text of the long-term goal it serves is the owner's


def review_goal(goal: Goal, meeting: Meeting, membership: Membership) -> ReviewGoal:
    """A goal in the review block, with what the viewer may do with it and see of it."""
    return ReviewGoal(
        goal=goal,
        can_review=can_review_goal(goal, meeting, membership),
        sees_long_term=goal.long_term is not None
        and can_view_long_term(goal.long_term, membership.user_id),
    )


@dataclass
class MemberReview:
    """One member's goals in a meeting's review block, as the viewer may see them."""

    member: User
    goals: list[ReviewGoal] = field(default_factory=list)
    private_count: int = 0  # private goals of theirs the viewer sees only as a number

    @property
    def has_any(self) -> bool:
        return bool(self.goals) or self.private_count > 0


# The zone where a moment is latest in the calendar: "due by the meeting's date" is read
# there, so members in different zones see the same review and a goal due "on the
# meeting's day" wherever it was set is never left out.
LATEST_ZONE = ZoneInfo("Etc/GMT-14")


def meeting_date(meeting: Meeting) -> date:
    """The meeting's calendar date as the last place on Earth to reach it sees it."""
    return timezone.localdate(meeting.starts_at, timezone=LATEST_ZONE)


def goals_due_at(meeting: Meeting) -> "list[Goal]":
    """Goals reviewed at this meeting, and open goals due by its date.

    Nothing is silently dropped: an open goal due before this meeting keeps coming back at
    every later meeting until it has a status.
    """
    due = Q(status=GoalStatus.OPEN, due_on__lte=meeting_date(meeting)) | Q(reviewed_in=meeting)
    return list(
        Goal.objects.filter(due, group_id=meeting.group_id)
        .select_related("long_term")
        .order_by("due_on", "pk")
    )


def meeting_review(
    meeting: Meeting, membership: Membership, members: list[Membership] | None = None
) -> list[MemberReview]:
    """Each member's due goals for the review block, in the group's member order.

    `members` is the group's memberships with their people, when the page has read them.
    """
    if members is None:
        members = list(Membership.objects.filter(group_id=meeting.group_id).select_related("user"))
    rows = {m.user_id: MemberReview(member=m.user) for m in members}
    for goal in goals_due_at(meeting):
        row = rows.get(goal.owner_id)
        if row is None:
            continue  # they left the group
        goal.owner = row.member
        if can_view_goal(goal, membership):
            row.goals.append(review_goal(goal, meeting, membership))
        else:
            row.private_count += 1
    return list(rows.values())


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(group_id=meeting.group_id, starts_at__lt=meeting.starts_at)
        .exclude(status=Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )


def meeting_successes(meeting: Meeting) -> list[Success]:
    """Successes of the period this meeting closes: since the previous meeting, up to it."""
    successes = Success.objects.filter(
        group_id=meeting.group_id, happened_on__lte=meeting_date(meeting)
    )
    before = previous_meeting(meeting)
    if before is not None:
        successes = successes.filter(happened_on__gt=meeting_date(before))
    return list(successes.select_related("owner").order_by("happened_on", "pk"))


@dataclass(frozen=True)
class GoalsSet:
    """The goals set at a meeting as the viewer may see them; others' private ones counted."""

    goals: list[Goal]
    private_count: int


def goals_set_at(meeting: Meeting, membership: Membership) -> GoalsSet:
    goals = list(Goal.objects.filter(set_at=meeting).select_related("owner"))
    visible = [goal for goal in goals if can_view_goal(goal, membership)]
    return GoalsSet(goals=visible, private_count=len(goals) - len(visible))


def carried_to(goal: Goal) -> Goal | None:
    """The new goal a carried-over goal came back as."""
    if goal.status != GoalStatus.CARRIED_OVER:
        return None
    return Goal.objects.filter(carried_from=goal).first()


# The "my goals" page lists the latest reviewed goals; older years are on "my year" pages.
REVIEWED_SHOWN = 30


def my_goals(user: User, *, reviewed: int = REVIEWED_SHOWN) -> "list[Goal]":
    """The person's open goals and their `reviewed` latest reviewed ones, newest first, in
    one query: never every goal a person ever had."""
    order = ("-due_on", "-pk")
    mine = Goal.objects.filter(owner=user)
    latest = mine.exclude(status=GoalStatus.OPEN).order_by(*order).values("pk")[:reviewed]
    return list(
        mine.filter(Q(status=GoalStatus.OPEN) | Q(pk__in=latest))
        .select_related("group", "long_term", "reviewed_in", "carried_from")
        .order_by(*order)
    )


@dataclass
class GroupMemberGoals:
    member: User
    goals: list[Goal] = field(default_factory=list)
    private_count: int = 0


def group_open_goals(group: Group, membership: Membership | None) -> list[GroupMemberGoals]:
    """Each member's open goals as the viewer may see them; others' private ones counted.

    Without a `membership`, as every member sees the rows of the others: each private goal
    counted (the page shared by the group's members; each viewer's own row is then
    `own_open_goals`)."""
    members = Membership.objects.filter(group=group).select_related("user")
    rows = {m.user_id: GroupMemberGoals(member=m.user) for m in members}
    for goal in _open_goals(Q(group=group)):
        row = rows.get(goal.owner_id)
        if row is None:
            continue
        if can_view_goal(goal, membership) if membership else not goal.private:
            row.goals.append(goal)
        else:
            row.private_count += 1
    return list(rows.values())


def own_open_goals(group: Group, member: User) -> GroupMemberGoals:
    """A member's own open goals in a group, private ones included: for their eyes only."""
    return GroupMemberGoals(member=member, goals=_open_goals(Q(group=group, owner=member)))


def _open_goals(where: Q) -> "list[Goal]":
    found = Goal.objects.filter(where, status=GoalStatus.OPEN).select_related("long_term")
    return list(found.order_by("due_on", "pk"))


# ---------------------------------------------------------------------------------------
# Progress


@dataclass(frozen=True)
class Period:
    """Reviewed goals due in one month. Done counts 1, partly 1/2; carried-over goals are
    counted where they finally end, so they are left out here."""

    start: date
    done: int = 0
    partly: int = 0
    not_done: int = 0
    dropped: int = 0

    @property
    def counted(self) -> int:
        return self.done + self.partly + self.not_done + self.dropped

    @property
    def rate(self) -> float | None:
        if not self.counted:
            return None
        return (self.done + self.partly / 2) / self.counted

    @property
    def label(self) -> str:
        return date_format(self.start, "M Y")


def _periods(goals: "Q", *, months: int, today: date) -> list[Period]:
    first = _month_start(today, back=months - 1)
    rows = (
        Goal.objects.filter(goals, due_on__gte=first, due_on__lte=today)
        .exclude(status__in=[GoalStatus.OPEN, GoalStatus.CARRIED_OVER])
        .values_list("due_on", "status")
    )
    counts: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for due_on, status in rows:
        counts[due_on.replace(day=1)][status] += 1
    result = []
    for index in range(months):
        start = _month_start(today, back=months - 1 - index)
        c = counts.get(start, {})
        result.append(
            Period(
                start=start,
                done=c.get(GoalStatus.DONE, 0),
                partly=c.get(GoalStatus.PARTLY, 0),
                not_done=c.get(GoalStatus.NOT_DONE, 0),
                dropped=c.get(GoalStatus.DROPPED, 0),
            )
        )
    return result


def _month_start(today: date, *, back: int) -> date:
    index = today.year * 12 + today.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def member_completion(user: User, *, months: int = 6, today: date | None = None) -> list[Period]:
    """The member's own goals, all groups, private ones included (only they see this)."""
    return _periods(Q(owner=user), months=months, today=today or timezone.localdate())


def group_completion(group: Group, *, months: int = 6, today: date | None = None) -> list[Period]:
    """The group's shared goals; private goals stay out so no one's can be inferred."""
    return _periods(
        Q(group=group, private=False), months=months, today=today or timezone.localdate()
    )


@dataclass(frozen=True)
class LongTermProgress:
    goal: LongTermGoal
    served: int  # period goals linked to it
    served_done: int  # of which done


def long_term_progress(user: User) -> list[LongTermProgress]:
    """Each long-term goal with the period goals that served it (`goal.goals.all()`)."""
    served_goals = Prefetch("goals", queryset=Goal.objects.order_by("due_on", "pk"))
    goals = (
        LongTermGoal.objects.filter(owner=user)
        .annotate(
            served=Count("goals"),
            served_done=Count("goals", filter=Q(goals__status=GoalStatus.DONE)),
        )
        .prefetch_related(served_goals)
    )
    return [LongTermProgress(g, g.served, g.served_done) for g in goals]


def long_term_reached(progress: list[LongTermProgress]) -> int:
    return sum(1 for p in progress if p.goal.status == LongTermStatus.REACHED)


def year_summary(user: User, year: int) -> dict[str, object]:
    """A member's year on one page: goals by month due, successes, the long-term list."""
    goals = (
        Goal.objects.filter(owner=user, due_on__year=year)
        .select_related("group", "long_term")
        .order_by("due_on", "pk")
    )
    by_month: dict[date, list[Goal]] = defaultdict(list)
    for goal in goals:
        by_month[goal.due_on.replace(day=1)].append(goal)
    progress = long_term_progress(user)
    return {
        "year": year,
        "months": sorted(by_month.items()),
        "successes": list(
            Success.objects.filter(owner=user, happened_on__year=year)
            .select_related("group")
            .order_by("happened_on", "pk")
        ),
        "progress": progress,
        "reached": long_term_reached(progress),
    }
