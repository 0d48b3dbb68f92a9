"""A person's memberships, for their data export and their account's deletion."""

from typing import Any

from django.core.exceptions import ValidationError

from peercircle.accounts.models import User
from peercircle.groups.actions.membership import membership_leave
from peercircle.groups.models import Membership


def export_user_data(user: User) -> dict[str, Any]:
    memberships = Membership.objects.filter(user=user).select_related("group__program")
    return {
        "memberships": [
            {
                "group": m.group.name,
                "program": m.group.program.name if m.group.program else None,
                "role": m.role,
                "joined_at": m.joined_at,
            }
            for m in memberships
        ]
    }


def erase_user_data(user: User) -> None:
    # A deleted person is no longer in any group; what happened before (meetings they hosted,
    # later what they said) stays with the group and reads "a former member". Leaving goes
    # through the same action as the leave button, so no group is left without an organizer
    # and the meetings they would have hosted go to the next in line.
    for membership in Membership.objects.filter(user=user).select_related("group"):
        try:
            membership_leave(membership=membership)
        except ValidationError:  # the last member: the group keeps its history, unmanned
            membership.delete()
