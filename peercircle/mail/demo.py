"""Demo mail: the reminders for each group's next meeting, queued by the real producers at
the moment they fall due and delivered, so the site admin's outbox page has rows to show.

Delivered into memory, not to the console, so `make demo`'s output stays the logins.
"""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.mail import get_connection

from peercircle.mail.actions import mail_deliver
from peercircle.mail.models import Outbox, Status
from peercircle.mail.reminders import host_reminders, meeting_reminders
from peercircle.meetings.models import Meeting

if TYPE_CHECKING:  # the demo command imports this module
    from peercircle.accounts.management.commands.demo import DemoContext


def fill(context: "DemoContext") -> None:
    connection = get_connection("django.core.mail.backends.locmem.EmailBackend")
    for group, _members in context.groups[:2]:
        meeting = Meeting.objects.upcoming().filter(group=group).first()
        if meeting is None:
            continue
        meeting_reminders(meeting.starts_at - timedelta(days=3))
        host_reminders(meeting.starts_at - timedelta(hours=2))
    for outbox_id in Outbox.objects.filter(status=Status.PENDING).values_list("pk", flat=True):
        due = Outbox.objects.get(pk=outbox_id).next_attempt_at
        mail_deliver(outbox_id=outbox_id, now=due, connection=connection)
