"""A member's own goals as rows, for their data export (the platform's export calls this)."""

import csv
from typing import Any, Protocol

from peercircle.accounts.models import User
from peercircle.goals.models import Goal

FIELDS = [
    "id",
    "group",
    "goal",
    "due_on",
    "status",
    "review_note",
    "reviewed_at",
    "private",
    "long_term_goal",
    "long_term_target_year",
    "carried_from_id",
    "set_at_meeting",
]
# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def export_user_goals(user: User) -> list[dict[str, Any]]:
    """Every goal `user` owns, oldest first, private ones included (they are the owner's)."""
    goals = (
        Goal.objects.filter(owner=user)
        .select_related("group", "long_term", "set_at")
        .order_by("due_on", "pk")
    )
    return [
        {
            "id": goal.pk,
            "group": goal.group.name,
            "goal": goal.text,
            "due_on": goal.due_on.isoformat(),
            "status": goal.status,
            "review_note": goal.review_note,
            "reviewed_at": goal.reviewed_at.isoformat() if goal.reviewed_at else "",
            "private": goal.private,
            "long_term_goal": goal.long_term.text if goal.long_term else "",
            "long_term_target_year": goal.long_term.target_year if goal.long_term else "",
            "carried_from_id": goal.carried_from_id or "",
            "set_at_meeting": goal.set_at.starts_at.isoformat() if goal.set_at else "",
        }
        for goal in goals
    ]


def _safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_goals_csv(rows: list[dict[str, Any]], stream: Writable) -> None:
    """Write `rows` (from export_user_goals) as CSV, defusing cells a spreadsheet would run."""
    writer = csv.DictWriter(stream, fieldnames=FIELDS)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _safe_cell(row[key]) for key in FIELDS})
