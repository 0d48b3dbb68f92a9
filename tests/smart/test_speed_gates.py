"""The scanner skips a time rule when the goal lacks what every match of it needs (a digit,
a month name, a weekday, "next", a unit...). Skipping must never change what it finds."""

import datetime as dt
from pathlib import Path

import pytest

from benchmarks.smart import SETS, load_goals
from peercircle.smart import deadlines

HERE = Path(__file__).parent
TODAY = dt.date(2027, 5, 12)
PHRASES = [
    "by Sunday", "this wk", "next week", "by sun", "end of the month", "eom", "tmrw",
    "in 3 days", "within 2 weeks", "in a fortnight", "in 2 months", "3 weeks from now",
    "within 48 hours", "in the next 12 hrs", "by March", "by the end of Feb", "mid-March",
    "by Feb 29", "by the 31st", "by 29.2.", "by 12/31", "by 31/12", "before Christmas",
    "by sept 3", "by 3rd of july", "Wednesday, April 8", "Friday the 18th", "next quarter",
    "end of the first week of February", "by Dec. 3, 2027", "by 2027-02-28", "by 01.03.2027",
    "this spring", "by the end of autumn", "by the end of next wk", "b4 nxt mtg",
    "at our next meeting", "month-end", "year end", "by eoy", "in Q3", "by 2028",
    "the first quarter of 2028", "by wknd", "end of the week", "before the semester ends",
]  # fmt: skip
TEXTS = [f"Send the report {p}" for p in PHRASES] + [
    goal.text for name in SETS for goal in load_goals(HERE / name)
]


@pytest.mark.parametrize("text", TEXTS, ids=lambda text: text[:40])
def test_skipping_rules_by_their_gates_never_changes_what_is_found(text, monkeypatch):
    low = text.lower()
    gated = deadlines.scan(text, low, TODAY, TODAY)
    monkeypatch.setattr(deadlines, "_NEEDS", tuple(() for _ in deadlines._NEEDS))
    assert deadlines.scan(text, low, TODAY, TODAY) == gated


@pytest.mark.parametrize("text", TEXTS, ids=lambda text: text[:40])
def test_every_match_of_a_gated_rule_has_what_its_gates_look_for(text):
    low = text.lower()
    for (regex, _), needs in zip(deadlines._TIME_RULES, deadlines._NEEDS, strict=True):
        for m in regex.finditer(low):
            for need in needs:
                assert deadlines._GATES[need].search(m[0]), (need, m[0])
