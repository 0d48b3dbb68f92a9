import csv
import io
from datetime import datetime

from peercircle.goals.export import FIELDS, export_user_goals, write_goals_csv
from tests.conftest import Cast
from tests.goals.helpers import make_goal


def test_export_lists_only_the_users_own_goals_with_every_field(now: datetime, cast: Cast) -> None:
    goal = make_goal(cast.member, cast.group, "Mine", private=True)
    make_goal(cast.organizer, cast.group, "Theirs")
    [row] = export_user_goals(cast.member)
    assert set(row) == set(FIELDS)
    assert (row["id"], row["goal"], row["group"], row["status"], row["private"]) == (
        goal.pk,
        "Mine",
        "Alpha",
        "open",
        True,
    )


def test_csv_defuses_cells_a_spreadsheet_would_run() -> None:
    rows = [dict.fromkeys(FIELDS, "") | {"goal": text} for text in ("=1+1", "+1", "-1", "@x", "ok")]
    stream = io.StringIO()
    write_goals_csv(rows, stream)
    goals = [r["goal"] for r in csv.DictReader(io.StringIO(stream.getvalue()))]
    assert goals == ["'=1+1", "'+1", "'-1", "'@x", "ok"]
