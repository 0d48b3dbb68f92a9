"""Families the fresh set (fresh.csv) found, fixed at their cause; examples are new goals.

1. Verbs of polish that leave "done" open ("tidy up", "clarify", "tighten", "simplify",
   "keep on top of") are directions, like "optimise" and "polish".
2. A role others confer ("become an associate editor", "be the first author on…") is an
   outcome: specific and checkable like "get tenure", not attainable; a quality ("be a
   more engaging lecturer") is still a direction, within one's own power.
3. Time phrases (blind3.csv): a quarter before a noun names a thing ("a Q1 journal", "the Q3
   report"), as a date does; a plural unit with no count ("for weeks", "weeks 1 to 3") is
   no period.
"""

import datetime as dt

import pytest

from peercircle.smart import analyze

TODAY = dt.date(2027, 6, 2)


def verdict(text: str) -> tuple[bool | None, ...]:
    a = analyze(text, TODAY)
    return a.specific, a.measurable, a.attainable, a.time_bound


@pytest.mark.parametrize(
    "text",
    [
        "Tidy up the methods section by Friday",
        "tidy the discussion this week",
        "Clarify the aims of chapter 3 by the end of the month",
        "Tighten up the argument in my conference paper this week",
        "Simplify the coding scheme before the next meeting",
        "Keep on top of my inbox",
    ],
)
def test_a_verb_of_polish_is_a_direction(text: str) -> None:
    specific, measurable, _, _ = verdict(text)
    assert (specific, measurable) == (False, False)


@pytest.mark.parametrize(
    "text",
    [
        "Email the editor to clarify the submission format by Friday",
        "Clean up the analysis code and push it to GitHub by Tuesday",
        "Finish the first two modules of the Tidyverse course this week",
    ],
)
def test_a_concrete_action_near_those_words_stays_specific(text: str) -> None:
    assert verdict(text)[:2] == (True, True)


@pytest.mark.parametrize(
    "text",
    [
        "Become a member of the editorial board by December",
        "Be the senior author on the consortium paper by the end of the year",
        "become the lead of the methods working group this month",
        "Be named a fellow of the society by September",
    ],
)
def test_a_role_others_confer_is_a_concrete_outcome_outside_ones_power(text: str) -> None:
    analysis = analyze(text, TODAY)
    assert (analysis.specific, analysis.measurable, analysis.attainable) == (True, True, False)
    assert analysis.attainable_hint
    assert analysis.rewrite is None  # hints only: the step depends on what the role asks


@pytest.mark.parametrize(
    "text",
    [
        "Be a more engaging lecturer this semester",
        "Become a better reviewer this year",
        "Be a good mentor to my students",
    ],
)
def test_a_quality_is_no_conferred_role(text: str) -> None:
    analysis = analyze(text, TODAY)
    assert analysis.attainable is True
    assert analysis.specific is False


# Rewrites found wanting when 100 offered rewrites were read (docs/goals.md), fixed at their
# cause; the goals here are new ones of each kind.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A permit renewed: one sends the application, not the permit.
        ("Have my passport renewed by the end of July",
         "Send the complete application for my passport by the end of July"),
        # A proposal is already what one submits: no "application for my proposal".
        ("have my research proposal funded by October", "Submit my research proposal by October"),
        # One submits by a date, not "until" it.
        ("Get my paper accepted in the journal till end of month",
         "Submit my paper to the journal by end of month"),
        # A venue made to take one's work: submit it to them.
        ("Get the quarterly to print my photo essay by May",
         "Submit my photo essay to the quarterly by May"),
    ],
)  # fmt: skip
def test_a_rewrite_says_what_one_actually_does(text: str, expected: str) -> None:
    assert analyze(text, TODAY).rewrite == expected


@pytest.mark.parametrize(
    "text", ["Pass my PhD viva by the end of July", "Pass my driving test in August"]
)
def test_an_oral_or_practical_exam_gets_no_timed_practice_exams_button(text: str) -> None:
    analysis = analyze(text, TODAY)
    assert analysis.attainable is False
    assert analysis.rewrite is None and analysis.attainable_hint


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Submit to a Q1 journal by the end of the year", dt.date(2027, 12, 31)),
        ("Send the Q3 budget report to finance by Friday", dt.date(2027, 6, 4)),
        ("Finish the draft by Q3", dt.date(2027, 9, 30)),
        ("Annotate the scans for weeks 4 to 6 by Friday", dt.date(2027, 6, 4)),
        ("Write up the notes from the fieldwork I did for weeks by Friday", dt.date(2027, 6, 4)),
        ("Send the report within a week", dt.date(2027, 6, 9)),
    ],
)
def test_a_quarter_that_names_a_thing_and_a_countless_unit_bound_nothing(
    text: str, deadline: dt.date
) -> None:
    assert analyze(text, TODAY).deadline == deadline


def test_a_countless_plural_unit_alone_is_not_time_bound() -> None:
    assert analyze("Read the lab manuals for weeks 1 to 3", TODAY).time_bound is False
