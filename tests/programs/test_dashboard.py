"""The program dashboard: aggregates only, nothing about fewer than five people, no texts."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from peercircle.groups.actions.group import group_create
from peercircle.groups.actions.membership import membership_add
from peercircle.meetings.actions.meeting import meeting_mark_held
from peercircle.programs import queries
from tests.conftest import Cast, count_queries, make_meeting, make_user, page_text
from tests.programs.conftest import make_signups


def figures_csv(cast: Cast) -> dict[str, str]:
    response = cast.client_for(cast.coordinator).get(
        reverse("program_figures_csv", args=[cast.program.pk])
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    return dict(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_counts_about_fewer_than_five_people_are_never_shown(now: datetime, cast: Cast) -> None:
    make_signups(cast.program, 4, departments=1)  # four in "Dept 0"
    figures = figures_csv(cast)
    assert figures["people in groups"] == "fewer than 5"  # the cast has three members
    assert figures["sign-ups, department Dept 0"] == "fewer than 5"
    assert figures["sign-ups, stage Graduate student"] == "fewer than 5"
    body = cast.client_for(cast.coordinator).get(reverse("program_detail", args=[cast.program.pk]))
    assert "fewer than 5" in body.content.decode()


def test_counts_of_five_or_more_are_shown(now: datetime, cast: Cast) -> None:
    make_signups(cast.program, 5, departments=1)
    for index in range(2):
        membership_add(group=cast.group, user=make_user(f"more{index}@example.org"))
    figures = figures_csv(cast)
    assert figures["people in groups"] == "5"
    assert figures["sign-ups, department Dept 0"] == "5"


def test_retention_is_shown_per_month_only_for_five_or_more(now: datetime, cast: Cast) -> None:
    for index in range(4):
        membership_add(group=cast.group, user=make_user(f"more{index}@example.org"))
    meeting_mark_held(meeting=make_meeting(cast.group, days=-1))
    bars = queries.program_figures(cast.program, now=timezone.now()).retention
    assert len(bars) == queries.RETENTION_MONTHS
    # 7 placed, 6 in the group that met this month (or last, near a month's start).
    assert any(bar.value == 6 for bar in bars[-2:])
    small = group_create(program_id=cast.program.pk, name="Tiny")
    membership_add(group=small, user=make_user("tiny@example.org"))
    assert all(bar.value is None or bar.value >= 5 for bar in bars)


def test_the_chart_has_a_text_alternative(cast: Cast) -> None:
    body = (
        cast.client_for(cast.coordinator)
        .get(reverse("program_detail", args=[cast.program.pk]))
        .content.decode()
    )
    assert '<svg viewBox="0 0 320 160" role="img" aria-labelledby="retention-title"' in body
    assert "The same figures as a table" in body


def test_the_dashboard_never_shows_names_or_texts(now: datetime, cast: Cast) -> None:
    make_signups(cast.program, 6)
    body = page_text(
        cast.client_for(cast.coordinator), reverse("program_detail", args=[cast.program.pk])
    )
    for private in ("Mina Member", "Olu Organizer", "Person 1", "person1@example.edu"):
        assert private not in body


def test_attendance_is_not_recorded_yet(cast: Cast) -> None:
    assert figures_csv(cast)["attendance rate"] == "not recorded yet"


def test_goal_counts_come_from_the_goals_app_when_installed_and_are_floored(
    now: datetime, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:

    from peercircle.goals.actions import goal_review, goal_set
    from peercircle.groups.actions.membership import membership_add

    # Four people set goals: too few to show anything.
    people = [make_user(f"goal{index}@example.org") for index in range(5)]
    today = timezone.localdate()
    for person in people[:4]:
        membership_add(group=cast.group, user=person)
        goal = goal_set(owner=person, group=cast.group, text="Draft by Friday", due_on=today)
    assert queries._goal_counts(cast.program) == (None, None)
    membership_add(group=cast.group, user=people[4])
    goal = goal_set(owner=people[4], group=cast.group, text="Draft by Friday", due_on=today)
    meeting = make_meeting(cast.group, days=-1)
    goal_review(goal=goal, by=people[4], status="done", note="", meeting=meeting)
    assert queries._goal_counts(cast.program) == (5, 1)


def test_without_the_goals_app_goal_counts_are_not_shown(cast: Cast) -> None:
    assert queries._goal_counts(cast.program) == (None, None)


def test_groups_active_and_meetings_held_count_the_window(now: datetime, cast: Cast) -> None:
    meeting_mark_held(meeting=make_meeting(cast.group, days=-10))
    meeting_mark_held(meeting=make_meeting(cast.group, days=-200))
    figures = figures_csv(cast)
    assert figures["groups"] == "2"
    assert figures["groups that met in the last 90 days"] == "1"
    assert figures["meetings held"] == "2"
    assert figures["meetings held in the last 90 days"] == "1"


def test_program_page_is_paginated(cast: Cast) -> None:
    for index in range(queries.GROUPS_PER_PAGE + 3):
        group_create(program_id=cast.program.pk, name=f"Extra {index:02}")
    client = cast.client_for(cast.coordinator)
    first = client.get(reverse("program_detail", args=[cast.program.pk]))
    assert len(first.context["page"]) == queries.GROUPS_PER_PAGE
    last = client.get(reverse("program_detail", args=[cast.program.pk]), {"page": 2})
    assert len(last.context["page"]) == 5


def test_program_page_queries_do_not_grow_with_history_or_groups(now: datetime, cast: Cast) -> None:
    client = cast.client_for(cast.coordinator)
    url = reverse("program_detail", args=[cast.program.pk])
    make_signups(cast.program, 6)
    before = count_queries(client, url)
    for index in range(30):
        group = group_create(program_id=cast.program.pk, name=f"Extra {index}")
        membership_add(group=group, user=make_user(f"extra{index}@example.org"))
        for days in (-400, -100, -5, 3):
            meeting = make_meeting(group, days=days - index % 3)
            if days < 0:
                meeting_mark_held(meeting=meeting)
    make_signups(cast.program, 40, prefix="late", departments=9)
    assert count_queries(client, url) == before


def test_dashboard_program_cards_cost_the_same_for_more_programs(cast: Cast) -> None:
    from peercircle.programs.actions.program import program_create

    client = cast.client_for(cast.coordinator)
    before = count_queries(client, reverse("dashboard"))
    for index in range(5):
        program_create(name=f"More {index}", coordinators=[cast.coordinator])
    assert count_queries(client, reverse("dashboard")) == before


def test_held_meetings_from_long_ago_do_not_count_as_recent(now: datetime, cast: Cast) -> None:
    meeting_mark_held(meeting=make_meeting(cast.group, days=-91))
    page = queries.groups_page(cast.program, 1, now=timezone.now())
    alpha = next(group for group in page if group.name == "Alpha")
    assert alpha.held_recently == 0 and alpha.member_count == 2
    assert timedelta(days=90) == queries.HEALTH_WINDOW
