"""What re-importing a sign-ups file would change: added, updated and unchanged rows.

A row is the sign-up whose exported id it carries, else the one with its email, else new.
The plan is computed again when the coordinator confirms; its fingerprint tells whether
the file or the sign-ups changed since the preview.
"""

import hashlib
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

from peercircle.formation.signups import Problem
from peercircle.programs.models import Program, SignUp, SignupStatus
from peercircle.programs.signups_csv import ImportRow, export_id

FIELDS = ("name", "email", "department", "lab", "stage", "availability")
# How the preview names what an update changes, in the order of `_values`.
LABELS = (
    gettext_lazy("name"),
    gettext_lazy("email"),
    gettext_lazy("department"),
    gettext_lazy("lab"),
    gettext_lazy("career stage"),
    gettext_lazy("availability"),
    gettext_lazy("people to avoid"),
)


@dataclass
class ImportPlan:
    added: list[ImportRow] = field(default_factory=list)
    updated: list[tuple[ImportRow, SignUp]] = field(default_factory=list)
    unchanged: list[tuple[ImportRow, SignUp]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Line of each updated row -> the fields it changes, for the preview.
    changes: dict[int, list[str]] = field(default_factory=dict)

    def updated_rows(self) -> list[tuple[ImportRow, list[str]]]:
        """Each updated row with what it changes ("lab", "availability"...)."""
        return [(row, self.changes.get(row.line, [])) for row, _ in self.updated]

    def fingerprint(self) -> str:
        """Changes only when what confirming would write changes."""
        parts = [f"+{row!r}" for row in self.added]
        parts += [f"~{s.pk}:{_values(s)!r}:{row!r}" for row, s in self.updated + self.unchanged]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _values(signup: SignUp) -> tuple[object, ...]:
    avoid = tuple(sorted(export_id(other) for other in signup.avoid.all()))
    return (*(getattr(signup, name) for name in FIELDS), avoid)


def _row_values(row: ImportRow, ids: dict[str, str]) -> tuple[object, ...]:
    # The file may name a person to avoid by email; compare by exported id.
    avoid = tuple(sorted(ids.get(other, other) for other in row.avoid))
    fields = (row.name, row.email, row.department, row.lab, row.stage, list(row.availability))
    return (*fields, avoid)


def import_plan(program: Program, rows: list[ImportRow]) -> ImportPlan:
    signups = program.signups.exclude(status=SignupStatus.WITHDRAWN).prefetch_related("avoid")
    existing = list(signups.order_by("pk"))
    by_id = {export_id(s): s for s in existing}
    by_email = {s.email.lower(): s for s in program.signups.all()}
    plan = ImportPlan()
    ids = {row.external_id: row.external_id for row in rows}
    for row in rows:
        signup = by_id.get(row.external_id) or by_email.get(row.email)
        if signup is None:
            plan.added.append(row)
            continue
        owner = by_email.get(row.email)
        if owner is not None and owner.pk != signup.pk:
            message = gettext("%(email)r belongs to another sign-up (%(owner)s)") % {
                "email": row.email,
                "owner": export_id(owner),
            }
            plan.problems.append(Problem(row.line, 3, message))
        elif (before := _values(signup)) == (after := _row_values(row, ids)):
            plan.unchanged.append((row, signup))
        else:
            plan.updated.append((row, signup))
            plan.changes[row.line] = [
                str(label) for label, a, b in zip(LABELS, before, after, strict=True) if a != b
            ]
    return plan
