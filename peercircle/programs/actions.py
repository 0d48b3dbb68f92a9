from collections.abc import Iterable

from django.db import transaction

from peercircle.accounts.models import User
from peercircle.programs.models import Program


@transaction.atomic
def program_create(
    *, name: str, coordinators: Iterable[User], institution: str = "", description: str = ""
) -> Program:
    program = Program(name=name.strip(), institution=institution.strip(), description=description)
    program.full_clean()
    program.save()
    program.coordinators.set(list(coordinators))
    return program
