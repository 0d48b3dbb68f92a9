"""The mails the groups app sends, through the one entry point `mail_enqueue`."""

from datetime import datetime

from django.urls import reverse

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Invitation, Poll
from peercircle.mail.actions import mail_enqueue, sending_together


def invitation_send_mail(*, invitation: Invitation, token: str, group: Group) -> None:
    mail_enqueue(
        kind="invitation",
        to=invitation.email,
        key=f"invitation:{invitation.pk}:0:{invitation.email}",
        context={
            "group": group,
            "inviter": invitation.invited_by,
            "expires_at": invitation.expires_at,
            "invitation_path": reverse("invitation_landing", args=[token]),
        },
    )


def _poll_context(poll: Poll) -> dict[str, object]:
    return {
        "poll": poll,
        "group": poll.group,
        "poll_path": reverse("poll_detail", args=[poll.pk]),
    }


def poll_opened_send(*, poll: Poll) -> None:
    """Every member but its author is asked to answer (their preferences decide)."""
    members = User.objects.filter(memberships__group_id=poll.group_id)
    if poll.author_id is not None:
        members = members.exclude(pk=poll.author_id)
    with sending_together():
        for user in members.order_by("pk"):
            mail_enqueue(
                kind="poll_opened",
                to=user,
                key=f"poll_opened:{poll.pk}:1:{user.pk}",
                context=_poll_context(poll),
            )


def poll_reminder_send(*, poll: Poll, user: User, now: datetime) -> None:
    mail_enqueue(
        kind="poll_reminder",
        to=user,
        key=f"poll_reminder:{poll.pk}:1:{user.pk}",
        context=_poll_context(poll),
        now=now,
    )


def poll_result_send(*, poll: Poll, reason: str) -> None:
    """Tell the poll's author that everyone answered ("answered") or it closed ("closed")."""
    if poll.author is None:
        return
    mail_enqueue(
        kind="poll_result",
        to=poll.author,
        key=f"poll_result:{poll.pk}:{reason}:{poll.author_id}",
        context={**_poll_context(poll), "reason": reason},
    )
