"""A person's memberships, for their data export and their account's deletion."""

from typing import Any

from peercircle.accounts.models import User
from peercircle.groups.models import Membership


def export_user_data(user: User) -> dict[str, Any]:
    memberships = Membership.objects.filter(user=user).select_related("group__program")
    return {
        "memberships": [
            {
                "group": m.group.name,
                "program": m.group.program.name,
                "role": m.role,
                "joined_at": m.joined_at,
            }
            for m in memberships
        ]
    }


def erase_user_data(user: User) -> None:
    # A deleted person is no longer in any group; what happened before (meetings they hosted,
    # later what they said) stays with the group and reads "a former member".
    Membership.objects.filter(user=user).delete()
