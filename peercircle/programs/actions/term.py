"""The terms a program reports on."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from peercircle.programs.access import ProgramAccess
from peercircle.programs.models import Term


@transaction.atomic
def term_create(*, access: ProgramAccess, name: str, starts_on: date, ends_on: date) -> Term:
    """A new term of the program; a clear error for reversed dates or a name in use."""
    if ends_on <= starts_on:
        raise ValidationError(gettext("A term ends after it starts."))
    term = Term(program=access.program, name=name.strip(), starts_on=starts_on, ends_on=ends_on)
    term.full_clean()
    term.save()
    return term
