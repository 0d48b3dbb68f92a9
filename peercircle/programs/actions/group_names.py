"""The names a coordinator gives a formation's groups on the publish confirmation page."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from peercircle.groups.models import Group
from peercircle.lib.text import SINGLE_LINE_MESSAGE, validate_single_line
from peercircle.programs.models import Program

NAME_MAX = Group._meta.get_field("name").max_length or 80


def default_names(program: Program, slots: dict[int, str]) -> dict[int, str]:
    """A proposal per group number: the first "<slot> group <n>" the program has not used."""
    taken = {name.lower() for name in program.groups.values_list("name", flat=True)}
    return {number: _next_name(slot, taken) for number, slot in slots.items()}


def group_names_check(*, program: Program, names: dict[int, str | None]) -> dict[int, str]:
    """The names, stripped, if every one may be used; else ValidationError keyed "name-<n>".

    Called inside the publish transaction, so a group created meanwhile with the same name
    is seen (and the groups app's own unique check stands behind this one).
    """
    errors: dict[str, str] = {}
    clean: dict[int, str] = {}
    taken = {name.lower() for name in program.groups.values_list("name", flat=True)}
    seen: dict[str, int] = {}
    for number, raw in names.items():
        name = (raw or "").strip()
        key = f"name-{number}"
        try:
            validate_single_line(name)
        except ValidationError:
            errors[key] = gettext("Group %(number)d: %(problem)s") % {
                "number": number,
                "problem": SINGLE_LINE_MESSAGE,
            }
            continue
        if not name:
            errors[key] = gettext("Group %(number)d: give the group a name.") % {"number": number}
        elif len(name) > NAME_MAX:
            errors[key] = gettext("Group %(number)d: keep the name to %(limit)d characters.") % {
                "number": number,
                "limit": NAME_MAX,
            }
        elif name.lower() in taken:
            errors[key] = gettext(
                "Group %(number)d: this program already has a group called %(name)s."
            ) % {"number": number, "name": name}
        elif name.lower() in seen:
            errors[key] = gettext("Group %(number)d: group %(other)d has the same name.") % {
                "number": number,
                "other": seen[name.lower()],
            }
        else:
            seen[name.lower()] = number
            clean[number] = name
    if errors:
        raise ValidationError(errors)
    return clean


def _next_name(slot: str, taken: set[str]) -> str:
    number = 1
    while f"{slot} group {number}"[:NAME_MAX].lower() in taken:
        number += 1
    name = f"{slot} group {number}"[:NAME_MAX]
    taken.add(name.lower())
    return name
