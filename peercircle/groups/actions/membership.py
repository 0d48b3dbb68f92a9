"""Who belongs to a group: joining, leaving, handing the organizer role on."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Membership, Role

# What other apps do when someone leaves a group (meetings: hand on the meetings they would
# host). Filled through `on_member_leaving` by those apps' AppConfig.ready().
_LEAVING_HOOKS: list[Callable[[Group, int], None]] = []


def on_member_leaving(hook: Callable[[Group, int], None]) -> None:
    """Run `hook(group, user_id)` inside the transaction of every departure."""
    if hook not in _LEAVING_HOOKS:
        _LEAVING_HOOKS.append(hook)


# What other apps do when someone joins a group (meetings: invite them to what is ahead).
_JOINED_HOOKS: list[Callable[[Group, User], None]] = []


def on_member_joined(hook: Callable[[Group, User], None]) -> None:
    """Run `hook(group, user)` inside the transaction of every new membership."""
    if hook not in _JOINED_HOOKS:
        _JOINED_HOOKS.append(hook)


def lock_group(group: Group) -> None:
    Group.objects.select_for_update().filter(pk=group.pk).first()


@transaction.atomic
def membership_add(*, group: Group, user: User, role: str = Role.MEMBER) -> Membership:
    membership = Membership(group=group, user=user, role=role)
    membership.full_clean()
    membership.save()
    for hook in _JOINED_HOOKS:
        hook(group, user)
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership) -> Membership | None:
    """A member leaves; returns the member who became organizer, if any.

    A group is never left without an organizer: when the last one leaves, the role goes
    to the longest-standing member. The meetings the leaver would host go to the next in
    line. The last member cannot leave (the group and its history would be orphaned).
    """
    group = membership.group
    lock_group(group)  # two organizers leaving at once must not both see the other stay
    others = Membership.objects.filter(group=group).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            gettext(
                "You are the last member of this group, so you cannot leave it. "
                "Invite someone first, or ask the site admin to close the group."
            )
        )
    successor = None
    if membership.role == Role.ORGANIZER and not others.filter(role=Role.ORGANIZER).exists():
        successor = others.order_by("joined_at", "pk").first()
        if successor is not None:
            successor.role = Role.ORGANIZER
            successor.save(update_fields=["role"])
    user_id = membership.user_id
    membership.delete()
    for hook in _LEAVING_HOOKS:
        hook(group, user_id)
    return successor


@transaction.atomic
def organizer_hand_over(
    *, group: Group, by: Membership, to: Membership, step_down: bool = True
) -> Membership:
    """Make `to` an organizer; with `step_down`, `by` becomes a plain member."""
    if to.group_id != group.pk or by.group_id != group.pk:
        raise ValidationError(gettext("Both people must be members of this group."))
    if to.pk == by.pk:
        raise ValidationError(gettext("Choose another member to hand the organizer role to."))
    to.role = Role.ORGANIZER
    to.save(update_fields=["role"])
    if step_down:
        by.role = Role.MEMBER
        by.save(update_fields=["role"])
    return to
