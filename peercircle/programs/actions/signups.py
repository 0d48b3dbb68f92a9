"""Sign-ups: the public form, its confirmation, a coordinator's edits and CSV imports."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext

from peercircle.accounts.actions import FORMER_MEMBER
from peercircle.accounts.models import User
from peercircle.lib import versions
from peercircle.programs.access import ProgramAccess
from peercircle.programs.import_plan import ImportPlan
from peercircle.programs.models import Program, PublishedPlacement, SignUp, SignupStatus
from peercircle.programs.signups_csv import ImportRow

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
        raise ValidationError(gettext("Sign-up for this program is closed."))
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
        raise ValidationError({"email": gettext("Another sign-up in this program has this email.")})
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
def signups_import(*, access: ProgramAccess, plan: ImportPlan) -> list[SignUp]:
    """Adds the plan's new rows and updates the matched ones, or changes nothing.

    Rows come checked by `parse_csv` and matched by `import_plan`; every row's avoid list
    replaces the one stored, so a re-imported export keeps what it says.
    """
    made = [
        _signup_build(
            program=access.program,
            fields=_row_fields(row),
            external_id=row.external_id,
            status=SignupStatus.CONFIRMED,
        )
        for row in plan.added
    ]
    # Field checks only, without a query per row: the program is known to exist, `parse_csv`
    # has checked emails against it, and the database enforces the constraints.
    for signup in made:
        signup.full_clean(exclude=["program"], validate_unique=False, validate_constraints=False)
    changed = []
    for row, signup in plan.updated:
        for name, value in _row_fields(row).items():
            setattr(signup, name, value)
        signup.full_clean(exclude=["program"], validate_unique=False, validate_constraints=False)
        changed.append(signup)
    try:
        SignUp.objects.bulk_update(changed, IMPORTED_FIELDS)
        created = SignUp.objects.bulk_create(made)
    except IntegrityError:  # someone signed up with one of these emails meanwhile
        raise ValidationError(
            gettext("One of these emails has just signed up; upload again.")
        ) from None
    by_external = {signup.external_id: signup for signup in created}
    by_external |= {row.external_id: s for row, s in plan.updated + plan.unchanged}
    rows = [row for row in plan.added] + [row for row, _ in plan.updated + plan.unchanged]
    sources = [by_external[row.external_id].pk for row in rows]
    SignUp.avoid.through.objects.filter(from_signup_id__in=sources).delete()
    links = [
        SignUp.avoid.through(from_signup_id=by_external[row.external_id].pk, to_signup_id=target.pk)
        for row in rows
        for target in (by_external[other] for other in row.avoid)
    ]
    SignUp.avoid.through.objects.bulk_create(links)
    versions.changed(("program", access.program.pk))
    return created + changed


IMPORTED_FIELDS = ["name", "email", "department", "lab", "stage", "availability"]


def _row_fields(row: ImportRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "email": row.email,
        "department": row.department,
        "lab": row.lab,
        "stage": row.stage,
        "availability": list(row.availability),
    }


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


@transaction.atomic
def signups_erase_person(*, user: User, emails: Sequence[str]) -> None:
    """Deleting an account: the person's sign-ups (by address, or placed and joined as them)
    keep only what a formation needs (stage, availability, status), under "a former
    member"; a placement they have not used yet goes, so its link answers 404."""
    mine = Q(placement__user=user)
    for address in {address.lower() for address in emails if address}:
        mine |= Q(email__iexact=address)
    for signup in SignUp.objects.filter(mine).distinct():
        PublishedPlacement.objects.filter(signup=signup, joined_at__isnull=True).delete()
        signup.avoid.clear()
        signup.name = FORMER_MEMBER
        signup.email = f"former-{signup.pk}@deleted.invalid"
        signup.department = signup.lab = signup.avoid_text = signup.hopes = ""
        signup.external_id = ""
        signup.save(
            update_fields=[
                "name",
                "email",
                "department",
                "lab",
                "avoid_text",
                "hopes",
                "external_id",
            ]
        )
