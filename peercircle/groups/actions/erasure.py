"""What deleting an account does to the groups app: the person leaves every group, and what
they answered, accepted or were invited to goes."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from peercircle.accounts.models import User
from peercircle.groups.actions.membership import membership_leave
from peercircle.groups.models import AgreementAcceptance, Invitation, Membership, PollAnswer


@transaction.atomic
def person_erase(*, user: User, emails: Iterable[str]) -> None:
    # Answers go first, so a poll's answered count and its results both forget them.
    PollAnswer.objects.filter(user=user).delete()
    AgreementAcceptance.objects.filter(membership__user=user).delete()
    # Invitations to their addresses go (as typed, so without case): the links answer 404
    # like unknown ones, and the addresses are nowhere.
    to_them = Q(pk__in=[])
    for address in {address.lower() for address in emails if address}:
        to_them |= Q(email__iexact=address)
    Invitation.objects.filter(to_them).delete()
    # Invitations they sent stay with the group; `invited_by` reads "a former member".
    # Leaving goes through the same action as the leave button: no group is left without
    # an organizer, and the meetings they would have hosted go to the next in line.
    for membership in Membership.objects.filter(user=user).select_related("group"):
        try:
            membership_leave(membership=membership)
        except ValidationError:  # the last member: the group keeps its history, unmanned
            membership.delete()
