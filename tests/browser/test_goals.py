"""The goals review flow on a phone: goals set at one meeting with SMART guidance, reviewed
at the next, one carried over to the meeting after; and the other goals pages.

Each test builds the meetings and goals it starts from through the goals actions."""

import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from peercircle.goals.actions import goal_review, goal_set
from peercircle.goals.models import Goal, GoalStatus
from peercircle.meetings.actions.meeting import meeting_mark_held
from peercircle.meetings.models import Meeting
from tests.browser.conftest import log_in, look_at
from tests.conftest import PASSWORD, Cast
from tests.goals.helpers import meetings_around

METHODS = "Submit the methods section to my advisor by Friday"
WORDS = "Write 500 words of the discussion section"


@dataclass
class Period:
    """A meeting two weeks ago (held), one an hour from now, and one in four weeks."""

    earlier: Meeting
    soon: Meeting
    later: Meeting


@pytest.fixture
def period(transactional_db: None, cast: Cast) -> Period:
    earlier, soon, later = meetings_around(cast.group)
    meeting_mark_held(meeting=earlier)
    return Period(earlier, soon, later)


@pytest.fixture
def member_page(live_server, phone: Page, cast: Cast) -> Page:
    log_in(phone, live_server.url, cast.member.email, PASSWORD)
    return phone


@pytest.fixture
def goal_form(live_server, member_page: Page, period: Period) -> Page:
    """The member's goal form, opened from the earlier meeting."""
    page = member_page
    page.goto(f"{live_server.url}/meetings/{period.earlier.pk}/")
    page.get_by_role("link", name="Set goals for the next period").click()
    page.wait_for_load_state()  # htmx (deferred) must be listening before the first keystroke
    return page


@pytest.fixture
def goals_set(cast: Cast, period: Period) -> tuple[Goal, Goal]:
    """Two goals the member set at the earlier meeting, due at the next one."""
    due_on = timezone.localdate(period.soon.starts_at)
    return (
        goal_set(
            owner=cast.member, group=cast.group, text=METHODS, due_on=due_on, set_at=period.earlier
        ),
        goal_set(
            owner=cast.member, group=cast.group, text=WORDS, due_on=due_on, set_at=period.earlier
        ),
    )


@pytest.fixture
def goals_reviewed(cast: Cast, period: Period, goals_set: tuple[Goal, Goal]) -> None:
    """At the next meeting the first goal was done, the second carried over."""
    methods, words = goals_set
    for goal, status in ((methods, GoalStatus.DONE), (words, GoalStatus.CARRIED_OVER)):
        goal_review(goal=goal, status=status, note="", meeting=period.soon, by=cast.member)


def test_guidance_names_what_is_missing_while_the_focus_stays_in_the_goal(
    goal_form: Page,
) -> None:
    page = goal_form
    text = page.get_by_label("Your goal")
    text.fill("Get my paper accepted in Nature by the end of the month")
    missing = page.locator("#smart-guidance li.smart-miss", has_text="Attainable")
    expect(missing).to_be_visible()
    expect(page.locator("#smart-summary")).to_contain_text("Attainable")
    expect(text).to_be_focused()  # the guidance never takes the focus away
    look_at(page, "60-goal-guidance")


def test_one_tap_puts_the_in_my_power_rewrite_in_place(goal_form: Page) -> None:
    page = goal_form
    text = page.get_by_label("Your goal")
    # A rewrite is offered only when it passes every part: this goal has its deadline.
    text.fill("Get my paper accepted in Nature by the end of the month")
    rewrite = page.locator("button[name='use_rewrite']")
    expect(rewrite).to_be_visible()
    proposed = rewrite.get_attribute("value")
    assert proposed
    rewrite.click()
    expect(text).to_have_value(proposed)


def test_a_date_in_the_goal_fills_the_due_date(now, goal_form: Page) -> None:
    # The clock stands at Wednesday 10 June 2026 (there is no live timer on this page).
    page = goal_form
    page.get_by_label("Your goal").fill(
        "Submit the methods section to my advisor by the end of the month"
    )
    expect(page.get_by_label("Due")).to_have_value("2026-06-30")


def test_a_date_in_the_goal_never_overwrites_a_due_date_the_member_picked(
    goal_form: Page, period: Period
) -> None:
    page = goal_form
    picked = timezone.localdate(period.soon.starts_at).isoformat()
    due = page.get_by_label("Due")
    due.fill(picked)
    page.get_by_label("Your goal").fill(METHODS)
    expect(page.locator("#smart-guidance")).to_contain_text("Date found in your goal")
    expect(due).to_have_value(picked)


def test_member_saves_one_goal_after_another_on_the_same_form(
    goal_form: Page, cast: Cast, period: Period
) -> None:
    page = goal_form
    text = page.get_by_label("Your goal")
    for wording in (METHODS, WORDS):
        text.fill(wording)
        page.get_by_role("button", name="Save goal").click()
        # Saved: the page comes back with the message and an empty form for the next goal.
        expect(text).to_have_value("")
        expect(page.get_by_text("Goal saved.")).to_be_visible()
        page.wait_for_load_state()
    saved = Goal.objects.filter(owner=cast.member, set_at=period.earlier)
    assert sorted(saved.values_list("text", flat=True)) == sorted([METHODS, WORDS])


def test_reviewing_a_goal_at_the_next_meeting_moves_the_focus_to_what_was_saved(
    live_server, member_page: Page, period: Period, goals_set: tuple[Goal, Goal]
) -> None:
    page = member_page
    page.goto(f"{live_server.url}/meetings/{period.soon.pk}/")
    review = page.locator("#meeting-review")
    expect(review).to_contain_text("Submit the methods section")
    first = review.locator("li.review-goal").filter(has_text="methods section")
    first.get_by_label("Done", exact=True).check()
    first.get_by_label("One-line note (optional)").fill("Sent on Thursday")
    first.get_by_role("button", name="Save review").click()
    saved = page.locator(".review-saved").first
    expect(saved).to_contain_text("Saved: Done.")
    expect(saved).to_be_focused()


def test_a_goal_carried_over_comes_back_due_at_the_meeting_after(
    live_server, member_page: Page, period: Period, goals_set: tuple[Goal, Goal]
) -> None:
    page = member_page
    page.goto(f"{live_server.url}/meetings/{period.soon.pk}/")
    review = page.locator("#meeting-review")
    second = review.locator("li.review-goal").filter(has_text="500 words")
    second.get_by_label("Carried over").check()
    second.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("It comes back as a new goal due")).to_be_visible()
    look_at(page, "61-meeting-review")

    carried = Goal.objects.get(carried_from__text=WORDS)
    assert carried.status == GoalStatus.OPEN
    assert carried.due_on == timezone.localdate(period.later.starts_at)
    page.goto(f"{live_server.url}/meetings/{period.later.pk}/")
    expect(page.locator("#meeting-review")).to_contain_text("Write 500 words")
    expect(page.locator("#meeting-review")).to_contain_text("carried over from an earlier period")


def test_my_progress_charts_the_goals_completed_by_month(
    live_server, member_page: Page, goals_reviewed: None
) -> None:
    member_page.goto(f"{live_server.url}/goals/progress/")
    chart = member_page.get_by_role("img", name="My goals completed, by month due")
    expect(chart).to_be_visible()
    look_at(member_page, "62-my-progress")


def test_a_long_term_goal_added_counts_as_not_yet_reached(live_server, member_page: Page) -> None:
    page = member_page
    page.goto(f"{live_server.url}/goals/long-term/")
    page.get_by_role("textbox", name="Long-term goal").fill("Finish the PhD")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("I have reached 0 of this 1 goal.")).to_be_visible()
    look_at(page, "63-long-term")


def test_group_goals_page_passes_the_checks(
    live_server, member_page: Page, cast: Cast, goals_reviewed: None
) -> None:
    member_page.goto(f"{live_server.url}/groups/{cast.group.pk}/goals/")
    expect(member_page.get_by_role("heading", name="Open goals")).to_be_visible()
    look_at(member_page, "64-group-goals")


def test_my_year_prints_on_one_sheet(live_server, member_page: Page, goals_reviewed: None) -> None:
    page = member_page
    page.goto(f"{live_server.url}/goals/year/{timezone.localdate().year}/")
    expect(page.get_by_role("heading", name="Goals", exact=True)).to_be_visible()
    look_at(page, "65-my-year")
    pdf = page.pdf(format="A4")  # print CSS: the year fits on one sheet
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_my_goals_page_passes_the_checks(
    live_server, member_page: Page, goals_reviewed: None
) -> None:
    member_page.goto(f"{live_server.url}/goals/")
    look_at(member_page, "66-my-goals")
