"""Who may see and change goals, long-term goals and successes.

Goals live in a group, so the group's funnel runs first: outsiders get 404, the program's
coordinators 403 (they never read a goal). On top of it, a private goal exists only for
its owner: anyone else gets 404, exactly as if it were not there. A long-term goal is
personal: only its owner sees it, everyone else gets 404.

Reviewing a goal at a meeting is for its owner, or for the meeting's host (or the group's
organizers) with the member present; a private goal only its owner reviews.

Each funnel returns an access object: the object, the caller's membership in its group
(None for a long-term goal, which belongs to no group), their role there, and the user.
Views, partials and template tags decide with the pure `can_*` rules below, never their own.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import User
from peercircle.goals.models import Goal, LongTermGoal, Success
from peercircle.groups.access import get_group_for_user
from peercircle.groups.models import Group, Membership
from peercircle.meetings.access import can_run_meeting
from peercircle.meetings.models import Meeting

OWNER_ONLY = _("Only the goal's owner can change it.")
REVIEW_DENIED = _("Only the goal's owner, or this meeting's host with them present, can review it.")
REVIEWED_ALREADY = _("This goal has been reviewed; its text and date stay as they were set.")
SUCCESS_OWNER_ONLY = _("Only the person who shared this success can remove it.")


@dataclass(frozen=True)
class GoalAccess:
    """A goal the caller may see, with their standing in its group."""

    goal: Goal
    membership: Membership
    role: str
    user: User

    @property
    def group(self) -> Group:
        return self.goal.group


@dataclass(frozen=True)
class GoalReviewAccess:
    """A goal and the meeting it is reviewed at, for a caller who may record the review."""

    goal: Goal
    meeting: Meeting
    membership: Membership
    role: str
    user: User


@dataclass(frozen=True)
class LongTermAccess:
    """A long-term goal, for its owner; it belongs to no group, so no membership or role."""

    long_term: LongTermGoal
    user: User
    membership: None = None
    role: None = None


@dataclass(frozen=True)
class SuccessAccess:
    """A success the caller may see, with their standing in its group."""

    success: Success
    membership: Membership
    role: str
    user: User


# ---------------------------------------------------------------------------------------
# The rules: pure functions of the objects and the caller's membership.


def can_view_goal(goal: Goal, membership: Membership) -> bool:
    """A private goal is visible only to its owner; any other goal to the whole group."""
    return not goal.private or goal.owner_id == membership.user_id


def can_edit_goal(goal: Goal, membership: Membership) -> bool:
    return goal.owner_id == membership.user_id


def can_review_goal(goal: Goal, meeting: Meeting, membership: Membership) -> bool:
    """Its owner; or whoever runs the meeting, for a goal they can see (so never a private
    one of someone else's)."""
    if can_edit_goal(goal, membership):
        return True
    return can_view_goal(goal, membership) and can_run_meeting(meeting, membership)


def can_view_long_term(long_term: LongTermGoal, user_id: int) -> bool:
    """A long-term goal is personal: its text is for its owner alone."""
    return long_term.owner_id == user_id


def can_view_success(success: Success, membership: Membership) -> bool:
    return True  # every member of the group reads its successes


def can_edit_success(success: Success, membership: Membership) -> bool:
    return success.owner_id == membership.user_id


# ---------------------------------------------------------------------------------------
# The funnels: every view reaches these objects through one of them.


def get_goal_for_user(user: User | AnonymousUser, pk: int, *, write: bool = False) -> GoalAccess:
    """The goal `pk` if the caller may see it (and change it, with `write`)."""
    goal = Goal.objects.select_related("long_term", "owner").filter(pk=pk).first()
    if goal is None:
        raise Http404("No such goal")
    group_access = get_group_for_user(user, goal.group_id)
    membership = group_access.membership
    goal.group = group_access.group
    if not can_view_goal(goal, membership):
        raise Http404("No such goal")  # a private goal does not exist for anyone else
    if write and not can_edit_goal(goal, membership):
        raise PermissionDenied(OWNER_ONLY)
    return GoalAccess(
        goal=goal, membership=membership, role=membership.role, user=group_access.user
    )


def get_goal_review_for_user(
    user: User | AnonymousUser, goal_pk: int, meeting_pk: int
) -> GoalReviewAccess:
    """The goal and the meeting it is reviewed at, if the caller may record its review."""
    access = get_goal_for_user(user, goal_pk)
    meeting = Meeting.objects.select_related("host").filter(pk=meeting_pk).first()
    if meeting is None or meeting.group_id != access.goal.group_id:
        raise Http404("No such meeting")
    meeting.group = access.group
    if not can_review_goal(access.goal, meeting, access.membership):
        raise PermissionDenied(REVIEW_DENIED)
    return GoalReviewAccess(
        goal=access.goal,
        meeting=meeting,
        membership=access.membership,
        role=access.role,
        user=access.user,
    )


def get_long_term_for_user(user: User | AnonymousUser, pk: int) -> LongTermAccess:
    """A long-term goal for its owner; for everyone else it does not exist."""
    if not isinstance(user, User):
        raise Http404("No such goal")
    long_term = LongTermGoal.objects.filter(pk=pk).first()
    if long_term is None or not can_view_long_term(long_term, user.pk):
        raise Http404("No such goal")
    return LongTermAccess(long_term=long_term, user=user)


def get_success_for_user(
    user: User | AnonymousUser, pk: int, *, write: bool = False
) -> SuccessAccess:
    """A success for the members of its group; `write` (delete) for its owner."""
    success = Success.objects.filter(pk=pk).first()
    if success is None:
        raise Http404("No such success")
    group_access = get_group_for_user(user, success.group_id)
    membership = group_access.membership
    success.group = group_access.group
    if not can_view_success(success, membership):
        raise Http404("No such success")
    if write and not can_edit_success(success, membership):
        raise PermissionDenied(SUCCESS_OWNER_ONLY)
    return SuccessAccess(
        success=success, membership=membership, role=membership.role, user=group_access.user
    )


def get_meeting_in_group(group: Group, raw_pk: str) -> Meeting | None:
    """The meeting named by a `?meeting=` value if it is `group`'s; none named, None.

    A goal or success is set at a meeting only of its own group: another group's meeting
    does not exist here (404).
    """
    if not raw_pk.isdigit():
        return None
    meeting = Meeting.objects.filter(pk=int(raw_pk), group=group).first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting
