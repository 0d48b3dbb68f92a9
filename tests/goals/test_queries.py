from datetime import date, datetime, timedelta

from django.utils import timezone

from peercircle.goals import actions, queries
from tests.conftest import Cast
from tests.goals.helpers import make_goal, meetings_around


def test_completion_counts_done_as_one_and_partly_as_half_and_skips_carried(cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    today = timezone.localdate()
    for status in ("done", "partly", "not_done", "dropped", "carried_over"):
        goal = make_goal(cast.member, cast.group)
        actions.goal_review(goal=goal, status=status, note="", meeting=soon, by=cast.member)
    make_goal(cast.member, cast.group, "still open")
    periods = queries.member_completion(cast.member, months=2, today=today)
    assert [p.start for p in periods] == [
        (today.replace(day=1) - timedelta(days=1)).replace(day=1),
        today.replace(day=1),
    ]
    assert periods[0].rate is None
    assert (periods[1].counted, periods[1].rate) == (4, 1.5 / 4)


def test_group_completion_leaves_private_goals_out(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    private = make_goal(cast.member, cast.group, private=True)
    actions.goal_review(goal=private, status="not_done", note="", meeting=soon, by=cast.member)
    shared = make_goal(cast.member, cast.group)
    actions.goal_review(goal=shared, status="done", note="", meeting=soon, by=cast.member)
    periods = queries.group_completion(cast.group, months=1)
    assert (periods[0].counted, periods[0].rate) == (1, 1.0)


def test_long_term_progress_counts_the_goals_that_served_each(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    lt = actions.long_term_add(owner=cast.member, text="PhD", target_year=2030)
    actions.long_term_add(owner=cast.member, text="Other", target_year=2030)
    for status in ("done", "partly"):
        goal = actions.goal_set(
            owner=cast.member, group=cast.group, text="g", long_term=lt,
            due_on=timezone.localdate(),
        )  # fmt: skip
        actions.goal_review(goal=goal, status=status, note="", meeting=soon, by=cast.member)
    actions.long_term_update(goal=lt, text="PhD", target_year=2030, status="reached")
    progress = queries.long_term_progress(cast.member)
    assert [(p.goal.text, p.served, p.served_done) for p in progress] == [
        ("PhD", 2, 1),
        ("Other", 0, 0),
    ]
    assert queries.long_term_reached(progress) == 1


def test_a_meetings_successes_are_those_since_the_previous_meeting(
    now: datetime, cast: Cast
) -> None:
    earlier, soon, later = meetings_around(cast.group)
    today = timezone.localdate()
    old = actions.success_add(
        owner=cast.member, group=cast.group, text="old", happened_on=today - timedelta(days=20)
    )
    new = actions.success_add(owner=cast.member, group=cast.group, text="new", happened_on=today)
    assert queries.meeting_successes(earlier) == [old]
    assert queries.meeting_successes(soon) == [new]
    assert queries.meeting_successes(later) == []


def test_year_summary_groups_goals_by_month(now: datetime, cast: Cast) -> None:
    goal = make_goal(cast.member, cast.group)
    summary = queries.year_summary(cast.member, timezone.localdate().year)
    assert summary["months"] == [(goal.due_on.replace(day=1), [goal])]
    assert queries.year_summary(cast.member, 2001)["months"] == []
    assert isinstance(summary["months"][0][0], date)  # type: ignore[index]


def test_my_goals_keeps_every_open_goal_and_only_the_latest_reviewed(
    now: datetime, cast: Cast
) -> None:
    _, soon, _ = meetings_around(cast.group)
    reviewed = []
    for index in range(4):
        goal = make_goal(cast.member, cast.group, f"Reviewed {index}", due_in_days=index)
        actions.goal_review(goal=goal, status="done", note="", meeting=soon, by=cast.member)
        reviewed.append(goal.pk)
    open_goals = [make_goal(cast.member, cast.group, f"Open {i}", due_in_days=9).pk for i in (1, 2)]
    make_goal(cast.organizer, cast.group, "Someone else's")
    shown = queries.my_goals(cast.member, reviewed=2)
    # Newest due first: both open goals (due later), then the two latest reviewed ones.
    assert [goal.pk for goal in shown] == [*sorted(open_goals, reverse=True), *reviewed[:1:-1]]
