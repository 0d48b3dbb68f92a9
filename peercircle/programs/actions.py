"""Every change to programs, sign-ups and formations goes through these functions."""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.groups.actions import group_create, invitation_send
from peercircle.groups.models import Group
from peercircle.programs import formation_adapter as adapter
from peercircle.programs.models import (
    FormationRun,
    Program,
    PublishedPlacement,
    RunStatus,
    SignUp,
    SignupStatus,
)

STALE = (
    "Someone else changed this formation since you loaded it, so your change was not made. "
    "Here is the formation as it is now."
)


class StaleFormation(Exception):
    """The formation changed since the caller loaded it (another coordinator, another tab)."""


# --- programs ---------------------------------------------------------------------------------


@transaction.atomic
def program_create(
    *,
    name: str,
    coordinators: Iterable[User],
    institution: str = "",
    description: str = "",
    **choices: Any,
) -> Program:
    """A new program; `choices` are its other fields (slots, sizes, stages, sign-up window)."""
    program = Program(
        name=name.strip(), institution=institution.strip(), description=description, **choices
    )
    program.full_clean()
    program.save()
    program.coordinators.set(list(coordinators))
    return program


PROGRAM_FIELDS = [
    "name",
    "institution",
    "description",
    "career_stages",
    "slots",
    "min_size",
    "target_size",
    "max_size",
    "stage_mode",
    "signup_opens",
    "signup_closes",
]


@transaction.atomic
def program_update(*, program: Program, coordinators: Iterable[User], **fields: Any) -> Program:
    """`program` with new settings; its coordinators become exactly `coordinators`."""
    for name, value in fields.items():
        if name not in PROGRAM_FIELDS:
            raise TypeError(f"program_update() got an unexpected field {name!r}")
        setattr(program, name, value.strip() if isinstance(value, str) else value)
    program.full_clean()
    program.save(update_fields=[*fields])
    program.coordinators.set(list(coordinators))
    return program


@transaction.atomic
def coordinator_grant(*, user: User) -> User:
    """Let `user` start programs of their own (site admins decide who coordinates)."""
    permission = Permission.objects.get(content_type__app_label="programs", codename="add_program")
    user.user_permissions.add(permission)
    return user


# --- sign-ups ---------------------------------------------------------------------------------

SIGNUP_FIELDS = [
    "name",
    "email",
    "department",
    "lab",
    "stage",
    "availability",
    "avoid_text",
    "hopes",
]


@transaction.atomic
def signup_submit(*, program: Program, now: datetime, **fields: Any) -> SignUp | None:
    """A public sign-up, pending until its email is confirmed.

    Returns None when that email has already signed up: the caller tells the visitor the
    same thing either way, so the form reveals nobody's sign-up.
    """
    if not program.signup_is_open(now):
        raise ValidationError("Sign-up for this program is closed.")
    signup = _signup_build(program=program, fields=fields)
    if program.signups.filter(email=signup.email).exists():
        return None
    signup.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            signup.save()
    except IntegrityError:  # the same form sent twice at once
        return None
    return signup


@transaction.atomic
def signup_confirm(*, signup: SignUp) -> SignUp:
    if signup.status == SignupStatus.PENDING:
        signup.status = SignupStatus.CONFIRMED
        signup.save(update_fields=["status"])
    return signup


@transaction.atomic
def signup_update(*, signup: SignUp, avoid: Sequence[SignUp] = (), **fields: Any) -> SignUp:
    """A coordinator's edit; `avoid` are the sign-ups this person must not sit with."""
    for name, value in fields.items():
        if name not in SIGNUP_FIELDS:
            raise TypeError(f"signup_update() got an unexpected field {name!r}")
        setattr(signup, name, value.strip() if isinstance(value, str) else value)
    signup.email = signup.email.lower()
    clash = signup.program.signups.filter(email=signup.email).exclude(pk=signup.pk)
    if clash.exists():
        raise ValidationError({"email": "Another sign-up in this program has this email."})
    signup.full_clean()
    signup.save(update_fields=[*fields])
    signup.avoid.set([other for other in avoid if other.program_id == signup.program_id])
    return signup


@transaction.atomic
def signup_withdraw(*, signup: SignUp) -> SignUp:
    signup.status = SignupStatus.WITHDRAWN
    signup.save(update_fields=["status"])
    return signup


@transaction.atomic
def signups_import(*, program: Program, rows: Sequence[adapter.ImportRow]) -> list[SignUp]:
    """Every row becomes a confirmed sign-up, or none does (rows come checked from the adapter)."""
    made = [
        _signup_build(
            program=program,
            fields={
                "name": row.name,
                "email": row.email,
                "department": row.department,
                "lab": row.lab,
                "stage": row.stage,
                "availability": list(row.availability),
            },
            external_id=row.external_id,
            status=SignupStatus.CONFIRMED,
        )
        for row in rows
    ]
    # Field checks only, without a query per row: the program is known to exist, the adapter
    # has checked emails against it, and the database enforces the constraints.
    for signup in made:
        signup.full_clean(exclude=["program"], validate_unique=False, validate_constraints=False)
    try:
        created = SignUp.objects.bulk_create(made)
    except IntegrityError:  # someone signed up with one of these emails meanwhile
        raise ValidationError("One of these emails has just signed up; upload again.") from None
    by_external = {signup.external_id: signup for signup in created}
    links = [
        SignUp.avoid.through(from_signup_id=by_external[row.external_id].pk, to_signup_id=target.pk)
        for row in rows
        for target in (by_external[other] for other in row.avoid)
    ]
    SignUp.avoid.through.objects.bulk_create(links)
    return created


def _signup_build(
    *,
    program: Program,
    fields: dict[str, Any],
    external_id: str = "",
    status: str = SignupStatus.PENDING,
) -> SignUp:
    clean = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    clean["email"] = clean.get("email", "").lower()
    return SignUp(program=program, external_id=external_id, status=status, **clean)


# --- formation --------------------------------------------------------------------------------


def formation_current(program: Program) -> FormationRun | None:
    """The formation being prepared: the newest one not yet published."""
    return program.formations.exclude(status=RunStatus.PUBLISHED).first()


@transaction.atomic
def formation_start(*, program: Program, by: User, version: int | None) -> FormationRun:
    """Queue a (re-)run of the current formation; its locked groups are kept as they are.

    `version` is what the caller saw (None when they saw no formation yet).
    """
    run = program.formations.select_for_update().exclude(status=RunStatus.PUBLISHED).first()
    if run is None:
        if version is not None:
            raise StaleFormation(STALE)
        return FormationRun.objects.create(program=program, created_by=by)
    _check_version(run, version)
    if run.status == RunStatus.PUBLISHING:
        raise ValidationError("These groups are being published; wait until it is done.")
    if run.status in (RunStatus.QUEUED, RunStatus.RUNNING):
        raise ValidationError("These groups are being formed already; wait for the result.")
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
    return FormationRun.objects.select_related("program").get(pk=run_id)


def formation_report(*, run_id: int, progress: float, message: str) -> None:
    """Progress of a running formation; no transaction so pollers see it at once."""
    FormationRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
        progress=min(max(progress, 0.0), 1.0), message=message[:200]
    )


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
    run = _lock_for_edit(run, version)
    groups = run.result["groups"]
    numbers = {g["number"]: g for g in groups}
    source = next((g for g in groups if signup_id in g["members"]), None)
    if to_group is not None and to_group not in numbers:
        raise ValidationError("There is no such group in this formation.")
    if (source and source["locked"]) or (to_group is not None and numbers[to_group]["locked"]):
        raise ValidationError("Locked groups stay as they are; unlock the group first.")
    people = adapter.people_for(run.program, adapter.formable_signups(run.program))
    if adapter.person_id(signup_id) not in people:
        raise ValidationError("This person is not part of this formation.")
    if source is not None:
        source["members"].remove(signup_id)
    if to_group is not None:
        numbers[to_group]["members"].append(signup_id)
    run.result["groups"] = [g for g in groups if g["members"]]
    adapter.reexplain(run.program, run.result, people)
    return _save_edit(run)


@transaction.atomic
def formation_lock(*, run: FormationRun, number: int, locked: bool, version: int) -> FormationRun:
    run = _lock_for_edit(run, version)
    for group in run.result["groups"]:
        if group["number"] == number:
            group["locked"] = locked
            return _save_edit(run)
    raise ValidationError("There is no such group in this formation.")


@transaction.atomic
def formation_publish(*, run: FormationRun, by: User, version: int) -> list[Group]:
    """Create the formation's groups and invite their members; the formation is then final."""
    run = _lock_for_edit(run, version)
    return _publish(run, by)


@transaction.atomic
def formation_publish_queue(*, run: FormationRun, by: User, version: int) -> FormationRun:
    """Hand a large formation's publishing to the background; nobody can change it meanwhile."""
    run = _lock_for_edit(run, version)
    _publishable(run)
    run.status = RunStatus.PUBLISHING
    run.published_by = by
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
    signups = {s.pk: s for s in adapter.formable_signups(program)}
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
        group = group_create(program=program, name=_group_name(spec["slot"], taken))
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


def _lock_for_edit(run: FormationRun, version: int) -> FormationRun:
    fresh = FormationRun.objects.select_for_update().select_related("program").get(pk=run.pk)
    _check_version(fresh, version)
    if fresh.status != RunStatus.DONE:
        raise ValidationError("This formation cannot be changed now.")
    return fresh


def _check_version(run: FormationRun, version: int | None) -> None:
    if version != run.version:
        raise StaleFormation(STALE)


def _save_edit(run: FormationRun) -> FormationRun:
    run.version += 1
    run.save(update_fields=["result", "version"])
    return run
