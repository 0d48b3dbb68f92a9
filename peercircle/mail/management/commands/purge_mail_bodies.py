"""Apply the outbox's retention now (the scheduler also runs it every minute): bodies of
mails done with more than 30 days ago are emptied, their delivery headers stay."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from peercircle.mail.retention import BODY_RETENTION, mail_bodies_purge


class Command(BaseCommand):
    help = "Empty the bodies of mails sent more than 30 days ago; keep what delivery needs."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        total = 0
        while purged := mail_bodies_purge(now=now):
            total += purged
        self.stdout.write(f"purged {total} mail bodies older than {BODY_RETENTION.days} days")
