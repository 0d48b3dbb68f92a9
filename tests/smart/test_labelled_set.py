"""Accuracy over the labelled goals must not fall below its recorded level.

goals.csv was written before the rules and used while writing them; holdout.csv,
holdout2.csv and holdout3.csv were written later, each measured blind once before the rules
learned from it; holdout4.csv was written after the last rule change of the analyzer and never
tuned on (the blind numbers are in docs/performance.md). blind.csv (161 goals in styles the
others lack: no verb, chat, abbreviations, non-native phrasing, two clauses, many date forms,
fields from the humanities to medicine) was written before any run and measured once
before the rules learned from it; the three-way split is in docs/goals.md. A rule change
that lowers any number fails here; raise the numbers when the analyzer improves.
"""

import datetime as dt
from pathlib import Path

import pytest

from benchmarks.smart import DIMENSIONS, accuracy, load_goals

HERE = Path(__file__).parent

RECORDED = {
    "goals.csv": {
        "specific": 1.0,
        "measurable": 1.0,
        "attainable": 1.0,
        "time_bound": 1.0,
        "deadline": 1.0,
    },
    "holdout.csv": {
        "specific": 1.0,
        "measurable": 1.0,
        "attainable": 83 / 84,
        "time_bound": 83 / 84,
        "deadline": 83 / 84,
    },
    "holdout2.csv": {
        "specific": 57 / 58,
        "measurable": 1.0,
        "attainable": 57 / 58,
        "time_bound": 1.0,
        "deadline": 1.0,
    },
    "holdout3.csv": {
        "specific": 1.0,
        "measurable": 1.0,
        "attainable": 1.0,
        "time_bound": 1.0,
        "deadline": 1.0,
    },
    "holdout4.csv": {
        "specific": 1.0,
        "measurable": 1.0,
        "attainable": 62 / 64,
        "time_bound": 63 / 64,
        "deadline": 63 / 64,
    },
    "blind.csv": {
        "specific": 1.0,
        "measurable": 1.0,
        "attainable": 1.0,
        "time_bound": 1.0,
        "deadline": 1.0,
    },
    "fresh.csv": {
        "specific": 1.0,
        "measurable": 1.0,
        "attainable": 77 / 78,
        "time_bound": 77 / 78,
        "deadline": 77 / 78,
    },
    "blind2.csv": {
        "specific": 1.0,
        "measurable": 1.0,
        "attainable": 1.0,
        "time_bound": 1.0,
        "deadline": 1.0,
    },
    "blind3.csv": {
        "specific": 59 / 60,
        "measurable": 1.0,
        "attainable": 1.0,
        "time_bound": 1.0,
        "deadline": 1.0,
    },
}

# blind.csv was tuned on after its first run, and fresh.csv after its misses were fixed at
# their cause, so both have joined development; holdout4.csv was never tuned on; blind2.csv
# was written before any run of the rules that learned from blind.csv (docs/goals.md has
# the first-run and after figures).
DEVELOPMENT = (
    "goals.csv", "holdout.csv", "holdout2.csv", "holdout3.csv", "blind.csv", "fresh.csv"
)  # fmt: skip
HELD_OUT = ("holdout4.csv",)
BLIND = ("blind2.csv", "blind3.csv")


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_accuracy_stays_at_or_above_its_recorded_level(name):
    scores = accuracy(load_goals(HERE / name))
    for dimension, recorded in RECORDED[name].items():
        assert scores[dimension] >= recorded - 1e-9, dimension


def test_the_issue_targets_hold_on_the_labelled_set():
    scores = accuracy(load_goals(HERE / "goals.csv"))
    assert all(scores[d] >= 0.90 for d in DIMENSIONS)
    assert scores["deadline"] >= 0.85


def test_the_issue_11_targets_hold_on_goals_the_rules_were_not_written_against():
    scores = accuracy(load_goals(HERE / "holdout4.csv"))
    assert all(scores[d] >= 0.92 for d in DIMENSIONS)
    assert scores["deadline"] >= 0.95


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_the_labelled_set_is_large_and_balanced(dimension):
    goals = load_goals(HERE / "goals.csv")
    positives = sum(getattr(goal, dimension) for goal in goals)
    assert len(goals) >= 150
    assert 0.2 <= positives / len(goals) <= 0.8


@pytest.mark.parametrize("names", [DEVELOPMENT, HELD_OUT, BLIND], ids=["dev", "held-out", "blind"])
def test_the_targets_hold_on_development_held_out_and_blind_goals(names):
    goals = [goal for name in names for goal in load_goals(HERE / name)]
    scores = accuracy(goals)
    assert all(scores[d] >= 0.95 for d in DIMENSIONS), scores
    assert scores["deadline"] >= 0.97, scores


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_the_targets_hold_on_every_set_on_its_own(name):
    scores = accuracy(load_goals(HERE / name))
    assert all(scores[d] >= 0.95 for d in DIMENSIONS), scores
    assert scores["deadline"] >= 0.97, scores


@pytest.mark.parametrize(
    ("name", "meeting"), [("blind.csv", dt.date(2027, 3, 24)), ("blind2.csv", dt.date(2027, 5, 26))]
)
def test_the_blind_sets_are_large_and_dated_with_a_next_meeting(name, meeting):
    goals = load_goals(HERE / name)
    assert len(goals) >= 150
    assert {goal.next_meeting for goal in goals} == {meeting}
