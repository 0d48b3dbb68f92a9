"""Keep every group's meetings planned six months ahead. Run daily (the scheduler calls it)."""

from typing import Any

from django.core.management.base import BaseCommand

from peercircle.meetings.actions.schedule import schedules_materialize


class Command(BaseCommand):
    help = "Create the meetings of every schedule up to six months ahead (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = schedules_materialize()
        self.stdout.write(f"{created} meeting(s) created.")
