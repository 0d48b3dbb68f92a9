"""A program, for its coordinators: sign-ups (list, add, CSV import), groups and totals.

Exactly what the coordinator pages show: sign-ups, group names and the aggregates of
`program_figures` with its five-person floor; never a group's goals, check-ins or notes.
"""

import dataclasses
import secrets
from datetime import datetime
from typing import Any, get_type_hints

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema
from pydantic import create_model

from peercircle.api.auth import require
from peercircle.api.http import PAGE_DEFAULT, Id, idempotent, page, read
from peercircle.api.operations.people import _limit
from peercircle.api.problems import ApiProblem
from peercircle.formation.signups import COLUMNS, InvalidSignups, Problem
from peercircle.programs.access import get_program_for_user
from peercircle.programs.actions.signups import signups_import
from peercircle.programs.import_plan import import_plan
from peercircle.programs.models import SignUp
from peercircle.programs.queries import Figures, program_figures
from peercircle.programs.signups_csv import MAX_CSV_BYTES, csv_bytes, parse_csv

router = Router(tags=["programs"])


class SignUpOut(Schema):
    id: int
    external_id: str
    name: str
    email: str
    department: str
    lab: str
    stage: str
    availability: list[str]
    status: str
    created_at: datetime


class SignUpPage(Schema):
    items: list[SignUpOut]
    next_cursor: str | None


class SignUpIn(Schema):
    name: str
    email: str
    stage: str
    department: str = ""
    lab: str = ""
    availability: list[str] = []
    external_id: str = ""


class ImportOut(Schema):
    imported: int


class GroupRow(Schema):
    id: int
    name: str


class GroupsOut(Schema):
    program_id: Id
    groups: list[GroupRow]


def _fields_of(figures: type[Figures]) -> dict[str, Any]:
    """The dashboard's dataclass, field by field: the API's totals cannot drift from it."""
    hints = get_type_hints(figures)
    return {f.name: (hints[f.name], ...) for f in dataclasses.fields(figures)}


# program_id, then every field of Figures (Bar rows: label, value, share; null where fewer
# than five people, suppressed exactly as on the dashboard).
TotalsOut = create_model("TotalsOut", __base__=Schema, program_id=(Id, ...), **_fields_of(Figures))


def _signup_out(signup: SignUp) -> SignUpOut:
    return SignUpOut(
        id=signup.pk,
        external_id=signup.external_id,
        name=signup.name,
        email=signup.email,
        department=signup.department,
        lab=signup.lab,
        stage=signup.stage,
        availability=[str(slot) for slot in signup.availability],
        status=signup.status,
        created_at=signup.created_at,
    )


@router.get("/programs/{program_id}/signups", response={200: SignUpPage, 304: None})
def signups(
    request: HttpRequest, program_id: Id, cursor: str | None = None, limit: int = PAGE_DEFAULT
) -> HttpResponse:
    user = require(request, "programs:read")
    limit = _limit(limit)
    access = get_program_for_user(user, program_id)
    rows = SignUp.objects.filter(program=access.program)
    return read(request, SignUpPage(**page(rows, cursor, limit, _signup_out)))


def _invalid(error: InvalidSignups) -> ApiProblem:
    problems = [
        {"line": p.line, "column": p.column, "field": _column_name(p), "message": p.message}
        for p in error.problems
    ]
    first = problems[0] if problems else {"field": None}
    return ApiProblem(
        422,
        "Invalid sign-ups",
        f"{len(problems)} problem(s) found; nothing was imported.",
        field=first["field"],  # type: ignore[arg-type]
        errors=problems,
    )


def _column_name(problem: Problem) -> str | None:
    return COLUMNS[problem.column - 1] if 1 <= problem.column <= len(COLUMNS) else None


def _import(
    request: HttpRequest, program_id: Id, data: bytes, *, create_only: bool = False
) -> tuple[int, list[SignUp]]:
    user = require(request, "programs:write")
    access = get_program_for_user(user, program_id)
    if len(data) > MAX_CSV_BYTES:
        raise ApiProblem(413, "Too large", "A sign-ups file holds at most 5 MB.")
    # The same plan the import page previews: matched rows update, new rows are added.
    try:
        plan = import_plan(access.program, parse_csv(data, access.program))
        if plan.problems:
            raise InvalidSignups(plan.problems)
    except InvalidSignups as error:
        raise _invalid(error) from None
    if create_only and not plan.added:
        # Creating one sign-up never edits another: the import is the way to update.
        message = "A sign-up with this email or id is already in this program."
        raise ApiProblem(422, "Invalid sign-up", message, field="email")
    try:
        return 201, signups_import(access=access, plan=plan)
    except ValidationError as error:
        raise ApiProblem(409, "Conflict", " ".join(error.messages)) from None


@router.post("/programs/{program_id}/signups", response={201: SignUpOut})
def signup_create(request: HttpRequest, program_id: Id, body: SignUpIn) -> HttpResponse:
    """One sign-up, checked exactly as one line of a CSV import is."""
    row = [
        body.external_id or f"api-{secrets.token_hex(6)}",
        body.name,
        body.email,
        body.department,
        body.lab,
        body.stage,
        "; ".join(body.availability),
        "",
    ]

    def create() -> tuple[int, SignUpOut]:
        status, made = _import(request, program_id, csv_bytes(COLUMNS, [row]), create_only=True)
        return status, _signup_out(made[0])

    return idempotent(request, create)


@router.post(
    "/programs/{program_id}/signups/import",
    response={201: ImportOut},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
)
def signup_import(request: HttpRequest, program_id: Id) -> HttpResponse:
    """A whole CSV file in the formation format: every row is imported, or none is."""

    def create() -> tuple[int, ImportOut]:
        status, made = _import(request, program_id, request.body)
        return status, ImportOut(imported=len(made))

    return idempotent(request, create)


@router.get("/programs/{program_id}/groups", response={200: GroupsOut, 304: None})
def program_groups(request: HttpRequest, program_id: Id) -> HttpResponse:
    user = require(request, "programs:read")
    access = get_program_for_user(user, program_id)
    groups = access.program.groups.order_by("name", "pk")
    out = GroupsOut(
        program_id=access.program.pk, groups=[GroupRow(id=g.pk, name=g.name) for g in groups]
    )
    return read(request, out)


@router.get("/programs/{program_id}/totals", response={200: TotalsOut, 304: None})
def program_totals(request: HttpRequest, program_id: Id) -> HttpResponse:
    user = require(request, "programs:read")
    access = get_program_for_user(user, program_id)
    figures = program_figures(access.program, now=timezone.now())
    out = TotalsOut.model_validate({"program_id": access.program.pk, **dataclasses.asdict(figures)})
    return read(request, out)
