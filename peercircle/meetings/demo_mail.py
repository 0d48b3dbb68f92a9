"""Demo mail: the reminders for the groups' next meetings, queued by the real producers at
the moment they fall due and delivered, so the site admin's outbox page has rows to show;
one group's reminders meet a relay that is down, so the page also shows retries (the
scheduler in `make demo` sends them a minute later, to the console).

Delivered into memory, not to the console, so `make demo`'s output stays the logins.
"""

import logging
import smtplib
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from peercircle.accounts.models import User
from peercircle.groups.models import Group
from peercircle.mail.delivery import mail_deliver
from peercircle.mail.models import Outbox, Status
from peercircle.meetings.models import Meeting
from peercircle.meetings.reminders import host_reminders, meeting_reminders


class RelayDown(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPServerDisconnected("demo: the mail relay was down")


def fill(*, groups: list[tuple[Group, list[User]]]) -> None:
    # The staged relay failure is the point here, not news for the demo's console.
    logger = logging.getLogger("peercircle.mail.actions")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        _reminders(groups)
    finally:
        logger.setLevel(level)


def _reminders(groups: list[tuple[Group, list[User]]]) -> None:
    delivered = get_connection("django.core.mail.backends.locmem.EmailBackend")
    for index, (group, _members) in enumerate(groups):
        meeting = Meeting.objects.upcoming().filter(group=group).first()
        if meeting is None:
            continue
        queued_before = set(Outbox.objects.values_list("pk", flat=True))
        meeting_reminders(meeting.starts_at - timedelta(days=3))
        host_reminders(meeting.starts_at - timedelta(hours=1))
        connection: Any = delivered if index < 2 else RelayDown()
        for row in Outbox.objects.filter(status=Status.PENDING).exclude(pk__in=queued_before):
            mail_deliver(outbox_id=row.pk, now=row.next_attempt_at, connection=connection)
