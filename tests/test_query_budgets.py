"""Page-level query budgets: each page makes a small, fixed number of queries however much
data the site holds (the web benchmark measures the time; this catches the N+1s)."""

import datetime as dt
from collections.abc import Callable
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peercircle.goals.actions import goal_set, long_term_add
from peercircle.goals.models import LongTermGoal
from peercircle.groups.actions.group import group_create
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.actions.polls import TimeChoice, poll_create
from peercircle.groups.models import Poll, Role
from peercircle.meetings.actions.calendar_feed import calendar_feed_regenerate
from peercircle.meetings.calendar import feed_token
from peercircle.meetings.models import CalendarFeed
from tests.conftest import Cast, count_queries, make_meeting, make_user


def first_meeting(cast: Cast) -> int:
    """The same meeting before and after the growth: the first one made."""
    return cast.group.meetings.earliest("pk").pk


def poll_url(cast: Cast) -> str:
    poll = Poll.objects.filter(group=cast.group).first() or poll_create(
        group=cast.group,
        author=cast.organizer,
        deadline=timezone.now() + dt.timedelta(days=7),
        times=[TimeChoice(weekday=day, at=dt.time(12)) for day in range(5)],
    )
    return reverse("poll_detail", args=[poll.pk])


def long_term(cast: Cast) -> LongTermGoal:
    """The member's one long-term goal (its progress is prefetched only when there is one)."""
    existing = LongTermGoal.objects.filter(owner=cast.member).first()
    year = timezone.localdate().year + 3
    return existing or long_term_add(owner=cast.member, text="Defend", target_year=year)


def my_goals_url(cast: Cast) -> str:
    long_term(cast)
    return reverse("my_goals")


def feed_url(cast: Cast) -> str:
    feed = CalendarFeed.objects.filter(user=cast.member).first()
    feed = feed or calendar_feed_regenerate(user=cast.member)
    return reverse("calendar_feed", args=[feed_token(feed)])


def report_url(cast: Cast) -> str:
    from peercircle.programs.models import Term

    year = timezone.localdate().year
    term = Term.objects.filter(program=cast.program).first() or Term.objects.create(
        program=cast.program,
        name="This year",
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 31),
    )
    return reverse("program_report", args=[cast.program.pk]) + f"?term={term.pk}"


def survey_url(cast: Cast) -> str:
    from peercircle.programs.models import Survey, Term
    from peercircle.programs.survey.items import CONSTRUCT_KEYS

    term, _ = Term.objects.get_or_create(
        program=cast.program,
        name="Surveyed",
        defaults={"starts_on": dt.date(2026, 1, 1), "ends_on": dt.date(2026, 6, 30)},
    )
    closes = timezone.now() + dt.timedelta(days=7)
    survey, _ = Survey.objects.get_or_create(
        term=term, defaults={"constructs": list(CONSTRUCT_KEYS), "closes_at": closes}
    )
    return reverse("survey_page", args=[survey.pk])


# (who, page, budget): the most queries the page may make.
PAGES: list[tuple[str | None, Callable[[Cast], str], int]] = [
    # User, memberships with next meetings, programs, check-ins, calendar link.
    # (the right to start programs is one query, not has_perm's two)
    ("member", lambda cast: "/", 9),  # + the polls waiting for an answer, the schedules
    # (+1: the open end-of-term surveys not yet answered; +1: programs asking research consent)
    ("coordinator", lambda cast: "/", 5),  # + invitations waiting (in no group yet)
    # The group page gathers schedule, polls, RSVPs, agreement, insights and goals; the
    # memberships are read once (with what each accepted) and handed to the insights and the
    # poll panel; the day's moments (meetings starting or ending) key its cached part.
    ("member", lambda cast: reverse("group_detail", args=[cast.group.pk]), 11),
    (
        "member",
        # The same meeting before and after the growth: the first one made.
        lambda cast: reverse("meeting_detail", args=[cast.group.meetings.earliest("pk").pk]),
        # Check-in, agenda, RSVPs, host rotation, successes and the goals review; the
        # memberships, check-ins and live run read once, the agenda's priorities in one.
        14,
    ),
    ("member", lambda cast: reverse("profile"), 2),
    ("member", lambda cast: reverse("account_data"), 2),
    # The groups table plus the aggregate figures (attendance, goals, retention, sign-ups,
    # people invited).
    ("coordinator", lambda cast: reverse("program_detail", args=[cast.program.pk]), 13),
    # The outcome report: the terms, sign-ups, formation reasons, members, meetings,
    # attendance (twice), goals, long-term lists and successes.
    ("coordinator", report_url, 14),
    # The survey page: user, the survey with its program, membership, answered.
    ("member", survey_url, 4),
    # The consent page: user, program, membership, the standing consent.
    ("member", lambda cast: reverse("research_consent", args=[cast.program.pk]), 4),
    # The research page: user, program, consents counted.
    ("coordinator", lambda cast: reverse("program_research", args=[cast.program.pk]), 3),
    # The institutions offering university sign-in (one row each).
    (None, lambda cast: reverse("account_login"), 1),
    # The welcome page after a first university sign-in: the user only.
    ("member", lambda cast: reverse("sso_welcome"), 1),
    # --- pages the web benchmark measures since the goals, meeting and groups apps landed ---
    ("member", lambda cast: reverse("meeting_checkin", args=[first_meeting(cast)]), 4),
    # The run page: meeting, agenda, check-ins, the run, notes, goals review and successes.
    # The roundtable opens with the group agreement's first line: one more query.
    # The person's own note draft, given back in the note box: one more.
    # The memberships read once serve the agenda, the goals review and the attendance form.
    ("member", lambda cast: reverse("meeting_run", args=[first_meeting(cast)]), 11),
    # Polled every second or two by everyone in a live meeting: keep it small.
    ("member", lambda cast: reverse("meeting_run_state", args=[first_meeting(cast)]), 4),
    # The poll, the membership (kept by the funnel after); its options and answers read once
    # for the form and the results, whose parts a later read takes from the cache.
    ("member", poll_url, 6),
    # Goals with their groups, the viewer's groups, the long-term list and what served it.
    ("member", my_goals_url, 5),
    ("member", lambda cast: reverse("group_goals", args=[cast.group.pk]), 5),
    # The feed has no session: the token finds the person, one query lists their meetings.
    (None, feed_url, 2),
    # The public sign-up page (its window is closed here; the benchmark measures it open).
    (None, lambda cast: reverse("signup_public", args=[cast.program.pk]), 1),
]


def grow(cast: Cast, size: int) -> None:
    """More of everything around the cast: meetings, groups, people."""
    for day in range(2, size + 2):
        make_meeting(cast.group, days=day, host=cast.member)
        make_meeting(cast.group, days=-day)
    for index in range(size):
        group = group_create(program_id=cast.program.pk, name=f"Grown {size}-{index}")
        membership_add(group=group, user=cast.member)
        person = make_user(f"grown{size}-{index}@example.org")
        membership_add(group=cast.group, user=person)
        membership_add(group=group, user=person, role=Role.ORGANIZER)
        make_meeting(group, days=index + 1)
        # Goals: the viewer's own, a groupmate's, and some in the viewer's other groups.
        goal_set(
            owner=cast.member,
            group=cast.group,
            text=f"Draft part {size}-{index}",
            long_term=long_term(cast),
        )
        goal_set(owner=person, group=cast.group, text=f"Read paper {size}-{index}", private=True)
        goal_set(owner=cast.member, group=group, text=f"Plan step {size}-{index}")


@pytest.mark.parametrize(("who", "page", "budget"), PAGES)
def test_page_stays_within_its_query_budget_as_data_grows(
    now: datetime, cast: Cast, who: str | None, page: Callable[[Cast], str], budget: int
) -> None:
    make_meeting(cast.group, days=1, host=cast.member)
    client = cast.client_for(getattr(cast, who)) if who else Client()
    small = count_queries(client, page(cast))
    grow(cast, 12)
    large = count_queries(client, page(cast))
    assert small <= budget
    assert large == small, f"{page(cast)}: {small} queries, then {large} with more data"
