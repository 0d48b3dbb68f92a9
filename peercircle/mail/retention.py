"""How long the outbox keeps what it sent, and what it forgets about a deleted person.

Retention: a mail's rendered body (subject, text, HTML, attachments, unsubscribe link and
last error) is kept for `BODY_RETENTION` after it was sent, digested or skipped, for the
admin's outbox page and a person's export. After that only what exactly-once delivery
needs stays: the key (which makes enqueueing the same mail again a no-op), the kind, the
recipient, the Message-ID, the status and the dates. `mail_bodies_purge` applies it; the
scheduler runs it every minute (`manage.py send_due_mail`) and `manage.py purge_mail_bodies`
runs it by hand. Failed mails keep their body until an admin retries or the row ages out of
the failed state, so a retry never sends an empty mail.

Deletion: `mail_forget_person` deletes every row addressed to the person (by account or by
address) and removes their name and address from the rest: a sent mail loses its body at
once, a mail still waiting has them replaced by "a former member".
"""

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from html import escape

from django.db import transaction
from django.db.models import Q

from peercircle.mail.models import Outbox, OutboxAttachment, Status

BODY_RETENTION = timedelta(days=30)
DONE = (Status.SENT, Status.DIGESTED, Status.SKIPPED)
BATCH = 1000
FORMER_MEMBER = "a former member"
_BODY = {"subject": "", "text": "", "html": "", "unsubscribe_url": "", "last_error": ""}


def _has_body() -> Q:
    return ~Q(subject="", text="", html="", unsubscribe_url="", last_error="") | Q(
        attachments__isnull=False
    )


@transaction.atomic
def mail_bodies_purge(*, now: datetime) -> int:
    """Empty the bodies of mails done with more than `BODY_RETENTION` ago; how many."""
    cutoff = now - BODY_RETENTION
    old = Q(status__in=DONE) & (
        Q(sent_at__lt=cutoff) | Q(sent_at__isnull=True, created_at__lt=cutoff)
    )
    ids = list(
        Outbox.objects.filter(old)
        .filter(_has_body())
        .order_by()
        .values_list("pk", flat=True)[:BATCH]
    )
    ids = list(dict.fromkeys(ids))
    if not ids:
        return 0
    OutboxAttachment.objects.filter(outbox_id__in=ids).delete()
    return Outbox.objects.filter(pk__in=ids).update(**_BODY)


def purge_old_mail_bodies(now: datetime) -> int:
    """The retention as a scheduler producer (it queues nothing, it forgets)."""
    return mail_bodies_purge(now=now)


@transaction.atomic
def mail_forget_person(*, user_id: int, emails: Iterable[str], names: Iterable[str]) -> None:
    addresses = {address.lower() for address in emails if address}
    to_them = Q(user_id=user_id)
    for address in addresses:
        to_them |= Q(to_email__iexact=address)
    Outbox.objects.filter(to_them).delete()
    words = sorted(
        {*addresses, *(name.strip() for name in names if len(name.strip()) >= 2)},
        key=len,
        reverse=True,
    )
    if not words:
        return
    pattern = _pattern(words)
    naming = Q()
    for word in {*words, *(escape(word) for word in words)}:
        naming |= Q(subject__icontains=word) | Q(text__icontains=word) | Q(html__icontains=word)
    for row in Outbox.objects.filter(naming):
        if row.status in DONE:
            OutboxAttachment.objects.filter(outbox=row).delete()
            row.text = row.html = ""
        row.subject = pattern.sub(FORMER_MEMBER, row.subject)
        row.text = pattern.sub(FORMER_MEMBER, row.text)
        row.html = pattern.sub(escape(FORMER_MEMBER), row.html)
        row.save(update_fields=["subject", "text", "html"])
    for attachment in OutboxAttachment.objects.filter(
        outbox__status__in=[Status.PENDING, Status.HELD]
    ):
        content = bytes(attachment.content).decode("utf-8", errors="replace")
        cleaned = pattern.sub(FORMER_MEMBER, content)
        if cleaned != content:
            attachment.content = cleaned.encode()
            attachment.save(update_fields=["content"])


def _pattern(words: list[str]) -> re.Pattern[str]:
    # Whole words only, so that "Al" does not eat "Alpha"; the HTML-escaped form as well.
    forms = sorted({*words, *(escape(word) for word in words)}, key=len, reverse=True)
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(form) for form in forms) + r")(?!\w)", re.I
    )
