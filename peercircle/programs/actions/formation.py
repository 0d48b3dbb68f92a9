"""Forming a program's groups: queue a run, record its progress and result, edit it by hand.

Every edit names the version its caller saw; a change made meanwhile (another coordinator,
another tab) raises `StaleFormation` instead of being overwritten.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.lib import versions
from peercircle.programs import formation_adapter as adapter
from peercircle.programs.access import ProgramAccess
from peercircle.programs.models import FormationRun, RunStatus
from peercircle.programs.queries import formable_signups

STALE = _(
    "Someone else changed this formation since you loaded it, so your change was not made. "
    "Here is the formation as it is now."
)


class StaleFormation(Exception):
    """The formation changed since the caller loaded it (another coordinator, another tab)."""


@transaction.atomic
def formation_start(*, access: ProgramAccess, version: int | None) -> FormationRun:
    """Queue a (re-)run of the current formation; its locked groups are kept as they are.

    `version` is what the caller saw (None when they saw no formation yet).
    """
    program = access.program
    run = program.formations.select_for_update().exclude(status=RunStatus.PUBLISHED).first()
    if run is None:
        if version is not None:
            raise StaleFormation(STALE)
        return FormationRun.objects.create(program=program, created_by=access.user)
    _check_version(run, version)
    if run.status == RunStatus.PUBLISHING:
        raise ValidationError(gettext("These groups are being published; wait until it is done."))
    if run.status in (RunStatus.QUEUED, RunStatus.RUNNING):
        raise ValidationError(
            gettext("These groups are being formed already; wait for the result.")
        )
    locked = [g for g in run.result.get("groups", []) if g.get("locked")]
    run.result = {"groups": locked}
    run.status = RunStatus.QUEUED
    run.progress = 0.0
    run.message = ""
    run.finished_at = None
    run.version += 1
    run.save(update_fields=["result", "status", "progress", "message", "finished_at", "version"])
    return run


@transaction.atomic
def formation_claim(*, run_id: int) -> FormationRun | None:
    """Mark a queued run as running; None if another worker took it or it is gone."""
    claimed = FormationRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, message="starting"
    )
    if not claimed:
        return None
    run = FormationRun.objects.select_related("program").get(pk=run_id)
    versions.changed(("program", run.program_id))
    return run


def formation_report(*, run_id: int, progress: float, message: str) -> None:
    """Progress of a running formation.

    Deliberately not atomic: one UPDATE, committed at once so pollers see it.
    """
    FormationRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
        progress=min(max(progress, 0.0), 1.0), message=message[:200]
    )
    programs = FormationRun.objects.filter(pk=run_id).values_list("program_id", flat=True)
    versions.changed(*[("program", program_id) for program_id in programs])


@transaction.atomic
def formation_finish(
    *, run: FormationRun, result: adapter.Preview | None, failure: str = ""
) -> FormationRun:
    """Store the engine's answer (or why there is none) and open it for review."""
    locked = run.result.get("groups", [])
    run.result = result if result is not None else {"groups": locked, "unplaced": []}
    run.status = RunStatus.DONE if result is not None else RunStatus.FAILED
    run.message = failure[:200]
    run.progress = 1.0
    run.finished_at = timezone.now()
    run.version += 1
    run.save(update_fields=["result", "status", "message", "progress", "finished_at", "version"])
    return run


@transaction.atomic
def formation_move(
    *, run: FormationRun, signup_id: int, to_group: int | None, version: int
) -> FormationRun:
    """Move one person into group `to_group` (None: out of every group) by hand."""
    run = locked_for_edit(run, version)
    groups = run.result["groups"]
    numbers = {g["number"]: g for g in groups}
    source = next((g for g in groups if signup_id in g["members"]), None)
    if to_group is not None and to_group not in numbers:
        raise ValidationError(gettext("There is no such group in this formation."))
    if (source and source["locked"]) or (to_group is not None and numbers[to_group]["locked"]):
        raise ValidationError(gettext("Locked groups stay as they are; unlock the group first."))
    people = adapter.people_for(run.program, formable_signups(run.program))
    if adapter.person_id(signup_id) not in people:
        raise ValidationError(gettext("This person is not part of this formation."))
    if source is not None:
        source["members"].remove(signup_id)
    if to_group is not None:
        numbers[to_group]["members"].append(signup_id)
    run.result["groups"] = [g for g in groups if g["members"]]
    adapter.reexplain(run.program, run.result, people)
    return _save_edit(run)


@transaction.atomic
def formation_lock(*, run: FormationRun, number: int, locked: bool, version: int) -> FormationRun:
    run = locked_for_edit(run, version)
    for group in run.result["groups"]:
        if group["number"] == number:
            group["locked"] = locked
            return _save_edit(run)
    raise ValidationError(gettext("There is no such group in this formation."))


def locked_for_edit(run: FormationRun, version: int) -> FormationRun:
    """`run` read afresh and locked for the caller's transaction, if it may be edited now."""
    fresh = FormationRun.objects.select_for_update().select_related("program").get(pk=run.pk)
    _check_version(fresh, version)
    if fresh.status != RunStatus.DONE:
        raise ValidationError(gettext("This formation cannot be changed now."))
    return fresh


def _check_version(run: FormationRun, version: int | None) -> None:
    if version != run.version:
        raise StaleFormation(STALE)


def _save_edit(run: FormationRun) -> FormationRun:
    run.version += 1
    run.save(update_fields=["result", "version"])
    return run
