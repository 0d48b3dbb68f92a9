"""Creating and editing a group: by a coordinator in a program, or self-started by a member."""

from collections.abc import Sequence
from copy import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import User
from peercircle.groups.actions.agreement import agreement_new
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.models import (
    DEFAULT_AGREEMENT,
    AgreementAcceptance,
    Cadence,
    Group,
    Membership,
    Role,
)
from peercircle.lib import versions

STALE_EDIT = _(
    "Someone else changed this group while you were editing it. "
    "Reload the page to see their changes, then make yours again."
)
NAME_TAKEN = _("Another group in this program is already called %(name)s.")


@transaction.atomic
def group_create(
    *,
    program_id: int,
    name: str,
    cadence: str = Cadence.MONTHLY,
    meeting_place: str = "",
    video_url: str = "",
    timezone: str = "",
) -> Group:
    group = Group(
        program_id=program_id,
        name=name.strip(),
        cadence=cadence,
        meeting_place=meeting_place.strip(),
        video_url=video_url.strip(),
    )
    if timezone:
        group.timezone = timezone
    _check_name_free(group)
    group.full_clean(validate_constraints=False)
    _save_or_name_taken(group, update_fields=None)
    # Every group starts with the seed's ground rules; its organizers may change them.
    agreement_new(group=group, by=None, text=gettext(DEFAULT_AGREEMENT), version=1)
    return group


@transaction.atomic
def group_update(
    *,
    group: Group,
    name: str,
    cadence: str,
    meeting_place: str,
    video_url: str,
    version: int | None = None,
) -> Group:
    """The group with new details; `group` itself is left as it was if they are refused.

    `version` is the one the editor's page showed: if the group changed since, the edit
    is refused rather than silently overwriting the other change.
    """
    updated = copy(group)
    updated.name = name.strip()
    updated.cadence = cadence
    updated.meeting_place = meeting_place.strip()
    updated.video_url = video_url.strip()
    _check_name_free(updated)
    updated.full_clean(validate_constraints=False)
    expected = group.version if version is None else version
    # Compare-and-set in one statement: two tabs saving at once cannot both win.
    try:
        with transaction.atomic():
            changed = Group.objects.filter(pk=group.pk, version=expected).update(
                name=updated.name,
                cadence=updated.cadence,
                meeting_place=updated.meeting_place,
                video_url=updated.video_url,
                version=F("version") + 1,
            )
            versions.changed(("group", group.pk), ("program", group.program_id))
    except IntegrityError:
        raise ValidationError({"name": NAME_TAKEN % {"name": updated.name}}) from None
    if not changed:
        raise ValidationError(STALE_EDIT)
    updated.version = expected + 1
    return updated


def _check_name_free(group: Group) -> None:
    if group.program_id is None:
        # A self-started group's name only has to differ from its members' other groups.
        members = Membership.objects.filter(group_id=group.pk).values("user_id")
        clash = Group.objects.filter(name__iexact=group.name, memberships__user_id__in=members)
        if clash.exclude(pk=group.pk).exists():
            raise ValidationError(
                {
                    "name": gettext("A member is already in a group called %(name)s.")
                    % {"name": group.name}
                }
            )
        return
    # Members tell their groups apart by name, so a program never has two of the same.
    taken = Group.objects.filter(program_id=group.program_id, name__iexact=group.name)
    if taken.exclude(pk=group.pk).exists():
        raise ValidationError({"name": NAME_TAKEN % {"name": group.name}})


def _save_or_name_taken(group: Group, *, update_fields: list[str] | None) -> None:
    # The check above races with another request; the case-blind unique index decides.
    try:
        with transaction.atomic():
            group.save(update_fields=update_fields)
    except IntegrityError:
        raise ValidationError({"name": NAME_TAKEN % {"name": group.name}}) from None


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
        raise ValidationError(gettext("This site runs coordinated programs only."))
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
    agreement = agreement_new(group=group, by=user, text=agreement_text, version=1)
    AgreementAcceptance.objects.create(agreement=agreement, membership=membership)
    return group


def _check_own_name_free(user: User, name: str) -> None:
    # Without a program, names only need to differ among the starter's own groups.
    if Group.objects.filter(memberships__user=user, name__iexact=name).exists():
        raise ValidationError(
            {"name": gettext("You are already in a group called %(name)s.") % {"name": name}}
        )


@transaction.atomic
def group_zone_set(*, group: Group, zone: str) -> Group:
    """The group's time zone, where its meetings happen (its schedule sets it)."""
    group.timezone = zone
    group.full_clean(validate_constraints=False)
    group.save(update_fields=["timezone"])
    return group
