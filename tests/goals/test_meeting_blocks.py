"""The goals blocks of the meeting pages: the review of due goals and the successes.

The meetings app's pages include the goals partials, which read through goals_tags.
"""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peercircle.goals import actions
from peercircle.meetings.access import get_meeting_for_user
from tests.conftest import Cast, count_queries
from tests.goals.helpers import make_goal, meetings_around


def test_meeting_page_lists_due_goals_and_counts_others_private_ones(cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    make_goal(cast.member, cast.group, "Shared goal text")
    make_goal(cast.member, cast.group, "Hidden goal text", private=True)
    make_goal(cast.member, cast.group, "Not due yet", due_in_days=20)
    url = reverse("meeting_detail", args=[soon.pk])
    seen_by_organizer = cast.client_for(cast.organizer).get(url).content.decode()
    assert "Shared goal text" in seen_by_organizer
    assert "Hidden goal text" not in seen_by_organizer
    assert "1 private goal" in seen_by_organizer
    assert "Not due yet" not in seen_by_organizer
    seen_by_owner = cast.client_for(cast.member).get(url).content.decode()
    assert "Hidden goal text" in seen_by_owner


def test_an_unreviewed_goal_comes_back_at_every_later_meeting(cast: Cast) -> None:
    earlier, soon, later = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group, "Keeps coming back", due_in_days=-20)
    client = cast.client_for(cast.member)
    for meeting in (earlier, soon, later):
        assert (
            "Keeps coming back"
            in client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
        )
    actions.goal_review(goal=goal, status="done", note="", meeting=soon, by=cast.member)
    assert b"Keeps coming back" in client.get(reverse("meeting_detail", args=[soon.pk])).content
    assert (
        b"Keeps coming back" not in client.get(reverse("meeting_detail", args=[later.pk])).content
    )


def test_meeting_successes_block_shows_the_periods_successes(cast: Cast) -> None:
    earlier, soon, _ = meetings_around(cast.group)
    today = timezone.localdate()
    actions.success_add(owner=cast.member, group=cast.group, text="Passed quals", happened_on=today)
    body = cast.client_for(cast.organizer).get(reverse("meeting_detail", args=[soon.pk])).content
    assert b"Passed quals" in body
    body = cast.client_for(cast.organizer).get(reverse("meeting_detail", args=[earlier.pk])).content
    assert b"Passed quals" not in body


def test_meeting_page_queries_do_not_grow_with_goals(cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    client = cast.client_for(cast.organizer)
    url = reverse("meeting_detail", args=[soon.pk])
    make_goal(cast.member, cast.group)
    few = count_queries(client, url)
    for index in range(6):
        make_goal(cast.member, cast.group, f"Goal {index}", private=index % 2 == 0)
        make_goal(cast.organizer, cast.group, f"Mine {index}")
        actions.success_add(
            owner=cast.member,
            group=cast.group,
            text=f"Win {index}",
            happened_on=timezone.localdate(),
        )
    assert count_queries(client, url) == few


@pytest.mark.parametrize(
    "partial",
    ["goals/_meeting_review.html", "goals/_meeting_successes.html", "meetings/_summary_goals.html"],
)
def test_a_block_shows_only_with_the_pages_access_and_reads_no_membership_again(
    cast: Cast, partial: str
) -> None:
    _, soon, _ = meetings_around(cast.group)
    make_goal(cast.member, cast.group, "Shared goal text", set_at=soon)
    make_goal(cast.organizer, cast.group, "Organizer's private goal", private=True, set_at=soon)
    actions.success_add(
        owner=cast.member, group=cast.group, text="Passed quals", happened_on=timezone.localdate()
    )
    request = RequestFactory().get("/")
    request.user = cast.member
    access = get_meeting_for_user(cast.member, soon.pk)
    context = {"meeting": access.meeting, "user": cast.member}
    without = render_to_string(partial, context, request=request)
    with CaptureQueriesContext(connection) as handed:
        given = render_to_string(partial, {**context, "access": access}, request=request)
    assert "Shared goal text" in given or "Passed quals" in given
    assert "Organizer&#x27;s private goal" not in given
    assert "Shared goal text" not in without and "Passed quals" not in without
    # The viewer's membership came with the access object: no query reads it again.
    mine = f'"groups_membership"."user_id" = {cast.member.pk}'
    assert not [q["sql"] for q in handed.captured_queries if mine in q["sql"]]
