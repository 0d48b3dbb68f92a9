"""Every mail the product sends goes through `mail_enqueue`.

Callers name the kind of mail, the recipient and an idempotency key (recipient, kind,
object, occurrence); the same key never sends twice. The mail is rendered and sent after
the surrounding transaction commits, so a rolled-back action sends nothing.
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from peercircle.accounts.models import User
from peercircle.lib.email import render_mail


def mail_enqueue(
    *,
    kind: str,
    to: User | str,
    key: str,
    context: dict[str, Any],
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> None:
    """Send mail `kind` to `to` (a user, or an address for people without an account).

    `key` identifies this mail among all mails (e.g. "invitation:42:3"); `attachments` are
    (filename, content, mimetype). Rendering happens in the recipient's time zone.
    """
    address = to.email if isinstance(to, User) else to
    zone = to.timezone if isinstance(to, User) else ""
    recipient: dict[str, Any] = {"recipient": to, "recipient_email": address}

    def send() -> None:
        rendered = render_mail(kind, {**recipient, **context}, zone=zone)
        message = EmailMultiAlternatives(
            subject=rendered.subject,
            body=rendered.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        )
        message.attach_alternative(rendered.html, "text/html")
        for filename, content, mimetype in attachments:
            message.attach(filename, content, mimetype)
        message.send()

    transaction.on_commit(send)
