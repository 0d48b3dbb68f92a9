from copy import copy

from django.core.exceptions import ValidationError
from django.db import transaction

from peercircle.accounts.models import User
from peercircle.groups.models import Cadence, Group, Membership, Role
from peercircle.programs.models import Program


@transaction.atomic
def group_create(
    *,
    program: Program,
    name: str,
    cadence: str = Cadence.MONTHLY,
    meeting_place: str = "",
    video_url: str = "",
) -> Group:
    group = Group(
        program=program,
        name=name.strip(),
        cadence=cadence,
        meeting_place=meeting_place.strip(),
        video_url=video_url.strip(),
    )
    _check_name_free(group)
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def group_update(
    *, group: Group, name: str, cadence: str, meeting_place: str, video_url: str
) -> Group:
    """The group with new details; `group` itself is left as it was if they are refused."""
    updated = copy(group)
    updated.name = name.strip()
    updated.cadence = cadence
    updated.meeting_place = meeting_place.strip()
    updated.video_url = video_url.strip()
    _check_name_free(updated)
    updated.full_clean()
    updated.save(update_fields=["name", "cadence", "meeting_place", "video_url"])
    return updated


@transaction.atomic
def membership_add(*, group: Group, user: User, role: str = Role.MEMBER) -> Membership:
    membership = Membership(group=group, user=user, role=role)
    membership.full_clean()
    membership.save()
    return membership


def _check_name_free(group: Group) -> None:
    # Members tell their groups apart by name, so a program never has two of the same.
    taken = Group.objects.filter(program_id=group.program_id, name__iexact=group.name)
    if taken.exclude(pk=group.pk).exists():
        raise ValidationError(
            {"name": f"Another group in this program is already called {group.name}."}
        )
