"""The mail sent to a person and their mail settings, for their data export and their
account's deletion (the policy: docs/data-policy.md; the retention: mail/retention.py)."""

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Q

from peercircle.accounts.models import User
from peercircle.accounts.personal_data import Covers, Erase
from peercircle.mail.models import MailPreference, Outbox
from peercircle.mail.retention import mail_forget_person

CSV_TABLES = ["mail"]

COVERS = (
    Covers(
        "mail.Outbox",
        "mail.mail_sent_to_you",
        Erase.DELETE,
        "mail to them is deleted; other mail naming them loses their name and address",
    ),
    Covers(
        "mail.OutboxAttachment",
        "not exported: calendar files attached to mails (the mails are listed)",
        Erase.REDACT,
    ),
    Covers("mail.MailPreference", "mail.preferences", Erase.DELETE),
)


def _addresses(user: User) -> list[str]:
    known = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    return sorted({address.lower() for address in [user.email, *known] if address})


def export_user_data(user: User) -> dict[str, Any]:
    to_them = Q(user=user)
    for address in _addresses(user):
        to_them |= Q(to_email__iexact=address)
    preference = MailPreference.objects.filter(user=user).first()
    return {
        "mail_sent_to_you": [
            {
                "kind": row.kind,
                "to": row.to_email,
                "subject": row.subject,
                "status": row.status,
                "queued_at": row.created_at,
                "sent_at": row.sent_at,
            }
            for row in Outbox.objects.filter(to_them).order_by("created_at", "pk")
        ],
        "preferences": (
            {
                "delivery": preference.delivery,
                "turned_off": preference.disabled_kinds,
                "reminder_days": preference.reminder_days,
                "quiet_start": preference.quiet_start,
                "quiet_end": preference.quiet_end,
            }
            if preference
            else None
        ),
    }


def csv_tables(user: User) -> dict[str, list[dict[str, Any]]]:
    return {"mail": export_user_data(user)["mail_sent_to_you"]}


def erase_user_data(user: User) -> None:
    names = [
        user.display_name,
        f"{user.first_name} {user.last_name}",
        user.first_name,
        user.last_name,
    ]
    mail_forget_person(user_id=user.pk, emails=_addresses(user), names=names)
    MailPreference.objects.filter(user=user).delete()
