"""Helpers for the programs tests: sign-ups in bulk, an open sign-up window, CSV files."""

from collections.abc import Sequence
from datetime import timedelta

import pytest
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.programs.access import get_program_for_user
from peercircle.programs.actions.formation import formation_start
from peercircle.programs.models import FormationRun, Program, SignUp, SignupStatus
from peercircle.programs.queries import formation_current
from peercircle.programs.tasks import formation_run_task
from tests.conftest import Cast

HEADER = "id,name,email,department,lab,stage,availability,avoid\n"


def open_window(program: Program) -> Program:
    now = timezone.now()
    program.signup_opens = now - timedelta(days=1)
    program.signup_closes = now + timedelta(days=7)
    program.save(update_fields=["signup_opens", "signup_closes"])
    return program


def make_signups(
    program: Program,
    count: int,
    *,
    slots: Sequence[str] = ("Weekday lunch",),
    stage: str = "graduate",
    prefix: str = "person",
    departments: int = 4,
) -> list[SignUp]:
    """`count` confirmed sign-ups, each in their own lab, departments taken in turn."""
    return SignUp.objects.bulk_create(
        SignUp(
            program=program,
            name=f"{prefix.title()} {index}",
            email=f"{prefix}{index}@example.edu",
            department=f"Dept {index % departments}",
            lab=f"{prefix} lab {index}",
            stage=stage,
            availability=list(slots),
            status=SignupStatus.CONFIRMED,
        )
        for index in range(count)
    )


def csv_file(rows: Sequence[str], header: str = HEADER) -> bytes:
    return (header + "".join(row + "\n" for row in rows)).encode()


def good_rows(count: int = 6) -> list[str]:
    return [
        f"{i},Person {i},p{i}@example.edu,Dept {i % 3},Lab {i},graduate,"
        "Weekday lunch;Weekday evening,"
        for i in range(1, count + 1)
    ]


def formed(program: Program, by: User) -> FormationRun:
    """The program's groups formed, ready for review."""
    current = formation_current(program)
    run = formation_start(
        access=get_program_for_user(by, program.pk),
        version=current.version if current else None,
    )
    formation_run_task(run.pk)
    run.refresh_from_db()
    return run


@pytest.fixture
def program(cast: Cast) -> Program:
    return open_window(cast.program)


def publish_data(run: FormationRun) -> dict[str, str]:
    """What the publish confirmation page posts when its proposed names are kept."""
    from peercircle.programs.actions.group_names import default_names

    run.refresh_from_db()
    slots = {g["number"]: g["slot"] for g in run.result["groups"] if g["members"]}
    names = default_names(run.program, slots)
    return {"version": str(run.version), **{f"name-{n}": name for n, name in names.items()}}
