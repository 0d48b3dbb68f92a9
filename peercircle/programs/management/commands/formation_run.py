from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from peercircle.programs.models import FormationRun, RunStatus
from peercircle.programs.tasks import formation_publish_task, formation_run_task


class Command(BaseCommand):
    help = (
        "Form the groups of queued formation runs and publish those waiting to be published "
        "(all of them, or the ids given)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("run_ids", nargs="*", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = (RunStatus.QUEUED, RunStatus.PUBLISHING)
        ids = options["run_ids"] or list(
            FormationRun.objects.filter(status__in=waiting)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for run_id in ids:
            formation_run_task(run_id)  # each does nothing unless the run waits for it
            formation_publish_task(run_id)
            run = FormationRun.objects.get(pk=run_id)
            self.stdout.write(f"formation {run_id}: {run.get_status_display()} {run.message}")
