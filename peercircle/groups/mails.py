"""The mails the groups app sends, through the one entry point `mail_enqueue`."""

from django.urls import reverse

from peercircle.groups.models import Group, Invitation
from peercircle.mail.actions import mail_enqueue


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
