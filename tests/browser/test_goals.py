"""The goals review flow end to end on a phone: goals set at one meeting with SMART
guidance, reviewed at the next, one carried over to the meeting after."""

import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from peercircle.goals.models import Goal, GoalStatus
from peercircle.meetings.actions.meeting import meeting_mark_held
from peercircle.smart import analyze
from tests.browser.conftest import log_in, look_at
from tests.conftest import PASSWORD, Cast
from tests.goals.helpers import meetings_around


def test_goals_set_at_one_meeting_are_reviewed_at_the_next_and_carried_over(
    live_server, transactional_db: None, cast: Cast, phone: Page
) -> None:
    earlier, soon, later = meetings_around(cast.group)
    meeting_mark_held(meeting=earlier)
    page = phone
    log_in(page, live_server.url, cast.member.email, PASSWORD)

    # At the earlier meeting: set goals for the next period, with guidance while typing.
    page.goto(f"{live_server.url}/meetings/{earlier.pk}/")
    page.get_by_role("link", name="Set goals for the next period").click()
    page.wait_for_load_state()  # htmx (deferred) must be listening before the first keystroke
    text = page.get_by_label("Your goal")
    due = page.get_by_label("Due")
    text.fill("Get my paper accepted")
    missing = page.locator("#smart-guidance li.smart-miss", has_text="Attainable")
    expect(missing).to_be_visible()
    expect(page.locator("#smart-summary")).to_contain_text("Attainable")
    expect(text).to_be_focused()  # the guidance never takes the focus away
    look_at(page, "60-goal-guidance")
    rewrite = page.locator("button[name='use_rewrite']")
    proposed = rewrite.get_attribute("value")
    assert proposed
    rewrite.click()  # one tap puts the in-my-power wording in place
    expect(text).to_have_value(proposed)

    # A date in the text fills the due date...
    wording = "Submit the methods section to my advisor by the end of the month"
    text.fill(wording)
    deadline = analyze(wording, timezone.localdate()).deadline
    assert deadline is not None
    expect(due).to_have_value(deadline.isoformat())
    # ...but never over a date the member picked.
    due.fill(timezone.localdate(soon.starts_at).isoformat())
    text.fill("Submit the methods section to my advisor by Friday")
    expect(page.locator("#smart-guidance")).to_contain_text("Date found in your goal")
    expect(due).to_have_value(timezone.localdate(soon.starts_at).isoformat())
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_text("Goal saved.")).to_be_visible()
    page.wait_for_load_state()
    text.fill("Write 500 words of the discussion section")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_text("Goal saved.")).to_be_visible()
    assert Goal.objects.filter(owner=cast.member, set_at=earlier).count() == 2

    # At the next meeting: review both, carry one over.
    page.goto(f"{live_server.url}/meetings/{soon.pk}/")
    review = page.locator("#meeting-review")
    expect(review).to_contain_text("Submit the methods section")
    first = review.locator("li.review-goal").filter(has_text="methods section")
    first.get_by_label("Done", exact=True).check()
    first.get_by_label("One-line note (optional)").fill("Sent on Thursday")
    first.get_by_role("button", name="Save review").click()
    saved = page.locator(".review-saved").first
    expect(saved).to_contain_text("Saved: Done.")
    expect(saved).to_be_focused()
    second = review.locator("li.review-goal").filter(has_text="500 words")
    second.get_by_label("Carried over").check()
    second.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("It comes back as a new goal due")).to_be_visible()
    look_at(page, "61-meeting-review")

    # The carried-over goal is due at the meeting after, linked to the first one.
    carried = Goal.objects.get(carried_from__text="Write 500 words of the discussion section")
    assert carried.status == GoalStatus.OPEN
    assert carried.due_on == timezone.localdate(later.starts_at)
    page.goto(f"{live_server.url}/meetings/{later.pk}/")
    expect(page.locator("#meeting-review")).to_contain_text("Write 500 words")
    expect(page.locator("#meeting-review")).to_contain_text("carried over from an earlier period")

    page.goto(f"{live_server.url}/goals/progress/")
    expect(page.get_by_role("img", name="My goals completed, by month due")).to_be_visible()
    look_at(page, "62-my-progress")

    # The other goals pages pass axe at phone and desktop width too.
    page.goto(f"{live_server.url}/goals/long-term/")
    page.get_by_role("textbox", name="Long-term goal").fill("Finish the PhD")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("I have reached 0 of these 1 goals.")).to_be_visible()
    look_at(page, "63-long-term")
    page.goto(f"{live_server.url}/groups/{cast.group.pk}/goals/")
    look_at(page, "64-group-goals")
    page.goto(f"{live_server.url}/goals/year/{timezone.localdate().year}/")
    expect(page.get_by_role("heading", name="Goals", exact=True)).to_be_visible()
    look_at(page, "65-my-year")
    pdf = page.pdf(format="A4")  # print CSS: the year fits on one sheet
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.goto(f"{live_server.url}/goals/")
    look_at(page, "66-my-goals")
