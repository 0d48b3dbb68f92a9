"""Demo: a program whose year is over, for the outcome report.

Forty-three applicants, thirty-six placed in six groups that met monthly through a finished
term, attendance thinning as the year goes, goals and successes. A few faculty and a small
department make some cells of the report too small to show, so the suppression is visible.
"""

import random
import secrets
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext

from peercircle.accounts.actions import user_create
from peercircle.accounts.models import CareerStage, User
from peercircle.goals.models import Goal, GoalStatus, LongTermGoal, LongTermStatus, Success
from peercircle.groups.actions.group import group_create
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.models import Group, Membership, Role
from peercircle.lib.zones import zone_named
from peercircle.meetings.actions.meeting import meeting_mark_held, meeting_schedule
from peercircle.meetings.models import Attendance
from peercircle.programs.access import get_program_for_user
from peercircle.programs.actions.program import program_create
from peercircle.programs.actions.term import term_create
from peercircle.programs.demo_survey import fill_consents, fill_survey
from peercircle.programs.models import (
    FormationRun,
    Program,
    PublishedPlacement,
    RunStatus,
    SignUp,
    SignupStatus,
)

NAME = "Research Circles, last academic year"
INSTITUTION = "Gateway University"
TERM_NAME = "Last academic year"
# (stage, department, placed, not placed): faculty and History stay under the floor.
COHORT = [
    (CareerStage.GRADUATE, "Biology", 9, 1),
    (CareerStage.GRADUATE, "Chemistry", 8, 1),
    (CareerStage.GRADUATE, "Physics", 7, 2),
    (CareerStage.POSTDOC, "Biology", 4, 1),
    (CareerStage.POSTDOC, "Chemistry", 4, 1),
    (CareerStage.POSTDOC, "History", 2, 1),
    (CareerStage.FACULTY, "Physics", 2, 0),
]
REASONS = [
    "they gave no meeting slot",
    "no slot they can make is shared by 4 people they could sit with",
    "every group meeting at a slot they can make is full or has a conflict",
]
GROUP_NAMES = ["Cedar", "Fir", "Hazel", "Juniper", "Larch", "Rowan"]


def term_dates(today: date) -> tuple[date, date]:
    """Ten months that ended last month."""
    end = today.replace(day=1) - timedelta(days=1)
    start = (end.replace(day=1) - timedelta(days=9 * 31)).replace(day=1)
    return start, end


def fill(*, coordinator: User, zone: str) -> None:
    rng = random.Random(27)
    program = program_create(
        name=NAME,
        institution=INSTITUTION,
        coordinators=[coordinator],
        description="Monthly peer-mentoring circles; this year is over and reported on.",
        career_stages=[CareerStage.GRADUATE, CareerStage.POSTDOC, CareerStage.FACULTY],
    )
    start, end = term_dates(timezone.localdate())
    access = get_program_for_user(coordinator, program.pk)
    term = term_create(access=access, name=TERM_NAME, starts_on=start, ends_on=end)
    placed, unplaced = _signups(program)
    began = datetime.combine(start, time(9), tzinfo=zone_named(zone))
    # They signed up the month before the term began.
    SignUp.objects.filter(program=program).update(created_at=began - timedelta(days=30))
    groups = _groups(program, placed, zone, began)
    unplaced_rows = [
        {"signup": s.pk, "reason": REASONS[i % len(REASONS)], "fix": None}
        for i, s in enumerate(unplaced)
    ]
    FormationRun.objects.create(
        program=program,
        status=RunStatus.PUBLISHED,
        result={"groups": [], "unplaced": unplaced_rows},
        created_by=coordinator,
        published_by=coordinator,
        finished_at=began,
    )
    for index, (group, members) in enumerate(groups):
        _meetings(group, members, rng, began, end, zone, keen=index % 3 != 2)
    _goals(groups, rng, start, end)
    members = [user for _, people in groups for user in people]
    fill_survey(coordinator=coordinator, term=term, members=members, rng=rng)
    fill_consents(coordinator=coordinator, term=term, members=members)


def _signups(program: Program) -> tuple[list[SignUp], list[SignUp]]:
    rows: list[SignUp] = []
    for stage, department, count, left in COHORT:
        for n in range(count + left):
            local = f"{stage}.{department}.{n}".lower()
            rows.append(
                SignUp(
                    program=program,
                    name=f"{department} {stage.label} {n + 1}",
                    email=f"{local}@research.example.edu",
                    department=department,
                    lab=f"{department} lab {len(rows) + 1}",  # one lab each: groups mix labs
                    stage=stage,
                    availability=[gettext("Weekday lunch")],  # as the program offers it
                    status=SignupStatus.CONFIRMED,
                )
            )
    made = SignUp.objects.bulk_create(rows)
    placed: list[SignUp] = []
    unplaced: list[SignUp] = []
    at = 0
    for _, _, count, left in COHORT:
        placed += made[at : at + count]
        unplaced += made[at + count : at + count + left]
        at += count + left
    return placed, unplaced


def _groups(
    program: Program, placed: list[SignUp], zone: str, began: datetime
) -> list[tuple[Group, list[User]]]:
    groups = []
    for index, name in enumerate(GROUP_NAMES):
        group = group_create(
            program_id=program.pk,
            name=name,
            timezone=zone,
            meeting_place=f"Seminar room {index + 1}, Gateway Library",
        )
        members = []
        for position, signup in enumerate(placed[index::6]):
            user = user_create(
                email=signup.email,
                password=secrets.token_urlsafe(16),
                display_name=signup.name,
                email_verified=True,
                department=signup.department,
                lab=signup.lab,
                career_stage=signup.stage,
                timezone=zone,
            )
            membership_add(
                group=group, user=user, role=Role.ORGANIZER if position == 0 else Role.MEMBER
            )
            PublishedPlacement.objects.create(
                signup=signup,
                group=group,
                slot=gettext("Weekday lunch"),
                token_hash=secrets.token_hex(32),
                invited_at=began,
                joined_at=began,
                user=user,
            )
            members.append(user)
        Membership.objects.filter(group=group).update(joined_at=began)
        groups.append((group, members))
    return groups


def _meetings(
    group: Group,
    members: list[User],
    rng: random.Random,
    began: datetime,
    end: date,
    zone: str,
    *,
    keen: bool,
) -> None:
    """One held meeting a month; people drift away as the year goes, less in keen groups."""
    month, index = began, 0
    while month.date() <= end:
        if keen or index % 4 != 3:  # the less keen groups skip a month now and then
            starts_at = month + timedelta(days=7 + group.pk % 5)
            meeting = meeting_schedule(
                group=group,
                starts_at=starts_at,
                host=members[index % len(members)],
                allow_past=True,
            )
            meeting_mark_held(meeting=meeting)
            stay = 0.95 - index * (0.02 if keen else 0.05)
            Attendance.objects.bulk_create(
                Attendance(meeting=meeting, user=user, present=rng.random() < stay)
                for user in members
            )
        index += 1
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def _goals(
    groups: list[tuple[Group, list[User]]], rng: random.Random, start: date, end: date
) -> None:
    statuses = (
        [GoalStatus.DONE] * 5
        + [GoalStatus.CARRIED_OVER] * 2
        + [
            GoalStatus.DROPPED,
            GoalStatus.PARTLY,
            GoalStatus.NOT_DONE,
        ]
    )
    goals, successes, long_term = [], [], []
    middle = start + (end - start) / 2
    reviewed = datetime.combine(
        middle + timedelta(days=30), time(12), tzinfo=timezone.get_current_timezone()
    )
    for group, members in groups:
        for user in members:
            for n in range(rng.randint(3, 7)):
                goals.append(
                    Goal(
                        owner=user,
                        group=group,
                        text=f"Monthly goal {n + 1}",
                        due_on=middle,
                        status=rng.choice(statuses),
                        reviewed_at=reviewed,
                    )
                )
            if rng.random() < 0.6:
                successes.append(
                    Success(owner=user, group=group, text="A success", happened_on=middle)
                )
            for n in range(rng.randint(0, 3)):
                reached = rng.random() < 0.3
                long_term.append(
                    LongTermGoal(
                        owner=user,
                        text=f"Long-term goal {n + 1}",
                        target_year=end.year + 3,
                        status=LongTermStatus.REACHED if reached else LongTermStatus.OPEN,
                    )
                )
    made = Goal.objects.bulk_create(goals)
    set_on = datetime.combine(middle, time(12), tzinfo=timezone.get_current_timezone())
    Goal.objects.filter(pk__in=[g.pk for g in made]).update(created_at=set_on)
    Success.objects.bulk_create(successes)
    LongTermGoal.objects.bulk_create(long_term)
