"""Group formation: peer-mentoring groups that share a meeting slot.

A pure package (standard library only, no Django, no I/O in the solver). The web app and
the command line (``python -m peercircle.formation``) call :func:`form_groups`.
"""

from peercircle.formation.explain import check_move, explain, status_text
from peercircle.formation.model import (
    Bounds,
    Formation,
    Group,
    InfeasibleSettings,
    MoveCheck,
    Person,
    Progress,
    Score,
    Settings,
    Status,
    Unplaced,
)
from peercircle.formation.score import common_slots, score, violations
from peercircle.formation.solver import form_groups

__all__ = [
    "Bounds",
    "Formation",
    "Group",
    "InfeasibleSettings",
    "MoveCheck",
    "Person",
    "Progress",
    "Score",
    "Settings",
    "Status",
    "Unplaced",
    "check_move",
    "common_slots",
    "explain",
    "form_groups",
    "score",
    "status_text",
    "violations",
]
