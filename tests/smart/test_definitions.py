"""Edge cases of each SMART definition (docs/goals.md), one behaviour per test."""

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peercircle.smart import MAX_GOAL_CHARS, Analysis, GoalRejected, analyze

THURSDAY = dt.date(2026, 11, 26)


def dims(analysis: Analysis) -> tuple[bool | None, ...]:
    return analysis.specific, analysis.measurable, analysis.attainable, analysis.time_bound


def test_the_seed_goal_holds_all_four_and_needs_no_hint():
    analysis = analyze("Write a first draft of a manuscript by the end of the month", THURSDAY)
    assert dims(analysis) == (True, True, True, True)
    assert analysis.deadline == dt.date(2026, 11, 30)
    assert analysis.hints == ()


def test_the_seed_counterexample_holds_none():
    analysis = analyze("publish a lot of high impact factor papers and get famous", THURSDAY)
    assert dims(analysis) == (False, False, False, False)
    assert analysis.deadline is None
    assert len(analysis.hints) == 4


# --- specific ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "goal",
    [
        "Work on chapter 2",
        "Improve my presentation skills",
        "Be better at answering email",
        "Do more experiments",
        "Look into new clustering methods",
        "Make progress on the grant",
        "Try to finish the draft",
        "Become a better mentor",
        "Write more",
        "Don't get distracted",
    ],
)
def test_a_direction_is_not_specific(goal):
    assert not analyze(goal, THURSDAY).specific


@pytest.mark.parametrize(
    "goal",
    [
        "Write the methods section of chapter 2",
        "Submit abstract to ASCB",
        "Not skip the weekly writing group",
        "Get tenure",  # concrete, though not attainable
        "Improve the test coverage to 80%",  # a numeric target makes the direction concrete
    ],
)
def test_a_concrete_action_on_an_object_is_specific(goal):
    assert analyze(goal, THURSDAY).specific


def test_a_verb_without_an_object_is_not_specific():
    assert not analyze("Read over the holidays", THURSDAY).specific
    assert not analyze("Start exercising regularly", THURSDAY).specific


def test_after_start_or_stop_the_action_is_the_next_verb():
    analysis = analyze("Stop checking Twitter at work", THURSDAY)
    assert (analysis.specific, analysis.measurable) == (True, True)


def test_machine_learning_is_a_topic_not_the_direction_learn():
    assert analyze("Read two papers on machine learning", THURSDAY).specific


def test_a_clause_that_sets_something_aside_is_skipped():
    goal = "Don't worry about getting the fellowship; just submit the application by Jan 8"
    assert dims(analyze(goal, THURSDAY)) == (True, True, True, True)


# --- measurable -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "goal",
    [
        "Read 5 papers on normalization",
        "Write two pages",
        "Write a draft of the introduction",
        "Go to the gym three times a week",
        "Check email only twice a day",
        "Read 3 more papers",
    ],
)
def test_a_count_a_frequency_or_a_deliverable_is_measurable(goal):
    assert analyze(goal, THURSDAY).measurable


@pytest.mark.parametrize(
    "goal",
    [
        "Read more papers",
        "Write a lot this month",
        "Read some papers about sequencing",
        "Be a better TA",
        "Read papers on protein design",
    ],
)
def test_more_better_a_lot_and_bare_plurals_are_not_measures(goal):
    assert not analyze(goal, THURSDAY).measurable


def test_chapter_numbers_and_times_of_day_are_not_counts():
    assert not analyze("Read papers for chapter 2", THURSDAY).measurable
    assert not analyze("Read papers by 11 pm", THURSDAY).measurable


# --- attainable -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "goal",
    [
        "Get my paper accepted",
        "Get my R01 funded",
        "Get hired at Genentech",
        "Get promoted",
        "Get tenure",
        "Win a teaching award",
        "Be invited to give a seminar",
        "Get cited 100 times",
        "Become famous",
        "Pass my qualifying exam",
        "Pass my thesis defence",
        "Get my advisor to read my chapter",
        "Have my manuscript reviewed by my PI",
        "Get significant results",
    ],
)
def test_results_that_hang_on_others_or_luck_are_not_attainable(goal):
    assert not analyze(goal, THURSDAY).attainable


@pytest.mark.parametrize(
    "goal",
    [
        "Submit the paper to Nature",
        "Apply for the F31 fellowship",
        "Ask my advisor for feedback on chapter 2",
        "Submit my tenure dossier",
        "Post a preprint on bioRxiv",
        "Publish a blog post about the paper",
        "Defend my thesis proposal",
    ],
)
def test_steps_in_ones_own_power_are_attainable(goal):
    assert analyze(goal, THURSDAY).attainable


def test_a_concession_cancels_the_outcome():
    goal = "Submit the manuscript by Friday, regardless of whether it gets accepted"
    assert analyze(goal, THURSDAY).attainable
    assert analyze("Send it to Nature even if it won't be accepted", THURSDAY).attainable


# --- time-bound and deadline ------------------------------------------------------------


@pytest.mark.parametrize(
    ("goal", "deadline"),
    [
        ("by Friday", dt.date(2026, 11, 27)),
        ("by Thursday", dt.date(2026, 12, 3)),  # the next Thursday after today
        ("next Tuesday", dt.date(2026, 12, 1)),
        ("by Friday next week", dt.date(2026, 12, 4)),
        ("by fri", dt.date(2026, 11, 27)),
        ("tomorrow", dt.date(2026, 11, 27)),
        ("tonight", THURSDAY),
        ("by end of day", THURSDAY),
        ("this week", dt.date(2026, 11, 29)),
        ("by the weekend", dt.date(2026, 11, 29)),
        ("by the end of next week", dt.date(2026, 12, 6)),
        ("by the end of the month", dt.date(2026, 11, 30)),
        ("this month", dt.date(2026, 11, 30)),
        ("by next month", dt.date(2026, 12, 31)),
        ("by the end of the year", dt.date(2026, 12, 31)),
        ("next year", dt.date(2027, 12, 31)),
        ("this quarter", dt.date(2026, 12, 31)),
        ("by the end of Q1", dt.date(2027, 3, 31)),
        ("in 2027", dt.date(2027, 12, 31)),
        ("in two weeks", dt.date(2026, 12, 10)),
        ("within 3 days", dt.date(2026, 11, 29)),
        ("within a month", dt.date(2026, 12, 26)),
        ("over the next two weeks", dt.date(2026, 12, 10)),
        ("two weeks from today", dt.date(2026, 12, 10)),
        ("in 2 wks", dt.date(2026, 12, 10)),
        ("within 48 hours", dt.date(2026, 11, 28)),
        ("every day for two weeks", dt.date(2026, 12, 10)),
        ("until January 31", dt.date(2027, 1, 31)),
        ("by March", dt.date(2027, 3, 31)),
        ("by mid-December", dt.date(2026, 12, 15)),
        ("by Christmas", dt.date(2026, 12, 25)),
        ("before Thanksgiving", THURSDAY),  # the fourth Thursday of November is today
        ("by 01.03.2027", dt.date(2027, 3, 1)),  # dots are written day first
        ("this spring", dt.date(2027, 5, 31)),
        ("next summer", dt.date(2027, 8, 31)),
    ],
)
def test_a_named_period_or_date_resolves_against_today(goal, deadline):
    analysis = analyze(f"Submit the report {goal}", THURSDAY)
    assert analysis.time_bound
    assert analysis.deadline == deadline


@pytest.mark.parametrize(
    ("goal", "deadline"),
    [
        ("by Dec 15", dt.date(2026, 12, 15)),
        ("by December 15th", dt.date(2026, 12, 15)),
        ("by Dec. 3", dt.date(2026, 12, 3)),
        ("by 12/15", dt.date(2026, 12, 15)),
        ("by 15/12", dt.date(2026, 12, 15)),  # the first number is over 12: day first
        ("by the 30th", dt.date(2026, 11, 30)),
        ("by the 15th", dt.date(2026, 12, 15)),  # the 15th of this month has passed
        ("by the 3rd of July", dt.date(2027, 7, 3)),
        ("by 1 March", dt.date(2027, 3, 1)),
        ("by Aug 1", dt.date(2027, 8, 1)),  # passed over a quarter ago: next year
        ("by Nov 26", THURSDAY),  # today is still ahead of no one
    ],
)
def test_a_date_without_a_year_is_its_next_occurrence(goal, deadline):
    assert analyze(f"Send the budget {goal}", THURSDAY).deadline == deadline


def test_the_29th_of_february_waits_for_a_leap_year():
    analysis = analyze("Send the budget by Feb 29", dt.date(2026, 3, 1))
    assert analysis.deadline == dt.date(2028, 2, 29)


def test_a_date_without_a_year_that_passed_within_a_quarter_is_past_not_next_year():
    analysis = analyze("Send the budget by Oct 3", THURSDAY)
    assert analysis.deadline == dt.date(2026, 10, 3)
    assert analysis.deadline_past
    assert analysis.deadline_hint.startswith("The deadline 2026-10-03 is already past")
    assert analysis.suggested_deadline == dt.date(2026, 12, 31)


def test_an_explicit_past_date_is_kept_and_flagged():
    analysis = analyze("Submit the annual report by March 1, 2026", THURSDAY)
    assert analysis.deadline == dt.date(2026, 3, 1)
    assert analysis.time_bound
    assert any("already past" in hint for hint in analysis.hints)


@pytest.mark.parametrize(
    "goal",
    [
        "Finish the draft before the next meeting",
        "Finish the draft by our next group meeting",
        "Finish the draft this semester",
        "Finish the draft by end of semester",
        "Finish the draft over the holidays",
        "Finish the draft before the deadline",
    ],
)
def test_an_academic_period_or_an_event_is_time_bound_without_a_date(goal):
    analysis = analyze(goal, THURSDAY)
    assert analysis.time_bound
    assert analysis.deadline is None


@pytest.mark.parametrize(
    "goal",
    [
        "Write 500 words every day",
        "Finish the draft ASAP",
        "Go to bed by 11pm",
        "Finish reading Every Other Thursday",
        "Attend the Thursday seminar series every week",
        "Read one paper a week",
    ],
)
def test_a_habit_a_time_of_day_or_a_name_is_not_a_deadline(goal):
    analysis = analyze(goal, THURSDAY)
    assert not analysis.time_bound
    assert analysis.deadline is None


def test_a_period_that_starts_is_not_a_deadline():
    analysis = analyze("Hold weekly 1:1s with each student starting next week", THURSDAY)
    assert not analysis.time_bound


def test_a_response_time_for_each_instance_is_not_a_deadline():
    assert not analyze("Reply to every student email within 24 hours", THURSDAY).time_bound


def test_thanksgiving_is_the_fourth_thursday_of_november():
    analysis = analyze("Run 3 times a week until Thanksgiving", dt.date(2026, 9, 7))
    assert analysis.deadline == dt.date(2026, 11, 26)


def test_a_habit_within_a_period_is_time_bound():
    analysis = analyze("Write 500 words every day this month", THURSDAY)
    assert analysis.time_bound
    assert analysis.deadline == dt.date(2026, 11, 30)


def test_the_latest_of_several_dates_is_the_deadline():
    analysis = analyze("Send the outline by Friday and the draft by Dec 15", THURSDAY)
    assert analysis.deadline == dt.date(2026, 12, 15)


def test_a_month_used_as_a_name_is_not_a_deadline():
    analysis = analyze("Analyze the data from the March batch", THURSDAY)
    assert not analysis.time_bound


# --- case, punctuation, empty and long input --------------------------------------------


def test_case_does_not_change_the_analysis():
    goal = "Submit the revised manuscript to PLOS Biology by Dec 15"
    expected = analyze(goal, THURSDAY)
    assert analyze(goal.upper(), THURSDAY) == expected
    assert analyze(goal.lower(), THURSDAY) == expected


@pytest.mark.parametrize(
    "goal",
    [
        "Write up the results of the pilot study, by Friday.",
        "by friday: write up the results of the pilot study",
        "Write up the results of the pilot study!!! (by Fri)",
        '"Write up the results of the pilot study" -- by Friday',
    ],
)
def test_punctuation_does_not_change_the_analysis(goal):
    analysis = analyze(goal, THURSDAY)
    assert dims(analysis) == (True, True, True, True)
    assert analysis.deadline == dt.date(2026, 11, 27)


@pytest.mark.parametrize("goal", ["", "   ", "\t"])
def test_an_empty_goal_holds_nothing_and_says_so(goal):
    analysis = analyze(goal, THURSDAY)
    assert dims(analysis) == (False, False, False, False)
    assert analysis.deadline is None
    assert analysis.hints == ("Empty goal: write one thing you will do, to what, and by when.",)


def test_a_goal_over_a_thousand_characters_is_analysed():
    goal = "Write the methods section of chapter 2 by Friday and " * 28
    assert 1000 < len(goal) <= MAX_GOAL_CHARS
    analysis = analyze(goal, THURSDAY)
    assert analysis.specific
    assert analysis.deadline == dt.date(2026, 11, 27)


def test_a_goal_over_the_limit_is_rejected_with_a_named_error():
    with pytest.raises(GoalRejected, match="limit is 2000"):
        analyze("x" * (MAX_GOAL_CHARS + 1), THURSDAY)
    assert issubclass(GoalRejected, ValueError)


@pytest.mark.parametrize(
    "goal", ["İstanbul trip by Friday", "Write 🎉 the draft by Friday", "\x00"]
)
def test_unusual_characters_do_not_crash(goal):
    analyze(goal, THURSDAY)


@settings(derandomize=True)
@given(st.text(max_size=300))
def test_any_text_within_the_limit_is_analysed(goal):
    analysis = analyze(goal, THURSDAY)
    if not analysis.english:  # not judged: no verdict and no hint (tests/smart/test_language.py)
        assert dims(analysis) == (None,) * 4 and analysis.hints == ()
        return
    missing = 4 - sum(bool(ok) for ok in dims(analysis))
    assert len(analysis.hints) >= (missing if goal.strip() else 1)


# --- hints ------------------------------------------------------------------------------


def test_one_hint_per_missing_dimension():
    analysis = analyze("Work on my thesis", THURSDAY)
    assert dims(analysis) == (False, False, True, False)
    assert len(analysis.hints) == 3


def test_an_outcome_hint_proposes_the_step_in_ones_power():
    analysis = analyze("Get my paper accepted in Nature by the end of Q1", THURSDAY)
    assert analysis.rewrite == "Submit my paper to Nature by the end of Q1"
    assert analysis.hints == (
        '"accepted in Nature" depends on others or on luck: set the step in your own power, '
        'e.g. "Submit my paper to Nature by the end of Q1".',
    )


def test_read_more_papers_is_asked_for_a_count_and_a_period():
    hints = analyze("read more papers", THURSDAY).hints
    assert hints[0] == '"more" is not a measure: put a number on it, e.g. "read 3 papers".'
    assert hints[1] == 'Add a deadline, e.g. "by December 31" (2026-12-31).'  # 4 days left


def test_a_direction_hint_names_the_phrase_and_a_rewrite():
    hint = analyze("Work on chapter 3 this week", THURSDAY).hints[0]
    assert hint == (
        '"Work on" is a direction, not an action: try "draft one named section of chapter 3".'
    )


def test_a_habit_hint_asks_for_a_period():
    hints = analyze("Write 500 words every day", THURSDAY).hints
    assert hints == (
        'A habit with no end is not time-bound: give it a period, e.g. "… until December 31" '
        "(2026-12-31).",
    )


def test_to_dict_is_the_json_contract():
    analysis = analyze("Submit the abstract by Dec 1", THURSDAY)
    assert json.loads(json.dumps(analysis.to_dict())) == {
        "specific": True,
        "measurable": True,
        "attainable": True,
        "time_bound": True,
        "deadline": "2026-12-01",
        "hints": [],
        "specific_hint": "",
        "measurable_hint": "",
        "attainable_hint": "",
        "time_bound_hint": "",
        "deadline_hint": "",
        "suggested_deadline": None,
        "rewrite": None,
        "rewrite_sure": False,
        "english": True,
    }


def test_a_rewrite_says_whether_its_grammar_is_vouched_for():
    sure = analyze("Get my paper accepted in Nature by May", THURSDAY)
    assert sure.rewrite and sure.rewrite_sure
    smart = analyze("Submit the abstract by Dec 1", THURSDAY)
    assert smart.rewrite is None and not smart.rewrite_sure
