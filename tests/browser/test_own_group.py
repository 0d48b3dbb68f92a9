"""A person starts their own group, invites a peer, who joins by accepting its ground rules
on a phone; then the organizer changes the rules and the member accepts them again."""

import re

from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, look_at
from tests.conftest import PASSWORD, make_user


def test_start_a_group_invite_and_the_member_accepts_the_agreement(
    live_server, phone: Page, settings
) -> None:
    settings.SITE_URL = live_server.url  # mails link to SITE_URL
    make_user("ruth@example.org", display_name="Ruth Starter")
    make_user("aisha@example.org", display_name="Aisha Joiner")
    page = phone
    log_in(page, live_server.url, "ruth@example.org", PASSWORD)
    page.get_by_role("link", name="Start your own group").click()
    look_at(page, "40-group-start")
    page.get_by_label("Name").fill("Faculty Circle")
    page.get_by_label("What the group is for").fill("Tenure, goals and each other.")
    page.get_by_label("Faculty").check()
    page.get_by_role("button", name="Start the group").click()
    expect(page.get_by_role("heading", name="Faculty Circle")).to_be_visible()
    expect(page.get_by_role("heading", name="Getting started")).to_be_visible()
    look_at(page, "41-group-started")

    page.get_by_role("link", name=re.compile("^Invite at least six people")).click()
    page.get_by_label("Email address").fill("aisha@example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to aisha@example.org.")).to_be_visible()
    [invitation] = [m for m in mail.outbox if m.to == ["aisha@example.org"]]
    link = re.search(r"https?://[^\s]+/join/[^/\s]+/", str(invitation.body))
    assert link is not None

    page.context.clear_cookies()
    log_in(page, live_server.url, "aisha@example.org", PASSWORD)
    page.goto(link.group(0))
    expect(page.get_by_text("What is said in the group stays in the group.")).to_be_visible()
    look_at(page, "42-invitation-with-agreement")
    page.get_by_role("button", name="Accept the ground rules and join").click()
    expect(page.get_by_text("Every member has accepted version 1")).to_be_visible()

    # The organizer changes the rules; the member sees what changed and accepts again.
    page.context.clear_cookies()
    log_in(page, live_server.url, "ruth@example.org", PASSWORD)
    page.get_by_role("link", name="Faculty Circle").click()
    page.get_by_role("link", name="Read or change the agreement").click()
    rules = page.get_by_role("textbox", name="Ground rules")
    rules.fill(rules.input_value() + "\nPhones face down.")
    page.get_by_role("button", name="Save a new version").click()
    page.context.clear_cookies()
    log_in(page, live_server.url, "aisha@example.org", PASSWORD)
    page.get_by_role("link", name="Faculty Circle").click()
    page.get_by_role("link", name="Read and accept them").click()
    expect(page.get_by_text("What changed since you accepted version 1")).to_be_visible()
    look_at(page, "43-agreement-changed")
    page.get_by_role("button", name="I accept these ground rules").click()
    expect(page.get_by_text("Every member has accepted version 2")).to_be_visible()
