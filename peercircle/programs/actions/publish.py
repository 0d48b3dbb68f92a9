"""Publishing a formation: its groups are created and their members invited, once."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.groups.actions.group import group_create
from peercircle.groups.actions.invitations import invitation_send
from peercircle.groups.models import Group
from peercircle.lib import versions
from peercircle.programs import formation_adapter as adapter
from peercircle.programs.access import ProgramAccess
from peercircle.programs.actions.formation import locked_for_edit
from peercircle.programs.actions.group_names import default_names, group_names_check
from peercircle.programs.models import FormationRun, PublishedPlacement, RunStatus, SignUp
from peercircle.programs.queries import formable_signups


@transaction.atomic
def formation_publish(
    *, access: ProgramAccess, run: FormationRun, version: int, names: dict[int, str | None]
) -> list[Group]:
    """Create the formation's groups under `names` (by group number) and invite their
    members; the formation is then final. ValidationError keyed "name-<n>" for a bad name."""
    run = locked_for_edit(run, version)
    return _publish(run, access.user, names)


@transaction.atomic
def formation_publish_queue(
    *, access: ProgramAccess, run: FormationRun, version: int, names: dict[int, str | None]
) -> FormationRun:
    """Hand a large formation's publishing to the background; nobody can change it meanwhile."""
    run = locked_for_edit(run, version)
    preview, _ = _publishable(run)
    checked = _checked_names(run, preview, names)
    run.result = {**run.result, "names": {str(n): name for n, name in checked.items()}}
    run.status = RunStatus.PUBLISHING
    run.published_by = access.user
    run.message = "creating the groups and sending the invitations"
    run.progress = 0.0
    run.version += 1
    run.save(update_fields=["result", "status", "published_by", "message", "progress", "version"])
    return run


@transaction.atomic
def formation_publish_claimed(*, run_id: int) -> list[Group] | None:
    """Publish run `run_id` if it waits to be published; None if it does not (any more)."""
    run = (
        FormationRun.objects.select_for_update(of=("self",))
        .select_related("program", "published_by")
        .filter(pk=run_id, status=RunStatus.PUBLISHING)
        .first()
    )
    if run is None or run.published_by is None:
        return None
    chosen = run.result.get("names", {})
    return _publish(run, run.published_by, {int(n): name for n, name in chosen.items()} or None)


@transaction.atomic
def formation_publish_undo(*, run_id: int, message: str) -> None:
    """Back to review after publishing in the background failed, saying why."""
    FormationRun.objects.filter(pk=run_id, status=RunStatus.PUBLISHING).update(
        status=RunStatus.DONE, message=message[:200], version=F("version") + 1
    )
    programs = FormationRun.objects.filter(pk=run_id).values_list("program_id", flat=True)
    versions.changed(*[("program", program_id) for program_id in programs])


def _publishable(run: FormationRun) -> tuple[adapter.Preview, dict[int, SignUp]]:
    """The groups to publish and their sign-ups; ValidationError if a rule is broken."""
    program = run.program
    signups = {s.pk: s for s in formable_signups(program)}
    people = adapter.people_for(program, list(signups.values()))
    preview = {"groups": [_only_formable(g, signups) for g in run.result["groups"]]}
    preview["groups"] = [g for g in preview["groups"] if g["members"]]
    broken = adapter.violations(program, preview, people)
    if broken:
        names = {pk: s.name for pk, s in signups.items()}
        raise ValidationError([adapter.in_words(text, names) for text in broken[:5]])
    if not preview["groups"]:
        raise ValidationError(gettext("There are no groups to publish."))
    return preview, signups


def _checked_names(
    run: FormationRun, preview: adapter.Preview, names: dict[int, str | None] | None
) -> dict[int, str]:
    """One checked name per group to publish; None (a run queued before names were asked
    for) takes the proposed names."""
    if names is None:
        names = dict(
            default_names(run.program, {g["number"]: g["slot"] for g in preview["groups"]})
        )
    return group_names_check(
        program=run.program, names={g["number"]: names.get(g["number"]) for g in preview["groups"]}
    )


def _publish(run: FormationRun, by: User, names: dict[int, str | None] | None) -> list[Group]:
    preview, signups = _publishable(run)
    checked = _checked_names(run, preview, names)
    program = run.program
    created = []
    placements = []
    for spec in preview["groups"]:
        group = group_create(program_id=program.pk, name=checked[spec["number"]])
        placements += [_invite(group, signups[pk], by, slot=spec["slot"]) for pk in spec["members"]]
        created.append(group)
    PublishedPlacement.objects.bulk_create(placements)
    versions.changed(("program", program.pk), *[("group", group.pk) for group in created])
    run.status = RunStatus.PUBLISHED
    run.published_by = by
    run.message = ""
    run.version += 1
    run.save(update_fields=["status", "published_by", "message", "version"])
    return created


def _only_formable(group: dict[str, Any], signups: dict[int, SignUp]) -> dict[str, Any]:
    # Someone withdrawn after the formation is not invited.
    return {**group, "members": [pk for pk in group["members"] if pk in signups]}


def _invite(group: Group, signup: SignUp, by: User, *, slot: str) -> PublishedPlacement:
    """Where `signup` was placed (for the caller to save), and their invitation to join.

    The invitation is the groups app's own (an expiring secret link, joined by POST after
    logging in, accepting the group's ground rules); its mail leaves once the surrounding
    transaction, placements included, commits.
    """
    invitation = invitation_send(group=group, email=signup.email, invited_by=by)
    return PublishedPlacement(
        signup=signup,
        group=group,
        slot=slot,
        token_hash=invitation.token_hash,
        invited_at=invitation.created_at,
    )
