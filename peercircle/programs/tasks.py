"""Background work: forming a program's groups, and publishing them.

`formation_run_task` and `formation_publish_task` take a run's id and call the actions.
Small programs run them inside the request (see `INLINE_LIMIT`); larger ones are queued on
commit as the background tasks below, which `manage.py db_worker` runs. `manage.py
formation_run` also works through waiting runs (a run not waiting any more is skipped, so
the two never do the work twice).
"""

import logging
import time

from django.core.exceptions import ValidationError
from django_tasks import task

from peercircle import formation as engine
from peercircle.programs import formation_adapter as adapter
from peercircle.programs.actions import formation as formation_actions
from peercircle.programs.actions import publish as publish_actions
from peercircle.programs.queries import formable_signups

log = logging.getLogger(__name__)

INLINE_LIMIT = 500  # sign-ups formed inside the request; the engine needs well under a second
REPORT_EVERY = 0.25  # seconds between progress writes, so a poll each second sees movement


def formation_run_task(run_id: int) -> None:
    """Form the groups of queued run `run_id`; does nothing if it is not queued any more."""
    run = formation_actions.formation_claim(run_id=run_id)
    if run is None:
        return
    program = run.program
    people = adapter.people_for(program, formable_signups(program))
    locked = [g for g in run.result.get("groups", []) if g.get("locked")]
    try:
        result = adapter.form(
            program, people, locked=locked, seed=run.pk, progress=_reporter(run_id)
        )
    except engine.InfeasibleSettings as error:
        formation_actions.formation_finish(
            run=run, result=None, failure=f"Impossible settings: {error}"
        )
        return
    except Exception:
        log.exception("formation run %s failed", run_id)
        formation_actions.formation_finish(
            run=run, result=None, failure="Something went wrong; try again."
        )
        raise
    formation_actions.formation_finish(run=run, result=result)


def _reporter(run_id: int) -> engine.Progress:
    """The engine's progress callback, writing to the run no more than every REPORT_EVERY."""
    last = 0.0

    def report(fraction: float, message: str) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < REPORT_EVERY and fraction < 1.0:
            return
        last = now
        formation_actions.formation_report(run_id=run_id, progress=fraction, message=message)

    return report


def formation_publish_task(run_id: int) -> None:
    """Publish run `run_id` if it waits to be published: groups, placements, invitations."""
    try:
        publish_actions.formation_publish_claimed(run_id=run_id)
    except ValidationError as error:  # say, someone withdrew and a group fell below the minimum
        publish_actions.formation_publish_undo(
            run_id=run_id, message="Not published: " + " ".join(error.messages)
        )


@task()
def formation_run_background(run_id: int) -> None:
    formation_run_task(run_id)


@task()
def formation_publish_background(run_id: int) -> None:
    formation_publish_task(run_id)
