"""What the groups app holds about a person, for their data export and their account's
deletion (the policy: docs/data-policy.md)."""

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Q

from peercircle.accounts.models import User
from peercircle.accounts.personal_data import Covers, Erase
from peercircle.groups.actions.erasure import person_erase
from peercircle.groups.models import (
    Agreement,
    AgreementAcceptance,
    Group,
    Invitation,
    Membership,
    Poll,
    PollAnswer,
)

COVERS = (
    Covers("groups.Membership", "groups.memberships", Erase.DELETE, "through leaving each group"),
    Covers("groups.AgreementAcceptance", "groups.agreement_acceptances", Erase.DELETE),
    Covers("groups.PollAnswer", "groups.poll_answers", Erase.DELETE),
    Covers(
        "groups.Invitation",
        "groups.invitations",
        Erase.DELETE,
        "invitations to their addresses; those they sent stay, sent by a former member",
    ),
    Covers("groups.Group", "groups.groups_created", Erase.FORMER_MEMBER, "the group's own text"),
    Covers("groups.Agreement", "groups.agreements_written", Erase.FORMER_MEMBER),
    Covers("groups.Poll", "groups.polls_written", Erase.FORMER_MEMBER),
    Covers("groups.PollOption", "not exported: a poll's times and places", Erase.NOT_PERSONAL),
)


def export_user_data(user: User) -> dict[str, Any]:
    memberships = Membership.objects.filter(user=user).select_related("group__program")
    to_or_from = Q(invited_by=user)
    for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True):
        to_or_from |= Q(email__iexact=address)
    return {
        "memberships": [
            {
                "group": m.group.name,
                "program": m.group.program.name if m.group.program else None,
                "role": m.role,
                "joined_at": m.joined_at,
            }
            for m in memberships
        ],
        "agreement_acceptances": [
            {
                "group": a.agreement.group.name,
                "version": a.agreement.version,
                "accepted_at": a.accepted_at,
            }
            for a in AgreementAcceptance.objects.filter(membership__user=user)
            .select_related("agreement__group")
            .order_by("pk")
        ],
        "poll_answers": [
            {
                "group": a.option.poll.group.name,
                "poll": a.option.poll.question,
                "option": str(a.option),
                "answer": a.answer,
            }
            for a in PollAnswer.objects.filter(user=user)
            .select_related("option__poll__group")
            .order_by("pk")
        ],
        "invitations": [
            {
                "group": i.group.name,
                "email": i.email,
                "to_you": i.invited_by_id != user.pk,
                "created_at": i.created_at,
                "state": i.state(),
            }
            for i in Invitation.objects.filter(to_or_from).select_related("group").order_by("pk")
        ],
        "groups_created": [
            {"group": g.name, "created_at": g.created_at}
            for g in Group.objects.filter(created_by=user).order_by("pk")
        ],
        "agreements_written": [
            {"group": a.group.name, "version": a.version, "text": a.text}
            for a in Agreement.objects.filter(created_by=user)
            .select_related("group")
            .order_by("pk")
        ],
        "polls_written": [
            {"group": p.group.name, "question": p.question, "created_at": p.created_at}
            for p in Poll.objects.filter(author=user).select_related("group").order_by("pk")
        ],
    }


def erase_user_data(user: User) -> None:
    emails = [user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)]
    person_erase(user=user, emails=emails)
