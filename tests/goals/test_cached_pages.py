"""The goals pages kept as cached parts (lib/versions.py): a write shows on the next visit,
private goals stay their owner's, and the access checks still run with the part cached."""

from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from peercircle.groups.actions.group import group_update
from tests.conftest import GROUP_READ, Cast, count_queries, page_text
from tests.goals.helpers import make_goal


def _group_goals(cast: Cast) -> str:
    return reverse("group_goals", args=[cast.group.pk])


def _set_goal(cast: Cast, text: str, *, private: bool = False) -> None:
    """The member sets a goal through the form, as on the site."""
    data = {"text": text, "due_on": "2026-06-20", "long_term": "", "private": private or ""}
    if not private:
        del data["private"]
    response = cast.client_for(cast.member).post(reverse("goal_new", args=[cast.group.pk]), data)
    assert response.status_code == 302


def test_a_goal_set_shows_on_the_group_page_a_fellow_member_has_cached(
    now: datetime, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    organizer = cast.client_for(cast.organizer)
    assert "Draft the poster" not in page_text(organizer, _group_goals(cast))
    with django_capture_on_commit_callbacks(execute=True):
        _set_goal(cast, "Draft the poster")
    assert "Draft the poster" in page_text(organizer, _group_goals(cast))


def test_private_goals_stay_their_owners_with_the_page_cached(
    now: datetime, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _set_goal(cast, "My secret plan", private=True)
        make_goal(cast.member, cast.group, "Shared plan")
    member, organizer = cast.client_for(cast.member), cast.client_for(cast.organizer)
    for _ in range(2):  # the owner first, then the others, then the owner again
        own = page_text(member, _group_goals(cast))
        assert "My secret plan" in own and "Shared plan" in own
        assert "1 private goal</p>" not in own  # their own, shown, not counted
        other = page_text(organizer, _group_goals(cast))
        assert "My secret plan" not in other and "Shared plan" in other
        assert "1 private goal</p>" in other
    assert "<!--" not in own.split("<main", 1)[1] and "<!--" not in other.split("<main", 1)[1]


@pytest.mark.parametrize(("who", "status"), GROUP_READ)
def test_the_cached_group_page_still_checks_access(
    now: datetime, cast: Cast, who: str, status: int
) -> None:
    make_goal(cast.member, cast.group, "Shared plan")
    page_text(cast.client_for(cast.member), _group_goals(cast))  # the part is cached
    response = cast.client_for(getattr(cast, who)).get(_group_goals(cast))
    assert response.status_code == status
    assert (b"Shared plan" in response.content) == (status == 200)


def test_my_goals_shows_a_new_goal_and_a_renamed_group(
    now: datetime, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client = cast.client_for(cast.member)
    assert "Draft the poster" not in page_text(client, reverse("my_goals"))
    with django_capture_on_commit_callbacks(execute=True):
        _set_goal(cast, "Draft the poster")
    assert "Draft the poster" in page_text(client, reverse("my_goals"))
    assert "Draft the poster" in page_text(client, reverse("my_goals"))  # read from the part
    with django_capture_on_commit_callbacks(execute=True):
        group_update(
            group=cast.group,
            name="Renamed circle",
            cadence="weekly",
            meeting_place="",
            video_url="",
        )
    assert "Renamed circle" in page_text(client, reverse("my_goals"))


def test_my_goals_is_each_persons_own_with_the_page_cached(now: datetime, cast: Cast) -> None:
    make_goal(cast.member, cast.group, "Members plan", private=True)
    make_goal(cast.organizer, cast.group, "Organizers plan")
    assert "Members plan" in page_text(cast.client_for(cast.member), reverse("my_goals"))
    body = page_text(cast.client_for(cast.organizer), reverse("my_goals"))
    assert "Organizers plan" in body and "Members plan" not in body


def test_my_goals_marks_a_goal_overdue_the_next_day_without_a_write(
    now: datetime, cast: Cast
) -> None:
    make_goal(cast.member, cast.group, "Due today")
    client = cast.client_for(cast.member)
    assert "overdue" not in page_text(client, reverse("my_goals"))
    with time_machine.travel(now + timedelta(days=1), tick=False):
        assert "overdue" in page_text(client, reverse("my_goals"))


@pytest.mark.parametrize(
    ("name", "args", "queries"),
    [
        ("my_goals", False, 1),  # the signed-in user (the test client has no user cache)
        ("group_goals", True, 1),  # the access check runs, its answer kept (groups/access.py)
    ],
)
def test_a_second_visit_reads_the_parts_instead_of_the_rows(
    now: datetime, cast: Cast, name: str, args: bool, queries: int
) -> None:
    make_goal(cast.member, cast.group, "Shared plan")
    make_goal(cast.member, cast.group, "Own plan", private=True)
    client = cast.client_for(cast.member)
    url = reverse(name, args=[cast.group.pk] if args else [])
    page_text(client, url)
    page_text(client, url)  # "my goals" keeps its page on the second visit
    assert count_queries(client, url, cached=True) == queries
