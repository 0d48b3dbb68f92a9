"""Invitations: a secret link that lets whoever owns an address join a group."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import User
from peercircle.groups import mails
from peercircle.groups.actions.membership import lock_group, membership_add
from peercircle.groups.models import AgreementAcceptance, Group, Invitation, Membership, Role
from peercircle.groups.queries import current_agreement
from peercircle.lib import tokens, versions

INVITATION_DAYS = 14


@transaction.atomic
def invitation_send(
    *,
    group: Group,
    email: str,
    invited_by: User,
    days: int = INVITATION_DAYS,
    send: bool = True,
) -> Invitation:
    """Invite `email`; a pending invitation to the same address is replaced (resend)."""
    address = email.strip()
    if not 1 <= days <= 60:
        raise ValidationError({"days": gettext("An invitation can last from 1 to 60 days.")})
    if Membership.objects.filter(group=group, user__email__iexact=address).exists():
        raise ValidationError({"email": gettext("That person is already a member of this group.")})
    lock_group(group)  # a double click must not leave two live invitations
    now = timezone.now()
    pending = Invitation.objects.filter(group=group, email__iexact=address)
    pending.filter(revoked_at=None, accepted_at=None).update(revoked_at=now)
    versions.changed(("group", group.pk))
    token, token_hash = tokens.new_token()
    invitation = Invitation(
        group=group,
        email=address,
        token_hash=token_hash,
        invited_by=invited_by,
        expires_at=now + timedelta(days=days),
    )
    invitation.full_clean()
    invitation.save()
    if send:  # the demo keeps its invitation quiet
        mails.invitation_send_mail(invitation=invitation, token=token, group=group)
    return invitation


# Only a link still waiting (or one that ran out) is sent again: a withdrawn one was
# withdrawn on purpose, and a used one has done its job.
RESEND_REFUSED = {
    "revoked": _(
        "This invitation was withdrawn, so it is not sent again. "
        "Invite the address anew if you mean to."
    ),
    "used": _("This invitation has already been used."),
}


@transaction.atomic
def invitation_resend(*, invitation: Invitation, invited_by: User) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refused = RESEND_REFUSED.get(invitation.state())
    if refused:
        raise ValidationError(refused)
    days = max(1, round((invitation.expires_at - invitation.created_at) / timedelta(days=1)))
    return invitation_send(
        group=invitation.group, email=invitation.email, invited_by=invited_by, days=days
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.revoked_at is None and invitation.accepted_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


class AgreementChanged(ValidationError):
    """The ground rules changed since the joining page was shown: read them again."""


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User, agreement_version: int | None = None
) -> Membership:
    """Join the group as `user`, whose address must be the invited one.

    Joining accepts the group's agreement: `agreement_version` is the version the joining
    page showed, refused if the organizers changed it since. The first to join a group
    that has no organizer yet (one a coordinator published) organizes it.
    """
    # Lock the row: a double click must not use the invitation twice.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    state = invitation.state()
    if state != "pending":
        raise ValidationError(
            gettext("This invitation can no longer be used (%(state)s).") % {"state": state}
        )
    if user.email.strip().lower() != invitation.email.strip().lower():
        raise ValidationError(
            gettext(
                "This invitation was sent to another address. "
                "Log in with the address the invitation was sent to."
            )
        )
    agreement = current_agreement(invitation.group_id)
    if agreement is not None and agreement_version != agreement.version:
        raise AgreementChanged(
            gettext(
                "The group's ground rules changed since you opened this page. "
                "Read the current version below, then join."
            )
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    membership = Membership.objects.filter(group=invitation.group, user=user).first()
    if membership is None:
        leaderless = not Membership.objects.filter(
            group_id=invitation.group_id, role=Role.ORGANIZER
        ).exists()
        role = Role.ORGANIZER if leaderless else Role.MEMBER
        membership = membership_add(group=invitation.group, user=user, role=role)
    if agreement is not None:
        AgreementAcceptance.objects.get_or_create(agreement=agreement, membership=membership)
    return membership
