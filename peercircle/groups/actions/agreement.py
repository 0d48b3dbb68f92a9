"""The group agreement: versioned ground rules that every member accepts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.groups.models import (
    Agreement,
    AgreementAcceptance,
    Group,
    Membership,
    split_rules,
)
from peercircle.groups.queries import current_agreement


@transaction.atomic
def agreement_update(*, group: Group, by: User, text: str, based_on: int) -> Agreement:
    """A new version of the group's agreement; every member must accept it again.

    `based_on` is the version the organizer was editing: if someone saved a newer one in
    the meantime, the edit is refused rather than silently overwriting theirs.
    """
    current = current_agreement(group.pk, lock=True)
    current_version = current.version if current else 0
    if based_on != current_version:
        raise ValidationError(
            gettext(
                "Someone changed the agreement while you were editing it. "
                "Here is the current text; make your change again."
            )
        )
    if current is not None and split_rules(text) == current.rules:
        raise ValidationError(gettext("The agreement is unchanged."))
    agreement = agreement_new(group=group, by=by, text=text, version=current_version + 1)
    # The organizer who wrote it accepts it by writing it.
    membership = Membership.objects.filter(group=group, user=by).first()
    if membership is not None:
        AgreementAcceptance.objects.create(agreement=agreement, membership=membership)
    return agreement


@transaction.atomic
def agreement_accept(*, membership: Membership, version: int) -> AgreementAcceptance:
    """`membership` accepts version `version`, which must be the one in force."""
    current = current_agreement(membership.group_id)
    if current is None:
        raise ValidationError(gettext("This group has no agreement yet."))
    if version != current.version:
        raise ValidationError(
            gettext(
                "The agreement changed since you opened it. Read the current version below, "
                "then accept it."
            )
        )
    acceptance, _ = AgreementAcceptance.objects.get_or_create(
        agreement=current, membership=membership
    )
    return acceptance


def agreement_new(*, group: Group, by: User | None, text: str, version: int) -> Agreement:
    rules = split_rules(text)
    if not rules:
        raise ValidationError({"text": gettext("Write at least one ground rule.")})
    agreement = Agreement(group=group, version=version, text="\n".join(rules), created_by=by)
    agreement.full_clean()
    agreement.save()
    return agreement
