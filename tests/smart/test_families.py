"""One test per failure family of goals written in styles the rules were not built on.

Each family is fixed at its cause (the goal's action, its clauses, its side clauses, the
shape of a result others grant, scale, time forms, the next meeting); the examples here
are written for these tests, not taken from the labelled sets.
"""

import datetime as dt

import pytest

from peercircle.smart import analyze, find_deadlines

TODAY = dt.date(2027, 3, 10)  # a Wednesday
NEXT_MEETING = dt.date(2027, 3, 24)


def verdict(text: str) -> tuple[bool | None, ...]:
    a = analyze(text, TODAY, NEXT_MEETING)
    return a.specific, a.measurable, a.attainable, a.time_bound


# 1. The action of the goal, not its first word


@pytest.mark.parametrize(
    "text",
    [
        "Poster draft to Jonas by Friday",  # no verb: a deliverable
        "Reading notes on Spinoza, typed up, by the 20th",
        "Consent form checked by the end of the month",
        "okay so basically email the registrar tomorrow",  # chat fillers
        "honestly just upload the slides tonight",
        "pls let me finish the coding frame this week",
        "Hoping to submit the abstract by Friday",
    ],
)
def test_the_main_action_is_found_past_fillers_or_without_a_verb(text):
    assert verdict(text) == (True, True, True, True)


def test_a_hope_that_others_act_is_not_in_ones_power():
    analysis = analyze("I hope the committee likes my outline by April", TODAY)
    assert not analysis.attainable
    assert analysis.rewrite is None
    assert "depends on others" in analysis.attainable_hint


# 2. Plurals whose set is clear


@pytest.mark.parametrize(
    "text",
    [
        "Return the corrected proofs to the editor by Friday",
        "Present the pilot results at the next meeting",
        "Send my supervisor the revised tables by Friday",
    ],
)
def test_a_plural_with_a_clear_set_is_measurable(text):
    assert analyze(text, TODAY, NEXT_MEETING).measurable


def test_a_plural_with_no_set_still_asks_how_many():
    assert not analyze("Read papers on sleep spindles this month", TODAY).measurable


# 3. Every joined clause counts


def test_each_joined_clause_is_judged():
    assert verdict("Code the focus groups and then write the themes table by the 20th") == (
        True,
        True,
        True,
        True,
    )
    vague = analyze("Email the archive and then read papers on guilds this month", TODAY)
    assert not vague.measurable  # the second clause has no set


# 4. Vague words inside a side clause


@pytest.mark.parametrize(
    "text",
    [
        "Rerun the model after I improve the priors, by Friday",
        "Send the chapter to Mia once the argument is better, by the 20th",
        "Redraw figure 3 based on what I learn from the pilot by Friday",
    ],
)
def test_a_side_clause_does_not_make_the_goal_vague(text):
    assert verdict(text) == (True, True, True, True)


def test_a_vague_main_clause_still_counts():
    assert not analyze("Improve the priors after I rerun the model, by Friday", TODAY).specific


# 5. Others' decisions, by structure


@pytest.mark.parametrize(
    "text",
    [
        "My article accepted by the journal this month",
        "Have the renewal approved by the board by April",
        "See the fellowship renewed this year",
        "Get shortlisted for the lectureship by May",
        "Match into a pediatrics residency this year",
        "Get through the ethics committee by the end of April",
        "I hope the panel likes the proposal by Friday",
    ],
)
def test_a_result_another_party_grants_is_not_attainable(text):
    assert not analyze(text, TODAY).attainable


@pytest.mark.parametrize(
    "text",
    [
        "Upload the approved protocol to the shared drive by Friday",
        "Email the accepted students the reading list by Friday",
        "Submit the fellowship renewal form by Friday",
    ],
)
def test_a_granted_word_naming_a_thing_is_not_an_outcome(text):
    assert analyze(text, TODAY).attainable


# 6. Scale


@pytest.mark.parametrize(
    "text",
    [
        "Write every chapter of the monograph this week",
        "Translate the whole dissertation by Friday",
        "Read 60 novels this month",
        "Transcribe 300 interviews by next week",
    ],
)
def test_a_goal_far_above_its_window_is_not_attainable(text):
    analysis = analyze(text, TODAY)
    assert not analysis.attainable
    assert "more than fits" in analysis.attainable_hint


@pytest.mark.parametrize(
    "text",
    [
        "Read 4 novels this month",
        "Transcribe 12 interviews by the end of April",
        "Proofread every chapter of the thesis this week",  # going through, not writing
        "Write 500 words every day this month",
    ],
)
def test_a_goal_that_fits_its_window_stays_attainable(text):
    assert analyze(text, TODAY).attainable


def test_a_too_large_goal_is_cut_to_a_part_in_the_members_words():
    analysis = analyze("Write every chapter of the monograph this week", TODAY)
    assert analysis.rewrite == "Write one chapter of the monograph this week"


# 7. Time phrases


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Send the draft by wk end", dt.date(2027, 3, 14)),
        ("Send the draft this wknd", dt.date(2027, 3, 14)),
        ("Send the draft by end of next wk", dt.date(2027, 3, 21)),
        ("Send the draft eom", dt.date(2027, 3, 31)),
        ("Send the draft before month end", dt.date(2027, 3, 31)),
        ("Send the draft b4 the 20th", dt.date(2027, 3, 20)),
        ("Send the draft by 2.4.", dt.date(2027, 4, 2)),
        ("Send the draft till 28.3.", dt.date(2027, 3, 28)),
        ("Send the draft by 15/3", dt.date(2027, 3, 15)),
        ("Send the draft by the 5th", dt.date(2027, 4, 5)),  # the next 5th
        ("Send the draft during next week", dt.date(2027, 3, 21)),
        ("Send the draft Thursday the 18th", dt.date(2027, 3, 18)),
        ("Send the draft on Friday, April 9", dt.date(2027, 4, 9)),
    ],
)
def test_time_forms(text, deadline):
    assert analyze(text, TODAY).deadline == deadline


def test_a_weekday_that_disagrees_with_its_date_is_named_and_the_date_kept():
    analysis = analyze("Send the draft Wednesday the 18th", TODAY)
    assert analysis.deadline == dt.date(2027, 3, 18)
    assert analysis.deadline_hint == (
        '"Wednesday the 18th": March 18 is a Thursday, not a Wednesday; the date is kept.'
    )
    assert not analysis.deadline_past


@pytest.mark.parametrize(
    "text",
    ["Finish the IRB modules b4 end of sem", "Write the exam questions before the end of term"],
)
def test_terms_bound_a_goal_without_a_date(text):
    analysis = analyze(text, TODAY)
    assert (analysis.time_bound, analysis.deadline) == (True, None)


# 8. The next meeting


@pytest.mark.parametrize(
    "text",
    [
        "Bring the survey draft to our next meeting",
        "Finish the edits by next meeting",
        "Have the codebook ready for the next group meeting",
        "Draft the discussion by nxt mtg",
    ],
)
def test_the_next_meeting_resolves_to_its_date(text):
    assert analyze(text, TODAY, NEXT_MEETING).deadline == NEXT_MEETING
    phrases = find_deadlines(text, TODAY, NEXT_MEETING)
    assert [p.date for p in phrases] == [NEXT_MEETING]


def test_without_a_next_meeting_date_the_goal_is_bound_but_undated():
    analysis = analyze("Finish the edits by the next meeting", TODAY)
    assert (analysis.time_bound, analysis.deadline) == (True, None)


# Hints in the goal's own domain


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("Read papers on sleep this month", '"Read 3 papers on sleep"'),
        ("Practice piano by Friday", '"Practice piano three times this week"'),
        ("Write poems this week", '"Write 3 poems"'),
    ],
)
def test_the_measure_hint_builds_its_example_from_the_goal(text, example):
    assert example in analyze(text, TODAY).measurable_hint


def test_no_hint_proposes_papers_for_a_goal_about_something_else():
    analysis = analyze("Go to the gym more", TODAY)
    assert all("paper" not in hint for hint in analysis.hints)


def test_a_direction_example_drops_the_vague_tail():
    hint = analyze("maybe work on my thesis more", TODAY).specific_hint
    assert (
        hint
        == '"work on" is a direction, not an action: try "draft one named section of my thesis".'
    )
