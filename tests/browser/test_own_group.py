"""A person starts their own group; a member accepts its agreement on a phone."""

from playwright.sync_api import Page, expect

from peercircle.groups.actions import membership_add
from peercircle.groups.models import Group
from tests.browser.conftest import log_in, look_at
from tests.conftest import PASSWORD, make_user


def test_start_a_group_and_a_member_accepts_the_agreement(live_server, phone: Page) -> None:
    make_user("ruth@example.org", display_name="Ruth Starter")
    joiner = make_user("aisha@example.org", display_name="Aisha Joiner")
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

    membership_add(group=Group.objects.get(name="Faculty Circle"), user=joiner)
    page.context.clear_cookies()
    log_in(page, live_server.url, "aisha@example.org", PASSWORD)
    page.get_by_role("link", name="Faculty Circle").click()
    page.get_by_role("link", name="Read and accept them").click()
    expect(page.get_by_text("What is said in the group stays in the group.")).to_be_visible()
    look_at(page, "42-agreement")
    page.get_by_role("button", name="I accept these ground rules").click()
    expect(page.get_by_text("Every member has accepted version 1")).to_be_visible()
