import re

from playwright.sync_api import Page, expect

from peercircle.groups.models import Group
from tests.browser.conftest import log_in, look_at
from tests.conftest import load_demo

DEMO_PASSWORD = "peercircle-demo"


def test_organizer_sees_group_and_edits_it_in_place(live_server, phone: Page) -> None:
    load_demo()
    page = phone
    log_in(page, live_server.url, "amara.okafor@example.org")
    expect(page.get_by_text("Next meeting:")).to_be_visible()
    look_at(page, "10-dashboard-member")

    page.get_by_role("link", name="Thursday Evening Circle").click()
    expect(page.get_by_role("heading", name="Members (6)")).to_be_visible()
    look_at(page, "11-group")

    # htmx swaps the details card for the form and back, without leaving the page.
    page.get_by_role("link", name="Edit details").click()
    form_heading = page.get_by_role("heading", name="Edit the group's details")
    expect(form_heading).to_be_visible()
    # Keyboard focus follows the swap into the form instead of falling back to <body>.
    expect(page.get_by_label("Name")).to_be_focused()
    look_at(page, "12-group-edit-inline")
    page.get_by_label("Usual meeting place").fill("Library, room 204")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Library, room 204")).to_be_visible()
    expect(form_heading).to_have_count(0)
    expect(page.get_by_role("heading", name="Where and when")).to_be_focused()
    # Cancel swaps the card back in place, and focus follows it too.
    page.get_by_role("link", name="Edit details").click()
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("heading", name="Where and when")).to_be_focused()
    expect(form_heading).to_have_count(0)
    assert page.url.endswith(f"/groups/{Group.objects.get(name='Thursday Evening Circle').pk}/")
    assert Group.objects.get(name="Thursday Evening Circle").meeting_place == "Library, room 204"

    page.get_by_role("link", name="Schedule a meeting").click()
    look_at(page, "13-meeting-new")
    page.go_back()
    page.locator(".meetings a").first.click()
    expect(page.get_by_role("heading", name="Members")).to_be_visible()
    look_at(page, "14-meeting")


def test_coordinator_sees_totals_but_not_group_content(live_server, phone: Page) -> None:
    load_demo()
    page = phone
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("coordinator@example.org")
    page.get_by_label("Password (required)", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Peer Mentoring Groups 2026–27").click()
    groups_table = page.get_by_role("table", name=re.compile("^Groups, members"))
    expect(groups_table).to_contain_text("Saturday Brunch Group")
    look_at(page, "20-program")
    group = Group.objects.get(name="Saturday Brunch Group")
    response = page.goto(f"{live_server.url}/groups/{group.pk}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("main")).to_contain_text("coordinators see the program's totals only")
    look_at(page, "21-coordinator-refused")
