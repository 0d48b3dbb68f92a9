"""The pure rules on their own; the funnels are exercised through the views' checklists."""

from peercircle.goals.access import (
    can_edit_goal,
    can_edit_success,
    can_review_goal,
    can_view_goal,
    can_view_long_term,
    can_view_success,
)
from peercircle.goals.models import Goal, LongTermGoal, Success
from peercircle.groups.models import Membership, Role
from peercircle.meetings.models import Meeting


def _membership(user_id: int, role: str = Role.MEMBER) -> Membership:
    return Membership(user_id=user_id, group_id=1, role=role)


def test_a_private_goal_is_visible_to_its_owner_only() -> None:
    goal = Goal(owner_id=1, private=True)
    assert can_view_goal(goal, _membership(1))
    assert not can_view_goal(goal, _membership(2))
    assert not can_view_goal(goal, _membership(2, Role.ORGANIZER))


def test_a_shared_goal_is_visible_to_every_member_and_edited_by_its_owner() -> None:
    goal = Goal(owner_id=1)
    assert can_view_goal(goal, _membership(2))
    assert can_edit_goal(goal, _membership(1))
    assert not can_edit_goal(goal, _membership(2, Role.ORGANIZER))


def test_the_host_or_an_organizer_reviews_shared_goals_but_never_private_ones() -> None:
    meeting = Meeting(host_id=3)
    shared, private = Goal(owner_id=1), Goal(owner_id=1, private=True)
    assert can_review_goal(shared, meeting, _membership(1))
    assert can_review_goal(shared, meeting, _membership(3))
    assert can_review_goal(shared, meeting, _membership(4, Role.ORGANIZER))
    assert not can_review_goal(shared, meeting, _membership(2))
    assert not can_review_goal(private, meeting, _membership(3))
    assert can_review_goal(private, meeting, _membership(1))


def test_a_long_term_goal_is_its_owners_alone() -> None:
    long_term = LongTermGoal(owner_id=1)
    assert can_view_long_term(long_term, 1)
    assert not can_view_long_term(long_term, 2)


def test_every_member_sees_a_success_and_only_its_sharer_removes_it() -> None:
    success = Success(owner_id=1)
    assert can_view_success(success, _membership(2))
    assert can_edit_success(success, _membership(1))
    assert not can_edit_success(success, _membership(2, Role.ORGANIZER))
