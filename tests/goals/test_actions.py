from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from peercircle.goals import actions
from peercircle.goals.models import Goal, GoalStatus, LongTermStatus
from tests.conftest import Cast, make_meeting
from tests.goals.helpers import make_goal, meetings_around


def test_a_goal_is_due_at_the_groups_next_meeting_by_default(now: datetime, cast: Cast) -> None:
    make_meeting(cast.group, days=10)
    goal = actions.goal_set(owner=cast.member, group=cast.group, text="Submit the abstract")
    assert goal.due_on == date(2026, 6, 20)
    assert goal.status == GoalStatus.OPEN


def test_a_goal_set_at_a_meeting_is_due_at_the_meeting_after_it(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = actions.goal_set(owner=cast.member, group=cast.group, text="Draft", set_at=soon)
    assert goal.due_on == date(2026, 7, 8)
    assert goal.set_at == soon


def test_without_a_next_meeting_a_goal_is_due_one_period_ahead(now: datetime, cast: Cast) -> None:
    goal = actions.goal_set(owner=cast.member, group=cast.group, text="Draft")
    assert goal.due_on == date(2026, 7, 10)  # thirty days on


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write the goal"),
        ("   ", "Write the goal"),
        ("x" * 10_000, "under 500"),
        ("nul \x00 byte", "cannot be stored"),
    ],
)
def test_bad_goal_text_is_refused_with_a_reason(
    now: datetime, cast: Cast, text: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        actions.goal_set(
            owner=cast.member, group=cast.group, text=text, due_on=timezone.localdate()
        )
    assert not Goal.objects.exists()


def test_markup_is_stored_as_typed(now: datetime, cast: Cast) -> None:
    goal = make_goal(cast.member, cast.group, "<b>bold</b> & <script>x</script>")
    assert goal.text == "<b>bold</b> & <script>x</script>"


@pytest.mark.parametrize("due_on", [date(9999, 12, 31), date(2000, 1, 1)])
def test_due_dates_far_outside_a_sane_window_are_refused(
    now: datetime, cast: Cast, due_on: date
) -> None:
    with pytest.raises(ValidationError, match="within the next three years"):
        actions.goal_set(owner=cast.member, group=cast.group, text="Draft", due_on=due_on)


def test_only_members_set_goals_in_a_group(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        actions.goal_set(owner=cast.other_member, group=cast.group, text="Draft")


def test_a_goal_links_only_its_owners_long_term_goals(now: datetime, cast: Cast) -> None:
    theirs = actions.long_term_add(owner=cast.organizer, text="Tenure", target_year=2030)
    with pytest.raises(ValidationError, match="your own"):
        actions.goal_set(owner=cast.member, group=cast.group, text="Draft", long_term=theirs)


def test_a_goal_cannot_be_set_at_another_groups_meeting(now: datetime, cast: Cast) -> None:
    elsewhere = make_meeting(cast.other_group, days=3)
    with pytest.raises(ValidationError, match="another group"):
        actions.goal_set(owner=cast.member, group=cast.group, text="Draft", set_at=elsewhere)


@pytest.mark.parametrize(
    "status",
    [GoalStatus.DONE, GoalStatus.PARTLY, GoalStatus.NOT_DONE, GoalStatus.DROPPED],
)
def test_review_records_status_note_meeting_and_reviewer(
    now: datetime, cast: Cast, status: str
) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group)
    actions.goal_review(
        goal=goal, status=status, note=" went\nfine ", meeting=soon, by=cast.organizer
    )
    goal.refresh_from_db()
    assert (goal.status, goal.review_note, goal.reviewed_in, goal.reviewed_by) == (
        status,
        "went fine",
        soon,
        cast.organizer,
    )
    assert goal.reviewed_at is not None
    assert not Goal.objects.filter(carried_from=goal).exists()


def test_carrying_over_creates_a_linked_goal_due_at_the_next_meeting(
    now: datetime, cast: Cast
) -> None:
    _, soon, _ = meetings_around(cast.group)
    lt = actions.long_term_add(owner=cast.member, text="Finish the PhD", target_year=2029)
    goal = actions.goal_set(
        owner=cast.member, group=cast.group, text="Draft aims", due_on=timezone.localdate(),
        long_term=lt, private=True,
    )  # fmt: skip
    actions.goal_review(
        goal=goal, status=GoalStatus.CARRIED_OVER, note="", meeting=soon, by=cast.member
    )
    follow_up = Goal.objects.get(carried_from=goal)
    assert follow_up.text == "Draft aims"
    assert follow_up.due_on == date(2026, 7, 8)
    assert (follow_up.status, follow_up.private, follow_up.long_term) == (GoalStatus.OPEN, True, lt)
    assert follow_up.set_at == soon


def test_a_double_submitted_carry_over_creates_one_follow_up(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group)
    for _ in range(2):
        actions.goal_review(
            goal=Goal.objects.get(pk=goal.pk), status=GoalStatus.CARRIED_OVER, note="",
            meeting=soon, by=cast.member,
        )  # fmt: skip
    assert Goal.objects.filter(carried_from=goal).count() == 1


def test_a_review_can_be_corrected_but_a_carried_over_goal_stays_carried(
    now: datetime, cast: Cast
) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group)
    actions.goal_review(goal=goal, status=GoalStatus.DONE, note="", meeting=soon, by=cast.member)
    actions.goal_review(goal=goal, status=GoalStatus.PARTLY, note="", meeting=soon, by=cast.member)
    assert Goal.objects.get(pk=goal.pk).status == GoalStatus.PARTLY
    actions.goal_review(
        goal=goal, status=GoalStatus.CARRIED_OVER, note="", meeting=soon, by=cast.member
    )
    with pytest.raises(ValidationError, match="carried over"):
        actions.goal_review(
            goal=goal, status=GoalStatus.DONE, note="", meeting=soon, by=cast.member
        )


def test_review_refuses_open_and_unknown_statuses_and_long_notes(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group)
    for status, note in (("open", ""), ("won", ""), ("done", "x" * 201)):
        with pytest.raises(ValidationError):
            actions.goal_review(goal=goal, status=status, note=note, meeting=soon, by=cast.member)
    assert Goal.objects.get(pk=goal.pk).status == GoalStatus.OPEN


def test_a_reviewed_goal_keeps_its_text(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group)
    actions.goal_review(goal=goal, status=GoalStatus.DONE, note="", meeting=soon, by=cast.member)
    with pytest.raises(ValidationError, match="reviewed"):
        actions.goal_update(
            goal=goal, text="Something else", due_on=goal.due_on, long_term=None, private=False
        )


def test_long_term_goals_have_a_sane_target_year_and_a_status(now: datetime, cast: Cast) -> None:
    year = timezone.localdate().year
    with pytest.raises(ValidationError, match="Pick a year"):
        actions.long_term_add(owner=cast.member, text="Tenure", target_year=9999)
    goal = actions.long_term_add(owner=cast.member, text="  Tenure ", target_year=year + 5)
    assert goal.text == "Tenure"
    actions.long_term_update(
        goal=goal, text="Tenure", target_year=year + 5, status=LongTermStatus.REACHED
    )
    goal.refresh_from_db()
    assert goal.status == LongTermStatus.REACHED


def test_successes_are_for_members_and_dated_in_the_past_year(now: datetime, cast: Cast) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        actions.success_add(owner=cast.outsider, group=cast.group, text="Yay", happened_on=today)
    with pytest.raises(ValidationError, match="past year"):
        actions.success_add(
            owner=cast.member, group=cast.group, text="Yay", happened_on=date(9999, 1, 1)
        )
    success = actions.success_add(
        owner=cast.member, group=cast.group, text="Yay", happened_on=today
    )
    assert success.text == "Yay"


def test_the_same_goal_saved_twice_is_refused_the_second_time(now: datetime, cast: Cast) -> None:
    make_goal(cast.member, cast.group, "Draft the intro")
    with pytest.raises(ValidationError, match="already set this goal"):
        make_goal(cast.member, cast.group, "Draft the intro")
    assert Goal.objects.count() == 1
