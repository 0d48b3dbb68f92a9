"""Page-level query budgets: each page makes a small, fixed number of queries however much
data the site holds (the web benchmark measures the time; this catches the N+1s)."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.groups.actions import group_create, membership_add
from peercircle.groups.models import Role
from tests.conftest import Cast, count_queries, make_meeting, make_user

# (who, page, budget): the most queries the page may make.
PAGES: list[tuple[str | None, Callable[[Cast], str], int]] = [
    # Session, user, memberships with next meetings, programs, check-ins, calendar link.
    ("member", lambda cast: "/", 7),
    ("coordinator", lambda cast: "/", 6),
    # The group page gathers schedule, polls, RSVPs, agreement, insights and goals.
    ("member", lambda cast: reverse("group_detail", args=[cast.group.pk]), 15),
    (
        "member",
        # The same meeting before and after the growth: the first one made.
        lambda cast: reverse("meeting_detail", args=[cast.group.meetings.earliest("pk").pk]),
        # Check-in, agenda, RSVPs, host rotation, successes and the goals review.
        19,
    ),
    ("member", lambda cast: reverse("profile"), 3),
    ("member", lambda cast: reverse("account_data"), 3),
    # The groups table plus the aggregate figures (attendance, goals, retention, sign-ups).
    ("coordinator", lambda cast: reverse("program_detail", args=[cast.program.pk]), 15),
    (None, lambda cast: reverse("account_login"), 0),
]


def grow(cast: Cast, size: int) -> None:
    """More of everything around the cast: meetings, groups, people."""
    for day in range(2, size + 2):
        make_meeting(cast.group, days=day, host=cast.member)
        make_meeting(cast.group, days=-day)
    for index in range(size):
        group = group_create(program=cast.program, name=f"Grown {size}-{index}")
        membership_add(group=group, user=cast.member)
        person = make_user(f"grown{size}-{index}@example.org")
        membership_add(group=cast.group, user=person)
        membership_add(group=group, user=person, role=Role.ORGANIZER)
        make_meeting(group, days=index + 1)


@pytest.mark.parametrize(("who", "page", "budget"), PAGES)
def test_page_stays_within_its_query_budget_as_data_grows(
    cast: Cast, who: str | None, page: Callable[[Cast], str], budget: int
) -> None:
    make_meeting(cast.group, days=1, host=cast.member)
    client = cast.client_for(getattr(cast, who)) if who else Client()
    small = count_queries(client, page(cast))
    grow(cast, 12)
    large = count_queries(client, page(cast))
    assert small <= budget
    assert large == small, f"{page(cast)}: {small} queries, then {large} with more data"
