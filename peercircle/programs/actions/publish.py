"""Publishing a formation: its groups are created and their members invited, once."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from peercircle.accounts.models import User
from peercircle.groups.actions.group import group_create
from peercircle.groups.actions.invitations import invitation_send
from peercircle.groups.models import Group
from peercircle.programs import formation_adapter as adapter
from peercircle.programs.access import ProgramAccess
from peercircle.programs.actions.formation import locked_for_edit
from peercircle.programs.models import FormationRun, PublishedPlacement, RunStatus, SignUp
from peercircle.programs.queries import formable_signups


@transaction.atomic
def formation_publish(*, access: ProgramAccess, run: FormationRun, version: int) -> list[Group]:
    """Create the formation's groups and invite their members; the formation is then final."""
    run = locked_for_edit(run, version)
    return _publish(run, access.user)


@transaction.atomic
def formation_publish_queue(
    *, access: ProgramAccess, run: FormationRun, version: int
) -> FormationRun:
    """Hand a large formation's publishing to the background; nobody can change it meanwhile."""
    run = locked_for_edit(run, version)
    _publishable(run)
    run.status = RunStatus.PUBLISHING
    run.published_by = access.user
    run.message = "creating the groups and sending the invitations"
    run.progress = 0.0
    run.version += 1
    run.save(update_fields=["status", "published_by", "message", "progress", "version"])
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
    return _publish(run, run.published_by)


@transaction.atomic
def formation_publish_undo(*, run_id: int, message: str) -> None:
    """Back to review after publishing in the background failed, saying why."""
    FormationRun.objects.filter(pk=run_id, status=RunStatus.PUBLISHING).update(
        status=RunStatus.DONE, message=message[:200], version=F("version") + 1
    )


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
        raise ValidationError("There are no groups to publish.")
    return preview, signups


def _publish(run: FormationRun, by: User) -> list[Group]:
    preview, signups = _publishable(run)
    program = run.program
    created = []
    placements = []
    taken = {name.lower() for name in program.groups.values_list("name", flat=True)}
    for spec in preview["groups"]:
        group = group_create(program_id=program.pk, name=_group_name(spec["slot"], taken))
        placements += [_invite(group, signups[pk], by, slot=spec["slot"]) for pk in spec["members"]]
        created.append(group)
    PublishedPlacement.objects.bulk_create(placements)
    run.status = RunStatus.PUBLISHED
    run.published_by = by
    run.message = ""
    run.version += 1
    run.save(update_fields=["status", "published_by", "message", "version"])
    return created


def _only_formable(group: dict[str, Any], signups: dict[int, SignUp]) -> dict[str, Any]:
    # Someone withdrawn after the formation is not invited.
    return {**group, "members": [pk for pk in group["members"] if pk in signups]}


def _group_name(slot: str, taken: set[str]) -> str:
    """The first "<slot> group <n>" not in `taken` (lowercased names), now added to it."""
    number = 1
    while f"{slot} group {number}"[:80].lower() in taken:
        number += 1
    name = f"{slot} group {number}"[:80]
    taken.add(name.lower())
    return name


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
