"""Starting a program and changing its settings and coordinators."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from peercircle.accounts.models import User
from peercircle.programs.access import ProgramAccess
from peercircle.programs.models import Program


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
def program_update(
    *, access: ProgramAccess, coordinators: Iterable[User], **fields: Any
) -> Program:
    """The program with new settings; its coordinators become exactly `coordinators`."""
    program = access.program
    for name, value in fields.items():
        if name not in PROGRAM_FIELDS:
            raise TypeError(f"program_update() got an unexpected field {name!r}")
        setattr(program, name, value.strip() if isinstance(value, str) else value)
    program.full_clean()
    program.save(update_fields=[*fields])
    program.coordinators.set(list(coordinators))
    return program
