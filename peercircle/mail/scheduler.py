"""What `manage.py send_due_mail` runs every minute.

Producers are functions of the clock that queue the mails due by then and return how many
they queued. The mail app's own is the weekly digest; other apps register theirs with
`register_producer` from their `AppConfig.ready()`. Each must be idempotent (stable
keys), because the command may run on several machines at once.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings

from peercircle.accounts.models import User
from peercircle.lib.zones import zone_for
from peercircle.mail.actions import digest_roll
from peercircle.mail.models import Status
from peercircle.mail.quiet import digest_moment

Producer = Callable[[datetime], int]


def weekly_digests(now: datetime) -> int:
    """Roll held mails into one digest per person, on Monday morning in their zone."""
    sent = 0
    people = User.objects.filter(outbox__status=Status.HELD).distinct().order_by("pk")
    for user in people:
        cutoff, week = digest_moment(now, zone_for(user))
        if digest_roll(user=user, cutoff=cutoff, week=week, now=now) is not None:
            sent += 1
    return sent


_PRODUCERS: list[Producer] = []


def register_producer(producer: Producer) -> None:
    if producer not in _PRODUCERS:
        _PRODUCERS.append(producer)


def producers() -> list[Producer]:
    """Every registered producer; the digest last, so it rolls up what the others held."""
    return [*_PRODUCERS, weekly_digests]


def retry_grace() -> timedelta:
    """Rows younger than this are left to the send task their commit queued."""
    return timedelta(seconds=settings.MAIL_SCHEDULER_GRACE_SECONDS)
