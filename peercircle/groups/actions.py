from collections.abc import Sequence
from copy import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from peercircle.accounts.models import User
from peercircle.groups.models import (
    DEFAULT_AGREEMENT,
    Agreement,
    AgreementAcceptance,
    Cadence,
    Group,
    Membership,
    Role,
)
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
    if group.program_id is None:
        # A self-started group's name only has to differ from its members' other groups.
        members = Membership.objects.filter(group_id=group.pk).values("user_id")
        clash = Group.objects.filter(name__iexact=group.name, memberships__user_id__in=members)
        if clash.exclude(pk=group.pk).exists():
            raise ValidationError({"name": f"A member is already in a group called {group.name}."})
        return
    # Members tell their groups apart by name, so a program never has two of the same.
    taken = Group.objects.filter(program_id=group.program_id, name__iexact=group.name)
    if taken.exclude(pk=group.pk).exists():
        raise ValidationError(
            {"name": f"Another group in this program is already called {group.name}."}
        )


# --- self-started groups and the group agreement (issue 14) ---


@transaction.atomic
def group_start(
    *,
    user: User,
    name: str,
    purpose: str = "",
    stages: Sequence[str] = (),
    timezone: str = "UTC",
    agreement_text: str = DEFAULT_AGREEMENT,
) -> Group:
    """A group with no program, organized by `user`, who accepts its first agreement."""
    if not settings.SELF_STARTED_GROUPS:
        raise ValidationError("This site runs coordinated programs only.")
    # Lock the starter's row so a double submit cannot create two groups of one name.
    User.objects.select_for_update().filter(pk=user.pk).first()
    group = Group(
        program=None,
        name=name.strip(),
        purpose=purpose.strip(),
        stages=",".join(sorted(set(stages))),
        timezone=timezone,
        created_by=user,
    )
    _check_own_name_free(user, group.name)
    group.full_clean()
    group.save()
    membership = membership_add(group=group, user=user, role=Role.ORGANIZER)
    agreement = _agreement_new(group=group, by=user, text=agreement_text, version=1)
    AgreementAcceptance.objects.create(agreement=agreement, membership=membership)
    return group


@transaction.atomic
def agreement_update(*, group: Group, by: User, text: str, based_on: int) -> Agreement:
    """A new version of the group's agreement; every member must accept it again.

    `based_on` is the version the organizer was editing: if someone saved a newer one in
    the meantime, the edit is refused rather than silently overwriting theirs.
    """
    current = Agreement.objects.select_for_update().filter(group=group).first()
    current_version = current.version if current else 0
    if based_on != current_version:
        raise ValidationError(
            "Someone changed the agreement while you were editing it. "
            "Here is the current text; make your change again."
        )
    if current is not None and _rules(text) == current.rules:
        raise ValidationError("The agreement is unchanged.")
    agreement = _agreement_new(group=group, by=by, text=text, version=current_version + 1)
    # The organizer who wrote it accepts it by writing it.
    membership = Membership.objects.filter(group=group, user=by).first()
    if membership is not None:
        AgreementAcceptance.objects.create(agreement=agreement, membership=membership)
    return agreement


@transaction.atomic
def agreement_accept(*, membership: Membership, version: int) -> AgreementAcceptance:
    """`membership` accepts version `version`, which must be the one in force."""
    current = Agreement.objects.filter(group_id=membership.group_id).first()
    if current is None:
        raise ValidationError("This group has no agreement yet.")
    if version != current.version:
        raise ValidationError(
            "The agreement changed since you opened it. Read the current version below, "
            "then accept it."
        )
    acceptance, _ = AgreementAcceptance.objects.get_or_create(
        agreement=current, membership=membership
    )
    return acceptance


@transaction.atomic
def organizer_hand_over(
    *, group: Group, by: Membership, to: Membership, step_down: bool = True
) -> Membership:
    """Make `to` an organizer; with `step_down`, `by` becomes a plain member."""
    if to.group_id != group.pk or by.group_id != group.pk:
        raise ValidationError("Both people must be members of this group.")
    if to.pk == by.pk:
        raise ValidationError("Choose another member to hand the organizer role to.")
    to.role = Role.ORGANIZER
    to.save(update_fields=["role"])
    if step_down:
        by.role = Role.MEMBER
        by.save(update_fields=["role"])
    return to


@transaction.atomic
def membership_leave(*, membership: Membership) -> Membership | None:
    """`membership` leaves its group. Returns the member who became organizer, if any.

    A group is never left without an organizer: when the last one leaves, the role goes
    to the longest-standing member. The last member cannot leave (the group would be
    orphaned with its history); they are told so.
    """
    others = list(
        Membership.objects.select_for_update()
        .filter(group_id=membership.group_id)
        .exclude(pk=membership.pk)
        .order_by("joined_at", "pk")
    )
    if not others:
        raise ValidationError(
            "You are the last member of this group, so you cannot leave it. "
            "Invite someone first, or ask the site admin to close the group."
        )
    successor = None
    if membership.role == Role.ORGANIZER and not any(m.role == Role.ORGANIZER for m in others):
        successor = others[0]
        successor.role = Role.ORGANIZER
        successor.save(update_fields=["role"])
    membership.delete()
    return successor


def _agreement_new(*, group: Group, by: User, text: str, version: int) -> Agreement:
    rules = _rules(text)
    if not rules:
        raise ValidationError({"text": "Write at least one ground rule."})
    agreement = Agreement(group=group, version=version, text="\n".join(rules), created_by=by)
    agreement.full_clean()
    agreement.save()
    return agreement


def _rules(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\x00", "").splitlines() if line.strip()]


def _check_own_name_free(user: User, name: str) -> None:
    # Without a program, names only need to differ among the starter's own groups.
    if Group.objects.filter(memberships__user=user, name__iexact=name).exists():
        raise ValidationError({"name": f"You are already in a group called {name}."})
