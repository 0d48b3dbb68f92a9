"""Every mail the product sends goes through `mail_enqueue`; every write to the outbox and to
mail preferences is an action here.

Enqueueing renders the mail at once, inside the caller's transaction (so the context may
hold model objects), and inserts one outbox row under its idempotency key; a send task is
queued when the transaction commits. Delivery is "claim with a lease, send, mark sent":

1. claim: one conditional UPDATE moves the row from pending (or from sending with an
   expired lease) to sending, with a fresh claim token and a lease; only one worker can
   win it, on PostgreSQL and SQLite alike;
2. send over SMTP, outside any transaction;
3. mark sent (or schedule a retry with exponential backoff), only if we still hold the
   claim.

A worker that dies between 1 and 3 leaves the row in "sending"; once the lease runs out
the scheduler queues it again, so no mail is lost. The one window left is between the SMTP
server's "250 OK" and step 3 (a few milliseconds): a crash exactly there sends that mail
once more after the lease. Each mail carries a Message-ID derived from its key, so such a
repeat is recognisable (mail clients thread or drop it), and the admin outbox shows it.
"""

import functools
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.lib.email import render_mail
from peercircle.mail.kinds import DIGEST, digestible_kinds, kind_info
from peercircle.mail.links import preferences_url, unsubscribe_url
from peercircle.mail.models import Delivery, MailPreference, Outbox, OutboxAttachment, Status
from peercircle.mail.tasks import mail_send, mail_send_many
from peercircle.mail.timing import allowed_at, allowed_at_for, preference_for

# Rows each producer really created, counted while `send_due_mail` runs it (a repeat of a
# key already in the outbox is not a new mail).
_created: ContextVar[list[int] | None] = ContextVar("mail_created", default=None)


@contextmanager
def counting_created() -> Iterator[list[int]]:
    """Collect the ids of the outbox rows created inside the block."""
    ids: list[int] = []
    token = _created.set(ids)
    try:
        yield ids
    finally:
        _created.reset(token)


# Rows to send now, collected while `sending_together()` runs (None outside it).
_together: ContextVar[list[int] | None] = ContextVar("mail_together", default=None)


@contextmanager
def sending_together() -> Iterator[None]:
    """Queue the mails enqueued inside the block as one send task per MAIL_BATCH_SIZE rows,
    when their transaction commits, instead of one task per mail: each full batch as soon
    as it is full, the rest when the block ends.

    For bulk sends (a producer's run, a calendar update to a whole group): each task is a
    row the worker fetches, locks and records, so a thousand tasks for a thousand mails
    cost more than the mails. The last, partial batch is not queued if the block raises
    (nor any batch whose transaction rolls back); a row committed without a task is still
    sent by the scheduler (`send_due_mail`), as any row whose task is lost is.
    """
    if _together.get() is not None:  # nested: the outer block queues them
        yield
        return
    ids: list[int] = []
    token = _together.set(ids)
    try:
        yield
    finally:
        _together.reset(token)
    if ids:
        transaction.on_commit(functools.partial(queue_send_many, ids))


@transaction.atomic
def mail_enqueue(
    *,
    kind: str,
    to: User | str,
    key: str,
    context: dict[str, Any],
    attachments: Sequence[tuple[str, bytes, str]] = (),
    now: datetime | None = None,
    language: str = "",
) -> Outbox:
    """Queue mail `kind` for `to` (a user, or an address for people without an account).

    A user's mail is rendered in their own language; mail to an address in `language` (the
    language the person used on our pages, when they are the one asking) or the site's.

    `key` identifies this mail among all mails ("<kind>:<object>:<occurrence>:<recipient>");
    a key already in the outbox is a silent no-op and returns the row that holds it.
    `attachments` are (filename, content, mimetype). `now` lets the scheduler pass its clock.
    """
    row, _ = _enqueue(
        kind=kind,
        to=to,
        key=key,
        context=context,
        attachments=attachments,
        now=now,
        language=language,
    )
    return row


def _enqueue(
    *,
    kind: str,
    to: User | str,
    key: str,
    context: dict[str, Any],
    attachments: Sequence[tuple[str, bytes, str]],
    now: datetime | None,
    language: str = "",
) -> tuple[Outbox, bool]:
    if not key or len(key) > 200:
        raise ValueError(f"A mail key must be 1 to 200 characters, got {len(key)}.")
    existing = Outbox.objects.filter(key=key).first()
    if existing is not None:  # checked first so a repeat costs one query and no rendering
        return existing, False
    now = now or timezone.now()
    user = to if isinstance(to, User) else None
    address = to.email if isinstance(to, User) else to
    preference = preference_for(user)
    status = _initial_status(kind, user, preference)
    transactional = kind_info(kind).transactional
    row = Outbox(
        key=key,
        kind=kind,
        user=user,
        to_email=address,
        status=status,
        message_id=_message_id(key),
        # Transactional mail (a sign-up confirmation) is never held by quiet hours.
        next_attempt_at=now if transactional else allowed_at(now, user, preference),
    )
    if status != Status.SKIPPED:  # nobody will read a skipped mail: don't render it
        _render_into(row, kind, to, context, language)
    try:
        # A savepoint: losing a race on the key must not break the caller's transaction.
        with transaction.atomic():
            row.save()
            OutboxAttachment.objects.bulk_create(
                OutboxAttachment(outbox=row, filename=name, content=content, mimetype=mimetype)
                for name, content, mimetype in attachments
            )
    except IntegrityError:
        return Outbox.objects.get(key=key), False
    created = _created.get()
    if created is not None:
        created.append(row.pk)
    if status == Status.PENDING and row.next_attempt_at <= now:
        together = _together.get()
        if together is not None:
            _gather(together, row.pk)
        else:
            transaction.on_commit(lambda: _queue_send(row.pk))
    return row, True


def _gather(together: list[int], outbox_id: int) -> None:
    # A full batch is queued now (when its rows commit), not at the end of the block: the
    # workers start sending while a long producer is still rendering the rest.
    together.append(outbox_id)
    if len(together) >= max(settings.MAIL_BATCH_SIZE, 1):
        transaction.on_commit(functools.partial(queue_send_many, together[:]))
        together.clear()


def _initial_status(kind: str, user: User | None, preference: MailPreference) -> str:
    info = kind_info(kind)
    if user is None or info.transactional or kind == DIGEST:
        return Status.PENDING
    if kind in preference.disabled_kinds:
        return Status.SKIPPED
    if preference.delivery == Delivery.DIGEST and info.digestible:
        return Status.HELD
    return Status.PENDING


def _render_into(
    row: Outbox, kind: str, to: User | str, context: dict[str, Any], language: str
) -> None:
    info = kind_info(kind)
    if isinstance(to, User) and not info.transactional:
        row.unsubscribe_url = unsubscribe_url(user_id=to.pk, kind=kind)
    extra: dict[str, Any] = {
        "recipient": to,
        "recipient_email": row.to_email,
        "unsubscribe_url": row.unsubscribe_url,
        "preferences_url": preferences_url() if isinstance(to, User) else "",
    }
    zone = to.timezone if isinstance(to, User) else ""
    # The recipient's language, never the sender's (who may be anyone in the group).
    language = to.language if isinstance(to, User) else language
    rendered = render_mail(kind, {**extra, **context}, zone=zone, language=language)
    row.subject = rendered.subject[:400]
    row.text = rendered.text
    row.html = rendered.html


def _message_id(key: str) -> str:
    # Derived from the key: a mail resent after a crash carries the same Message-ID.
    digest = hashlib.sha256(f"{settings.SITE_URL}|{key}".encode()).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "localhost"
    return f"<{digest}@{domain}>"


def _queue_send(outbox_id: int) -> None:
    mail_send.enqueue(outbox_id)


def queue_send_many(outbox_ids: Sequence[int]) -> int:
    """One send task per MAIL_BATCH_SIZE rows; returns how many tasks were queued."""
    size = max(settings.MAIL_BATCH_SIZE, 1)
    chunks = [list(outbox_ids[start : start + size]) for start in range(0, len(outbox_ids), size)]
    for chunk in chunks:
        mail_send_many.enqueue(chunk)
    return len(chunks)


@transaction.atomic
def mail_fail_stuck(*, now: datetime) -> int:
    """Give up on rows whose workers died while sending them, again and again (a mail
    that crashes the worker), instead of retrying them forever."""
    return Outbox.objects.filter(
        status=Status.SENDING,
        lease_until__lt=now,
        attempts__gte=settings.MAIL_MAX_ATTEMPTS,
    ).update(
        status=Status.FAILED,
        lease_until=None,
        last_error="The worker stopped while sending this mail, at every attempt.",
    )


def mail_due_ids(*, now: datetime, grace: timedelta = timedelta(0), limit: int = 5000) -> list[int]:
    """Rows a worker should try now. `grace` leaves fresh rows to the task their commit
    queued, so the scheduler only picks up retries, released holds and lost tasks; it does
    not apply to a dead worker's lease, which is over when it is over."""
    return list(
        Outbox.objects.due(now, grace=grace)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


@transaction.atomic
def mail_requeue(*, outbox_id: int, now: datetime | None = None) -> None:
    """A site admin asks for a failed mail to be tried again (outside the quiet hours)."""
    row = Outbox.objects.filter(pk=outbox_id, status=Status.FAILED).first()
    if row is None:
        return
    due = allowed_at_for(now or timezone.now(), row.user_id, kind_info(row.kind).transactional)
    Outbox.objects.filter(pk=outbox_id, status=Status.FAILED).update(
        status=Status.PENDING, next_attempt_at=due, attempts=0, last_error=""
    )
    transaction.on_commit(lambda: _queue_send(outbox_id))


# --- digest ---


@transaction.atomic
def digest_roll(*, user: User, cutoff: datetime, week: str, now: datetime) -> Outbox | None:
    """Roll the person's mails held before `cutoff` into one digest mail for `week`."""
    held = list(
        Outbox.objects.filter(user=user, status=Status.HELD, created_at__lt=cutoff).order_by(
            "created_at", "pk"
        )
    )
    if not held:
        return None
    digest, _ = _enqueue(
        kind=DIGEST,
        to=user,
        key=f"{DIGEST}:{user.pk}:{week}:{user.pk}",
        context={"items": held, "week": week},
        attachments=(),
        now=now,
    )
    Outbox.objects.filter(pk__in=[row.pk for row in held], status=Status.HELD).update(
        status=Status.DIGESTED, digest=digest
    )
    return digest


# --- preferences ---


@transaction.atomic
def preference_update(
    *,
    user: User,
    enabled_kinds: Sequence[str],
    optional_kinds: Sequence[str],
    delivery: str,
    reminder_days: int,
    quiet_start: time | None,
    quiet_end: time | None,
) -> MailPreference:
    """Save the person's choices; kinds not offered on the page keep their old setting."""
    preference = preference_for(user)
    kept = [kind for kind in preference.disabled_kinds if kind not in optional_kinds]
    preference.disabled_kinds = sorted(
        {*kept, *(kind for kind in optional_kinds if kind not in enabled_kinds)}
    )
    preference.delivery = delivery
    preference.reminder_days = reminder_days
    preference.quiet_start, preference.quiet_end = quiet_start, quiet_end
    preference.full_clean()
    _save(preference, ["disabled_kinds", "delivery", "reminder_days", "quiet_start", "quiet_end"])
    if delivery == Delivery.SINGLE:
        _release_held(user)
    return preference


def _save(preference: MailPreference, fields: list[str]) -> None:
    if preference.pk is None:
        preference.save()
    else:
        preference.save(update_fields=fields)


def _release_held(user: User) -> None:
    # Back to single mails: what was waiting for the digest goes out now, not never.
    ids = list(Outbox.objects.filter(user=user, status=Status.HELD).values_list("pk", flat=True))
    now = timezone.now()
    due = allowed_at(now, user)
    Outbox.objects.filter(pk__in=ids).update(status=Status.PENDING, next_attempt_at=due)
    # One task per batch; none in quiet hours, when the scheduler picks them up once due.
    if ids and due <= now:
        transaction.on_commit(functools.partial(queue_send_many, ids))


@transaction.atomic
def mail_unsubscribe(*, user: User, kind: str) -> list[str]:
    """Turn off `kind` for the person (the digest's link turns off what it gathers).

    Returns the kinds now off because of this call; transactional kinds never go off.
    """
    info = kind_info(kind)
    if info.transactional:
        return []
    kinds = digestible_kinds() if kind == DIGEST else [kind]
    preference = preference_for(user)
    preference.disabled_kinds = sorted({*preference.disabled_kinds, *kinds})
    _save(preference, ["disabled_kinds"])
    # Mails of that kind not yet sent are dropped: "unsubscribe" must mean now.
    Outbox.objects.filter(
        user=user, kind__in=kinds, status__in=[Status.PENDING, Status.HELD]
    ).update(status=Status.SKIPPED)
    return kinds
