"""Delivery of one outbox row: claim it with a lease, send it, mark it (see mail/actions.py).

Separate from the actions that fill the outbox so that the send task can call it while
those actions queue the task, with no import cycle between the two.
"""

import logging
import smtplib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from peercircle.mail.models import Outbox, Status

# The logger keeps the name it had before delivery had its own module (the demo quiets it).
logger = logging.getLogger("peercircle.mail.actions")

Outcome = Literal["sent", "retry", "failed", "not_claimed"]


@dataclass(frozen=True)
class Claim:
    outbox_id: int
    token: str


def mail_deliver(
    *,
    outbox_id: int,
    now: datetime | None = None,
    connection: BaseEmailBackend | None = None,
) -> Outcome:
    """Send one outbox row if it is due and nobody else holds it; see the module docstring.

    Not one transaction on purpose: the claim must be committed before the slow SMTP
    conversation starts, and the outcome committed right after it ends.
    """
    now = now or timezone.now()
    claim = _claim(outbox_id, now)
    if claim is None:
        return "not_claimed"
    row = Outbox.objects.prefetch_related("attachments").filter(pk=outbox_id).first()
    if row is None:  # the recipient's account was deleted in between, and their mail with it
        return "not_claimed"
    try:
        _send(row, connection)
    except (smtplib.SMTPException, OSError) as error:  # the relay may be back later
        return _mark_failed(claim, row.attempts, error, timezone.now())
    except Exception as error:  # a mail that cannot be built never will be: stop now
        logger.exception("outbox %s cannot be sent", outbox_id)
        return _mark_failed(claim, settings.MAIL_MAX_ATTEMPTS, error, timezone.now())
    _mark_sent(claim, timezone.now())
    return "sent"


@transaction.atomic
def _claim(outbox_id: int, now: datetime) -> Claim | None:
    token = uuid.uuid4().hex
    lease = timedelta(seconds=settings.MAIL_LEASE_SECONDS)
    won = (
        Outbox.objects.filter(pk=outbox_id)
        .due(now)
        .update(
            status=Status.SENDING,
            claim=token,
            lease_until=now + lease,
            attempts=F("attempts") + 1,
        )
    )
    return Claim(outbox_id, token) if won else None


def _send(row: Outbox, connection: BaseEmailBackend | None) -> None:
    headers = {"Message-ID": row.message_id}
    if row.unsubscribe_url:
        # RFC 8058: mail clients show an unsubscribe button that POSTs to this address.
        headers["List-Unsubscribe"] = f"<{row.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to_email],
        headers=headers,
        connection=connection or get_connection(),
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    for attachment in row.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    message.send()


@transaction.atomic
def _mark_sent(claim: Claim, now: datetime) -> None:
    marked = Outbox.objects.filter(
        pk=claim.outbox_id, status=Status.SENDING, claim=claim.token
    ).update(status=Status.SENT, sent_at=now, lease_until=None, last_error="")
    if not marked:
        # Our lease ran out mid-send and another worker took the row: it may go twice.
        logger.warning("outbox %s was sent after its lease expired", claim.outbox_id)


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: base, 2x, 4x ... capped at six hours."""
    seconds = settings.MAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, 6 * 3600))


@transaction.atomic
def _mark_failed(claim: Claim, attempts: int, error: Exception, now: datetime) -> Outcome:
    gave_up = attempts >= settings.MAIL_MAX_ATTEMPTS
    Outbox.objects.filter(pk=claim.outbox_id, status=Status.SENDING, claim=claim.token).update(
        status=Status.FAILED if gave_up else Status.PENDING,
        next_attempt_at=now + retry_delay(attempts),
        lease_until=None,
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    logger.warning("outbox %s attempt %s failed: %s", claim.outbox_id, attempts, error)
    return "failed" if gave_up else "retry"
