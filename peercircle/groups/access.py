"""Who may see and change a group: the one funnel every view goes through.

Group content (meetings, goals, asks, notes) is for the group's members only. A program's
coordinator knows the group exists, so is told 403 rather than 404, and never reads it.

The funnel returns what it found (`GroupAccess`: the group, the caller's membership and
whether they coordinate its program) so views never read it again. What a member may do
is decided by small named pure rules over that membership.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Invitation, Membership, Poll, Role
from peercircle.lib import versions

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

COORDINATOR_DENIED = _(
    "What is said in a group stays in the group: coordinators see the program's totals only."
)
ORGANIZERS_ONLY = _("Only this group's organizers can do that.")


@dataclass(frozen=True)
class GroupAccess:
    """What the funnel found: the group and the caller's standing in it."""

    group: Group
    membership: Membership
    user: User

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def is_organizer(self) -> bool:
        return can_edit_group(self.membership)


# A rule decides, from the caller's membership alone, whether they may do a thing.
GroupRule = Callable[[Membership], bool]


def can_view_group(membership: Membership) -> bool:
    return True  # every member reads their group's content


def can_edit_group(membership: Membership) -> bool:
    return membership.role == Role.ORGANIZER


def can_invite(membership: Membership) -> bool:
    return membership.role == Role.ORGANIZER


def is_coordinator_of(user: User, program_id: int | None) -> bool:
    if program_id is None:  # a self-started group has no coordinator at all
        return False
    # Through the reverse relation: programs sit above groups in the app order.
    return user.coordinated_programs.filter(pk=program_id).exists()


def get_group_for_user(
    user: User | AnonymousUser,
    pk: int,
    *,
    rule: GroupRule = can_view_group,
    denied: "StrOrPromise" = ORGANIZERS_ONLY,
) -> GroupAccess:
    """The group `pk` and the caller's membership, if `rule` lets the caller through.

    Outsiders get 404 so they learn nothing; the program's coordinators get 403 with the
    privacy reason; members whom `rule` refuses get 403 with `denied`.
    """
    if not isinstance(user, User):  # anonymous: LoginRequiredMiddleware normally stops them
        raise Http404("No such group")
    membership = _membership_of(user, pk)
    if membership is None:
        group = Group.objects.filter(pk=pk).only("program_id").first()
        if group is not None and is_coordinator_of(user, group.program_id):
            raise PermissionDenied(COORDINATOR_DENIED)
        raise Http404("No such group")
    if not rule(membership):
        raise PermissionDenied(denied)
    return GroupAccess(group=membership.group, membership=membership, user=user)


# A group never moves to another program: its program id is kept for the life of the process.
_program_of_group: dict[int, int | None] = {}
KEPT_SECONDS = 3600


def _membership_of(user: User, pk: int) -> Membership | None:
    """The caller's membership of group `pk`, with the group and its program.

    Members (nearly every call) are served by one query; a member's answer is also kept in
    the versions cache under the group's and the program's tokens (lib/versions.py), which
    every write to the group, its memberships or the program replaces, so the next request
    reads it from there. Only members are kept: anyone else is asked the database again."""
    scopes: list[versions.Scope] = []
    if pk in _program_of_group:
        program_id = _program_of_group[pk]
        scopes = [("group", pk), *([("program", program_id)] if program_id else [])]
        found = versions.kept(f"access:{pk}:{user.pk}", scopes)
        if found is not None:
            return found
    held = versions.tokens(*scopes) if scopes else ""  # before the read: see versions.keep
    membership = (
        Membership.objects.select_related("group__program").filter(group_id=pk, user=user).first()
    )
    if membership is None:
        return None
    if scopes:
        versions.keep(f"access:{pk}:{user.pk}", held, membership, KEPT_SECONDS)
    _program_of_group[pk] = membership.group.program_id
    return membership


def forget_programs_of_groups() -> None:
    """For tests: their ids come back after a rollback, in other programs and groups."""
    _program_of_group.clear()
    _polls.forget()


# --- invitations and polls ---


COORDINATOR = "coordinator"


@dataclass(frozen=True)
class InviterAccess:
    """Who may invite to a group: its organizers, and the coordinators of its program.

    A coordinator has no membership; `role` says which of the two the caller is.
    """

    group: Group
    membership: Membership | None
    user: User

    @property
    def role(self) -> str:
        return self.membership.role if self.membership is not None else COORDINATOR


def get_group_for_inviter(user: User | AnonymousUser, pk: int) -> InviterAccess:
    """The group `pk` if the caller may invite people to it (organizer or coordinator)."""
    if not isinstance(user, User):
        raise Http404("No such group")
    group = Group.objects.select_related("program").filter(pk=pk).first()
    if group is None:
        raise Http404("No such group")
    if is_coordinator_of(user, group.program_id):
        return InviterAccess(group=group, membership=None, user=user)
    access = get_group_for_user(user, pk, rule=can_invite)  # 404 outsiders, 403 members
    return InviterAccess(group=access.group, membership=access.membership, user=user)


@dataclass(frozen=True)
class InvitationAccess:
    invitation: Invitation
    inviter: InviterAccess

    @property
    def membership(self) -> Membership | None:
        return self.inviter.membership

    @property
    def user(self) -> User:
        return self.inviter.user

    @property
    def role(self) -> str:
        return self.inviter.role


def get_invitation_for_inviter(user: User | AnonymousUser, pk: int) -> InvitationAccess:
    """An invitation, for those who may invite to its group (404 for anyone else)."""
    invitation = Invitation.objects.filter(pk=pk).first()
    if invitation is None:
        raise Http404("No such invitation")
    inviter = get_group_for_inviter(user, invitation.group_id)
    invitation.group = inviter.group
    return InvitationAccess(invitation=invitation, inviter=inviter)


def can_adopt_poll(membership: Membership) -> bool:
    return membership.role == Role.ORGANIZER


@dataclass(frozen=True)
class WithinGroup:
    """The access shape of anything that belongs to a group (a poll, a meeting): the group
    funnel's findings, with the caller's membership and role read through them."""

    group_access: GroupAccess

    @property
    def membership(self) -> Membership:
        return self.group_access.membership

    @property
    def user(self) -> User:
        return self.group_access.user

    @property
    def role(self) -> str:
        return self.group_access.role


@dataclass(frozen=True)
class PollAccess(WithinGroup):
    poll: Poll


def get_poll_for_user(
    user: User | AnonymousUser, pk: int, *, rule: GroupRule = can_view_group
) -> PollAccess:
    poll = _polls.get(pk)
    if poll is None:
        raise Http404("No such poll")
    access = get_group_for_user(user, poll.group_id, rule=rule)
    poll.group = access.group
    return PollAccess(poll=poll, group_access=access)


# The poll row, kept under its group's token (every write to the poll, its options or
# answers replaces it); the caller's standing is checked by the group funnel every time.
_polls = versions.GroupRows("group-poll", lambda pk: Poll.objects.filter(pk=pk).first())
