"""A member's goals, long-term list and successes, for their data export and deletion (the
policy: docs/data-policy.md)."""

from typing import Any

from peercircle.accounts.models import User
from peercircle.accounts.personal_data import Covers, Erase
from peercircle.goals.actions import goals_erase_person
from peercircle.goals.export import export_user_goals
from peercircle.goals.models import Goal, LongTermGoal, Success

CSV_TABLES = ["goals"]

COVERS = (
    Covers(
        "goals.Goal",
        "goals.goals",
        Erase.DELETE,
        "private or not; review notes they wrote on others' goals are emptied",
    ),
    Covers("goals.LongTermGoal", "goals.long_term_goals", Erase.DELETE),
    Covers("goals.Success", "goals.successes", Erase.DELETE),
)


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "goals": export_user_goals(user),
        "long_term_goals": [
            {"goal": g.text, "target_year": g.target_year, "status": g.status}
            for g in LongTermGoal.objects.filter(owner=user).order_by("pk")
        ],
        "successes": [
            {"group": s.group.name, "success": s.text, "happened_on": s.happened_on}
            for s in Success.objects.filter(owner=user).select_related("group").order_by("pk")
        ],
        "reviews_given": [
            {
                "group": g.group.name,
                "reviewed_at": g.reviewed_at,
                "status": g.status,
                "note": g.review_note,
            }
            for g in Goal.objects.filter(reviewed_by=user)
            .exclude(owner=user)
            .select_related("group")
            .order_by("pk")
        ],
    }


def csv_tables(user: User) -> dict[str, list[dict[str, object]]]:
    return {"goals": export_user_goals(user)}


def erase_user_data(user: User) -> None:
    goals_erase_person(user=user)
