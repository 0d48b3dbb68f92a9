"""Who may see and change goals, long-term goals and successes.

Goals live in a group, so the group's funnel runs first: outsiders get 404, the program's
coordinators 403 (they never read a goal). On top of it, a private goal exists only for
its owner: anyone else gets 404, exactly as if it were not there. A long-term goal is
personal: only its owner sees it, everyone else gets 404.

Reviewing a goal at a meeting is for its owner, or for the meeting's host (or the group's
organizers) with the member present; a private goal only its owner reviews.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from peercircle.accounts.models import User
from peercircle.goals.models import Goal, LongTermGoal, Success
from peercircle.groups.access import GroupAccess, get_group_for_user
from peercircle.groups.models import Membership
from peercircle.meetings.access import can_run_meeting
from peercircle.meetings.models import Meeting

OWNER_ONLY = "Only the goal's owner can change it."
REVIEW_DENIED = "Only the goal's owner, or this meeting's host with them present, can review it."
REVIEWED_ALREADY = "This goal has been reviewed; its text and date stay as they were set."


@dataclass(frozen=True)
class GoalAccess:
    goal: Goal
    group_access: GroupAccess

    @property
    def membership(self) -> Membership:
        return self.group_access.membership


@dataclass(frozen=True)
class GoalReviewAccess:
    goal: Goal
    meeting: Meeting
    membership: Membership


def can_view_goal(goal: Goal, membership: Membership) -> bool:
    return not goal.private or goal.owner_id == membership.user_id


def can_edit_goal(goal: Goal, membership: Membership) -> bool:
    return goal.owner_id == membership.user_id


def can_review_goal(goal: Goal, meeting: Meeting, membership: Membership) -> bool:
    if goal.owner_id == membership.user_id:
        return True
    return not goal.private and can_run_meeting(meeting, membership)


def can_edit_success(success: Success, user: User) -> bool:
    return success.owner_id == user.pk


def get_goal_for_user(user: User | AnonymousUser, pk: int, *, write: bool = False) -> GoalAccess:
    """The goal `pk` if the caller may see it (and change it, with `write`)."""
    goal = Goal.objects.select_related("long_term", "owner").filter(pk=pk).first()
    if goal is None:
        raise Http404("No such goal")
    group_access = get_group_for_user(user, goal.group_id)
    goal.group = group_access.group
    if not can_view_goal(goal, group_access.membership):
        raise Http404("No such goal")  # a private goal does not exist for anyone else
    if write and not can_edit_goal(goal, group_access.membership):
        raise PermissionDenied(OWNER_ONLY)
    return GoalAccess(goal=goal, group_access=group_access)


def get_goal_review_for_user(
    user: User | AnonymousUser, goal_pk: int, meeting_pk: int
) -> GoalReviewAccess:
    """The goal and the meeting it is reviewed at, if the caller may record its review."""
    access = get_goal_for_user(user, goal_pk)
    meeting = Meeting.objects.select_related("host").filter(pk=meeting_pk).first()
    if meeting is None or meeting.group_id != access.goal.group_id:
        raise Http404("No such meeting")
    meeting.group = access.goal.group
    if not can_review_goal(access.goal, meeting, access.membership):
        raise PermissionDenied(REVIEW_DENIED)
    return GoalReviewAccess(goal=access.goal, meeting=meeting, membership=access.membership)


def get_long_term_for_user(user: User | AnonymousUser, pk: int) -> LongTermGoal:
    """A long-term goal for its owner; for everyone else it does not exist."""
    if not isinstance(user, User):
        raise Http404("No such goal")
    goal = LongTermGoal.objects.filter(pk=pk, owner=user).first()
    if goal is None:
        raise Http404("No such goal")
    return goal


def get_success_for_user(user: User | AnonymousUser, pk: int, *, write: bool = False) -> Success:
    """A success for the members of its group; `write` (delete) for its owner."""
    success = Success.objects.filter(pk=pk).first()
    if success is None:
        raise Http404("No such success")
    group_access = get_group_for_user(user, success.group_id)
    if write and not can_edit_success(success, group_access.user):
        raise PermissionDenied("Only the person who shared this success can remove it.")
    return success
