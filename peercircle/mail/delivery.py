"""Delivery of one outbox row: claim it with a lease, send it, mark it (see mail/actions.py).

Separate from the actions that fill the outbox so that the send task can call it while
those actions queue the task, with no import cycle between the two.

A worker sends in batches (`mail_deliver_batch`): it claims its row and up to
MAIL_BATCH_SIZE - 1 other due rows in one conditional UPDATE under one claim token, then
sends them over ONE SMTP connection, marking each right after the relay's "250". After a
failure the connection is closed and the next mail opens a new one: a mail the relay
accepted is marked before the next is tried, so reconnecting never resends it.
"""

import logging
import smtplib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from peercircle.mail.kinds import kind_info
from peercircle.mail.models import Outbox, Status
from peercircle.mail.timing import allowed_at_for

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
    except (smtplib.SMTPException, OSError) as error:
        # A 5xx answer or a refused recipient will be refused again: stop now. Anything
        # else (4xx, a relay down) may pass later.
        attempts = settings.MAIL_MAX_ATTEMPTS if permanent(error) else row.attempts
        return _mark_failed(claim, row, attempts, error, timezone.now())
    except Exception as error:  # a mail that cannot be built never will be: stop now
        logger.exception("outbox %s cannot be sent", outbox_id)
        return _mark_failed(claim, row, settings.MAIL_MAX_ATTEMPTS, error, timezone.now())
    _mark_sent(claim, timezone.now())
    return "sent"


def mail_deliver_batch(
    *,
    outbox_id: int | None = None,
    outbox_ids: Sequence[int] = (),
    now: datetime | None = None,
    limit: int | None = None,
) -> dict[str, int]:
    """Claim `outbox_id` and `outbox_ids` (those still due) and other due rows, up to
    `limit` (or as many as were named), and send them over one SMTP connection.
    Returns how many were sent, retried, failed."""
    now = now or timezone.now()
    limit = limit or settings.MAIL_BATCH_SIZE
    wanted = [*([outbox_id] if outbox_id is not None else []), *outbox_ids]
    token = _claim_batch(wanted, now, limit)
    rows = list(
        Outbox.objects.filter(status=Status.SENDING, claim=token)
        .prefetch_related("attachments")
        .order_by("next_attempt_at", "pk")
    )
    outcomes: dict[str, int] = {}
    connection = get_connection()
    try:
        for row in rows:
            claim = Claim(row.pk, token)
            try:
                # Opened here, not by send(): a connection send() opens it also closes.
                connection.open()
                _send(row, connection)
            except (smtplib.SMTPException, OSError) as error:
                attempts = settings.MAIL_MAX_ATTEMPTS if permanent(error) else row.attempts
                outcome = _mark_failed(claim, row, attempts, error, timezone.now())
                connection.close()  # a fresh connection for the next mail
            except Exception as error:
                logger.exception("outbox %s cannot be sent", row.pk)
                outcome = _mark_failed(
                    claim, row, settings.MAIL_MAX_ATTEMPTS, error, timezone.now()
                )
            else:
                _mark_sent(claim, timezone.now())
                outcome = "sent"
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    finally:
        connection.close()
    return outcomes


@transaction.atomic
def _claim_batch(wanted: list[int], now: datetime, limit: int) -> str:
    """One UPDATE claims the `wanted` rows and other due ones up to `limit` (only those
    still due: a row another worker won is left alone); the rows holding the returned
    token are this worker's."""
    token = uuid.uuid4().hex
    others: list[int] = []
    if len(wanted) < limit:  # room left: fill the batch with other due rows
        others = list(
            Outbox.objects.due(now)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[: limit + len(wanted)]
        )
    ids = list(dict.fromkeys([*wanted, *others]))[: max(limit, len(wanted))]
    lease = timedelta(seconds=settings.MAIL_LEASE_SECONDS)
    Outbox.objects.filter(pk__in=ids).due(now).update(
        status=Status.SENDING, claim=token, lease_until=now + lease, attempts=F("attempts") + 1
    )
    return token


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
    # RFC 3834: every outbox mail is automatic, so out-of-office replies stay away.
    headers = {"Message-ID": row.message_id, "Auto-Submitted": "auto-generated"}
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
    attachments = list(row.attachments.all())
    for attachment in attachments:
        if attachment.mimetype.startswith("text/calendar"):
            # Calendar clients act on a text/calendar part inside multipart/alternative
            # (Outlook, Gmail's invitation card); the .ics attachment stays for the others.
            message.attach_alternative(bytes(attachment.content).decode(), attachment.mimetype)
    for attachment in attachments:
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


def permanent(error: Exception) -> bool:
    """Whether the relay refused for good: a 5xx reply, or every recipient refused with one."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def describe(error: Exception) -> str:
    """The reason a person reads on the outbox page."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refusals = "; ".join(
            f"{address} refused: {code} {_text(reply)}"
            for address, (code, reply) in error.recipients.items()
        )
        return f"The relay refused the recipient ({refusals})"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"The relay answered {error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply


@transaction.atomic
def _mark_failed(
    claim: Claim, row: Outbox, attempts: int, error: Exception, now: datetime
) -> Outcome:
    gave_up = attempts >= settings.MAIL_MAX_ATTEMPTS
    # The retry, like the first attempt, waits out the recipient's quiet hours.
    retry_at = allowed_at_for(
        now + retry_delay(attempts), row.user_id, kind_info(row.kind).transactional
    )
    Outbox.objects.filter(pk=claim.outbox_id, status=Status.SENDING, claim=claim.token).update(
        status=Status.FAILED if gave_up else Status.PENDING,
        next_attempt_at=retry_at,
        lease_until=None,
        last_error=describe(error)[:2000],
    )
    logger.warning("outbox %s attempt %s failed: %s", claim.outbox_id, attempts, error)
    return "failed" if gave_up else "retry"
