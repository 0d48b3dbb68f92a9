"""What `manage.py send_due_mail` runs every minute.

PRODUCERS are functions of the clock that queue the mails due by then and return how many
they queued. Other apps register theirs by adding it to the list. Each must be idempotent
(stable keys), because the command may run on several machines at once.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings

from peercircle.accounts.models import User
from peercircle.mail.actions import digest_roll
from peercircle.mail.models import Status
from peercircle.mail.quiet import digest_moment
from peercircle.mail.reminders import host_reminders, meeting_reminders


def weekly_digests(now: datetime) -> int:
    """Roll held mails into one digest per person, on Monday morning in their zone."""
    sent = 0
    people = User.objects.filter(outbox__status=Status.HELD).distinct().order_by("pk")
    for user in people:
        try:
            zone = ZoneInfo(user.timezone or settings.TIME_ZONE)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo(settings.TIME_ZONE)
        cutoff, week = digest_moment(now, zone)
        if digest_roll(user=user, cutoff=cutoff, week=week, now=now) is not None:
            sent += 1
    return sent


PRODUCERS: list[Callable[[datetime], int]] = [
    meeting_reminders,
    host_reminders,
    weekly_digests,
]


def retry_grace() -> timedelta:
    """Rows younger than this are left to the send task their commit queued."""
    return timedelta(seconds=settings.MAIL_SCHEDULER_GRACE_SECONDS)
