"""The public API the goal pages use: analyze() -> Analysis, and find_deadlines()."""

import datetime as dt
import re
from pathlib import Path

import pytest

from benchmarks.smart import load_goals
from peercircle.smart import DIMENSIONS, Analysis, Check, TimePhrase, analyze, find_deadlines

WEDNESDAY = dt.date(2027, 4, 14)
HERE = Path(__file__).parent


def test_checks_come_in_smart_order_with_labels_verdicts_and_hints():
    analysis = analyze("Work on my thesis", WEDNESDAY)
    assert [c.name for c in analysis.checks] == list(DIMENSIONS)
    assert [c.label for c in analysis.checks] == [
        "Specific",
        "Measurable",
        "Attainable",
        "Time-bound",
    ]
    assert [c.ok for c in analysis.checks] == [False, False, True, False]
    assert analysis.check("attainable") == Check("attainable", "Attainable", True, "")
    assert analysis.check("specific").hint == analysis.specific_hint != ""


def test_an_unknown_dimension_is_a_key_error():
    with pytest.raises(KeyError):
        analyze("Work on my thesis", WEDNESDAY).check("relevant")


def test_a_goal_that_holds_everything_has_no_hint_rewrite_or_suggestion():
    analysis = analyze("Submit the abstract to ISMB by Friday", WEDNESDAY)
    assert all(c.ok and c.hint == "" for c in analysis.checks)
    assert analysis.deadline == dt.date(2027, 4, 16)
    assert (analysis.rewrite, analysis.suggested_deadline, analysis.deadline_hint) == (
        None,
        None,
        "",
    )
    assert analysis.hints == ()


def test_the_rewrite_keeps_the_goals_own_object_venue_and_time():
    analysis = analyze("get my paper accepted in Nature by the end of May", WEDNESDAY)
    assert not analysis.attainable
    assert analysis.rewrite == "Submit my paper to Nature by the end of May"
    assert analysis.rewrite in analysis.attainable_hint


@pytest.mark.parametrize(
    ("goal", "rewrite"),
    [
        (
            "Get Marco to finish the analysis by Friday",
            "Ask Marco to finish the analysis by Friday",
        ),
        ("Get my R01 funded this cycle", "Submit the application for my R01 this cycle"),
        (
            "Get my proof checked by Prof. Nakamura by Friday",
            "Send my proof to Prof. Nakamura by Friday",
        ),
        (
            "Get IRB approval for the new study by Friday",
            "Send the request for IRB approval for the new study by Friday",
        ),
        ("Publish two papers in Nature this year", "Submit two papers to Nature this year"),
    ],
)
def test_rewrites_name_the_step_in_ones_own_power(goal, rewrite):
    assert analyze(goal, WEDNESDAY).rewrite.startswith(rewrite)


@pytest.mark.parametrize(
    "goal", ["Get Marco to finish the analysis", "Get my proof checked by Prof. Nakamura"]
)
def test_a_rewrite_that_would_need_a_blank_filled_is_not_offered(goal):
    analysis = analyze(goal, WEDNESDAY)
    assert analysis.rewrite is None
    assert not analysis.attainable
    assert "depends on others or on luck" in analysis.attainable_hint


def test_without_a_deadline_a_date_is_suggested_and_none_is_invented():
    analysis = analyze("Write the introduction", WEDNESDAY)
    assert analysis.deadline is None
    assert analysis.suggested_deadline == dt.date(2027, 4, 30)
    assert analysis.hints == (analysis.time_bound_hint,)


def test_an_event_bound_goal_has_no_date_and_needs_no_suggestion():
    analysis = analyze("Write the introduction before finals", WEDNESDAY)
    assert analysis.time_bound
    assert (analysis.deadline, analysis.suggested_deadline) == (None, None)


def test_the_time_phrases_say_where_the_deadline_was_found():
    analysis = analyze("Send the outline by Friday and the draft by the end of May", WEDNESDAY)
    assert [(p.text, p.date) for p in analysis.time_phrases] == [
        ("by Friday", dt.date(2027, 4, 16)),
        ("by the end of May", dt.date(2027, 5, 31)),
    ]
    assert analysis.deadline == dt.date(2027, 5, 31)


def test_find_deadlines_returns_every_time_expression_in_order():
    phrases = find_deadlines("Before finals, draft chapter 2; send it BY MAY 3", WEDNESDAY)
    assert phrases == (
        TimePhrase(0, 13, "Before finals", None),
        TimePhrase(43, 48, "MAY 3", dt.date(2027, 5, 3)),
    )
    assert find_deadlines("Meet my mentee every Tuesday", WEDNESDAY) == ()


def test_the_empty_goal_has_a_specific_hint_and_a_suggested_date():
    analysis = analyze("  ", WEDNESDAY)
    assert analysis.specific_hint == analysis.hints[0]
    assert analysis.suggested_deadline == dt.date(2027, 4, 30)
    assert isinstance(analysis, Analysis)


_TIDY = re.compile(r"^[A-Z\"].*[.]$")


@pytest.mark.parametrize("name", ["goals.csv", "holdout3.csv", "holdout4.csv"])
def test_every_hint_and_rewrite_over_the_labelled_sets_is_tidy(name):
    for goal in load_goals(HERE / name):
        analysis = analyze(goal.text, goal.today)
        for hint in analysis.hints:
            assert _TIDY.match(hint), hint
            assert not re.search(r"[{}\[\]]|  | ,|\.\.", hint), hint
            assert not re.search(r"\b\d+ (?:more|less)?\s*\w+(?:ing|ive|ful|ous)\b", hint), hint
        if analysis.rewrite:
            assert analysis.rewrite[0].isupper()
            assert not re.search(r"[{}\[\]]|  ", analysis.rewrite), analysis.rewrite


def test_the_docstring_examples_run():
    import doctest

    import peercircle.smart.analysis
    import peercircle.smart.deadlines

    for module in (peercircle.smart.analysis, peercircle.smart.deadlines):
        assert doctest.testmod(module).failed == 0
