"""Issue 20: after a failed submit focus moves to the error summary (its links lead to the
fields), after a save to the confirmation — on the forms of the first hour the other
browser tests do not cover: sending an invitation, answering a poll (also one that closed
while the page was open) and mail preferences. At 360 px, with axe on each result."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from peercircle.accounts.models import User
from peercircle.groups.actions.polls import PlaceChoice, TimeChoice, poll_create
from peercircle.groups.models import Group, Poll, PollAnswer
from tests.browser.conftest import check_accessibility, log_in
from tests.conftest import PASSWORD


@pytest.fixture
def poll(circle: Group, nora: User) -> Poll:
    return poll_create(
        group=circle,
        author=nora,
        deadline=timezone.now() + timedelta(days=3),
        times=[TimeChoice(3, time(18, 0), 2), TimeChoice(5, time(10, 30), 0)],
        places=[PlaceChoice("campus", "Room 12")],
    )


def summary(page: Page) -> Locator:
    return page.locator("[data-error-summary]")


def answer_yes_to_all(page: Page, base_url: str, user: User, poll: Poll) -> None:
    """Log in and tick "Yes" for every option of the poll, without saving yet."""
    log_in(page, base_url, user.email, PASSWORD)
    page.goto(f"{base_url}/polls/{poll.pk}/")
    for radio in page.locator("form.poll-answers").get_by_role("radio", name="Yes").all():
        radio.check()


def test_a_refused_invitation_focuses_the_summary_which_leads_to_the_address(
    live_server,
    phone: Page,
    nora: User,
    circle: Group,
) -> None:
    log_in(phone, live_server.url, nora.email, PASSWORD)
    phone.goto(f"{live_server.url}/groups/{circle.pk}/invitations/")
    phone.get_by_label("Email", exact=False).first.fill("ravi@example.org")  # already in
    phone.get_by_role("button", name="Send invitation").click()
    expect(summary(phone)).to_be_focused()
    expect(summary(phone)).to_contain_text("already a member")
    check_accessibility(phone)
    summary(phone).get_by_role("link").first.click()
    expect(phone.locator("#id_email")).to_be_focused()


def test_answers_to_a_poll_closed_meanwhile_focus_the_reason(
    live_server, phone: Page, nora: User, poll: Poll
) -> None:
    answer_yes_to_all(phone, live_server.url, nora, poll)
    Poll.objects.filter(pk=poll.pk).update(closed_at=timezone.now())  # closes meanwhile
    phone.get_by_role("button", name="Save my answers").click()
    expect(summary(phone)).to_be_focused()
    expect(summary(phone)).to_contain_text("This poll is closed")
    check_accessibility(phone)
    assert not PollAnswer.objects.exists()


def test_saved_poll_answers_focus_the_confirmation(
    live_server, phone: Page, nora: User, poll: Poll
) -> None:
    answer_yes_to_all(phone, live_server.url, nora, poll)
    phone.get_by_role("button", name="Save my answers").click()
    expect(phone.locator(".messages[role=status]")).to_be_focused()
    expect(phone.locator(".messages")).to_contain_text("your answers are saved")


def test_mail_preferences_focus_the_summary_then_the_confirmation(
    live_server, phone: Page, nora: User
) -> None:
    log_in(phone, live_server.url, nora.email, PASSWORD)
    phone.goto(f"{live_server.url}/mail/preferences/")
    phone.get_by_label("Quiet hours from").fill("22:00")
    phone.get_by_role("button", name="Save").click()
    expect(summary(phone)).to_be_focused()
    expect(summary(phone)).to_contain_text("Give both ends of your quiet hours")
    check_accessibility(phone)
    phone.get_by_label("Quiet hours until").fill("07:00")
    phone.get_by_role("button", name="Save").click()
    expect(phone.locator(".messages[role=status]")).to_be_focused()
    expect(phone.locator(".messages")).to_contain_text("preferences are saved")
