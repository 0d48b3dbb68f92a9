"""Run every minute (cron or a systemd timer): queue due mails, then retry due rows.

Safe on several machines at once: producers use idempotency keys, and a row is claimed by
exactly one worker before it is sent.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from peercircle.mail.actions import (
    counting_created,
    mail_due_ids,
    mail_fail_stuck,
    queue_send_many,
    sending_together,
)
from peercircle.mail.scheduler import producers, retry_grace


class Command(BaseCommand):
    help = "Queue the mails due now (reminders, digests) and retry failed or stuck ones."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        for producer in producers():
            # Counted as rows created, not as the producer's attempts: a key already in
            # the outbox (queued by another machine, or a minute ago) is no new mail.
            # One send task per batch of mails, not one per mail.
            with counting_created() as created, sending_together():
                producer(now)
            if created:
                self.stdout.write(f"{producer.__name__}: {len(created)} queued")
        stuck = mail_fail_stuck(now=now)
        if stuck:
            self.stdout.write(f"gave up on {stuck} mail(s) that stopped their workers")
        due = mail_due_ids(now=now, grace=retry_grace())
        queue_send_many(due)
        if due:
            self.stdout.write(f"retry: {len(due)} queued")
