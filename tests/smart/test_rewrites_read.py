"""The 102 offered rewrites read one by one for issue 22 (docs/goals.md has the table).

``rewrites_read.csv``: every rewrite the labelled sets produce, plus those of 43 goals
written for the reading ("new"). A rewrite offered for one of these goals must be the one
that was read: a change of wording is offered only after it has been read again (and the
file regenerated), while offering none is always allowed.
"""

import csv
import datetime as dt
from pathlib import Path

import pytest

from peercircle.smart import analyze

with (Path(__file__).parent / "rewrites_read.csv").open(encoding="utf-8", newline="") as handle:
    ROWS = list(csv.DictReader(handle))


def test_a_hundred_rewrites_were_read_and_judged_good() -> None:
    assert len(ROWS) >= 100
    assert all(row["judgement"].startswith("ok") for row in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[row["text"][:40] for row in ROWS])
def test_an_offered_rewrite_is_one_that_was_read(row: dict[str, str]) -> None:
    meeting = dt.date.fromisoformat(row["next_meeting"]) if row["next_meeting"] else None
    analysis = analyze(row["text"], dt.date.fromisoformat(row["today"]), meeting)
    assert analysis.rewrite in (None, row["rewrite"])
