"""Who may see and change a group: the one funnel every view goes through.

Group content (meetings, goals, asks, notes) is for the group's members only. A program's
coordinator knows the group exists, so is told 403 rather than 404, and never reads it.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Membership, Role

COORDINATOR_DENIED = (
    "What is said in a group stays in the group: coordinators see the program's totals only."
)


def can_read_group(membership: Membership | None) -> bool:
    return membership is not None


def can_write_group(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.ORGANIZER


def get_group_for_user(user: User | AnonymousUser, pk: int, *, write: bool = False) -> Group:
    """The group `pk` if `user` may read it (or change it, with `write`).

    Outsiders get 404 so they learn nothing; the program's coordinators and members
    without the right get 403.
    """
    group = Group.objects.select_related("program").filter(pk=pk).first()
    if group is None or not user.is_authenticated:
        raise Http404("No such group")
    membership = Membership.objects.filter(group=group, user=user).first()
    allowed = can_write_group(membership) if write else can_read_group(membership)
    if allowed:
        return group
    if membership is not None:
        raise PermissionDenied("Only this group's organizers can change it.")
    if group.program.coordinators.filter(pk=user.pk).exists():
        raise PermissionDenied(COORDINATOR_DENIED)
    raise Http404("No such group")
