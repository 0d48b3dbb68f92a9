"""A member's goals, long-term list and successes, for their data export and deletion."""

from typing import Any

from peercircle.accounts.models import User
from peercircle.goals.export import export_user_goals
from peercircle.goals.models import Goal, LongTermGoal, Success

CSV_TABLES = ["goals"]


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
    }


def csv_tables(user: User) -> dict[str, list[dict[str, object]]]:
    return {"goals": export_user_goals(user)}


def erase_user_data(user: User) -> None:
    # Private goals and the long-term list were only ever the owner's; they go. Goals the
    # group reviewed together stay in its history, owned by "a former member".
    Goal.objects.filter(owner=user, private=True).delete()
    LongTermGoal.objects.filter(owner=user).delete()
