"""A whole meeting on two pages at once: the host on a phone, a member on a desktop."""

import re

from playwright.sync_api import Browser, Page, expect

from peercircle.groups.models import Group
from peercircle.meetings.models import Meeting, RunState, Status
from tests.browser.conftest import DESKTOP, log_in, look_at
from tests.conftest import load_demo


def press(page: Page, name: str) -> None:
    """Tap a host button and wait for the new state (a second tap on the old one is refused)."""
    version = page.locator("#run-live").get_attribute("data-version")
    page.get_by_role("button", name=name, exact=True).click()
    expect(page.locator("#run-live")).not_to_have_attribute("data-version", version or "")


def heading(page: Page):
    return page.locator("#now-title")


def test_host_and_member_follow_one_meeting(
    live_server, phone: Page, browser: Browser, settings
) -> None:
    load_demo()
    meeting = Meeting.objects.get(
        host__email="luis.ortega@example.org",
        status=Status.SCHEDULED,
        checkins__isnull=False,
        checkins__user__email="amara.okafor@example.org",
    )
    run_url = f"{live_server.url}/meetings/{meeting.pk}/run/"
    host = phone
    log_in(host, live_server.url, "luis.ortega@example.org")
    member_context = browser.new_context(viewport=DESKTOP)
    member = member_context.new_page()
    log_in(member, live_server.url, "mei.tanaka@example.org")

    # The member checks in from the dashboard in one tap.
    member.get_by_role("link", name="Check in for it").first.click()
    look_at(member, "40-checkin")
    member.get_by_label("Troubleshooting").check()
    member.get_by_label("Minutes you would like").fill("12")
    member.get_by_label("Your topic, in one line").fill("My model keeps overfitting")
    member.get_by_role("button", name="Save my check-in").click()
    expect(member.get_by_text("Your check-in is saved")).to_be_visible()
    look_at(member, "41-meeting-agenda")

    member.goto(run_url)
    expect(heading(member)).to_have_text("Not started yet")
    host.goto(run_url)
    look_at(host, "42-run-ready-host")
    host.get_by_label("Sam Whitaker").uncheck()
    host.get_by_role("button", name="Start the meeting").click()
    expect(heading(host)).to_have_text("Opening roundtable")
    expect(heading(member)).to_have_text("Opening roundtable", timeout=4000)

    # Both count down locally; the host's countdown moves on its own.
    countdown = host.get_by_role("timer")
    first = countdown.inner_text()
    expect(countdown).not_to_have_text(first, timeout=4000)
    expect(countdown).to_have_text(re.compile(r"^\d+:\d\d$"))
    look_at(host, "43-run-host")

    press(host, "Next")
    expect(heading(host)).to_have_text("Successes")
    expect(heading(member)).to_have_text("Successes", timeout=4000)
    press(host, "Next")
    press(host, "Next")
    expect(heading(host)).to_have_text(re.compile("slot"))
    expect(heading(member)).to_have_text(heading(host).inner_text(), timeout=4000)
    look_at(member, "44-run-member-slot")

    # The member taps who commented, then starts a note; the host moves on meanwhile.
    member.locator("#run-work .chip input").first.check()
    expect(member.locator("#run-work .chip input").first).to_be_checked()
    note = member.get_by_label(re.compile("^Add a note"))
    note.fill("Try a smaller learning rate")
    slot_title = heading(host).inner_text()
    press(host, "Yes")
    expect(heading(host)).not_to_have_text(slot_title)
    expect(heading(member)).to_have_text(heading(host).inner_text(), timeout=4000)
    expect(note).to_have_value("Try a smaller learning rate")  # not pulled forward
    expect(member.locator("#run-moved")).to_be_visible()
    member.get_by_role("button", name="Save note").click()
    expect(member.locator("#run-moved")).to_be_hidden()

    # A reload on either device loses nothing: both show the same item and version.
    press(host, "Pause")
    expect(host.locator("#timer-state-text")).to_have_text("Paused")
    host.reload()
    member.reload()
    version = str(RunState.objects.get(meeting=meeting).version)
    for page in (host, member):
        expect(page.locator("#run-live")).to_have_attribute("data-version", version)
        expect(page.locator("#timer-state-text")).to_have_text("Paused")
    assert heading(member).inner_text() == heading(host).inner_text()
    assert host.get_by_role("timer").inner_text() == member.get_by_role("timer").inner_text()
    member_context.close()


def test_group_page_shows_the_balance_and_a_past_summary(
    live_server, phone: Page, settings
) -> None:
    load_demo()
    log_in(phone, live_server.url, "amara.okafor@example.org")
    group = Group.objects.get(name="Thursday Evening Circle")
    phone.goto(f"{live_server.url}/groups/{group.pk}/")
    expect(phone.get_by_role("heading", name="How the group shares its time")).to_be_visible()
    expect(phone.locator("svg.chart-heatmap")).to_be_visible()
    look_at(phone, "45-group-balance")
    past = group.meetings.filter(status=Status.HELD).order_by("-starts_at").first()
    assert past is not None
    phone.goto(f"{live_server.url}/meetings/{past.pk}/summary/")
    expect(phone.get_by_role("heading", name="Attendance")).to_be_visible()
    look_at(phone, "46-summary")
    upcoming = (
        group.meetings.upcoming().filter(host__email="amara.okafor@example.org").first()
        or group.meetings.upcoming().first()
    )
    assert upcoming is not None
    phone.goto(f"{live_server.url}/meetings/{upcoming.pk}/agenda/")
    look_at(phone, "47-agenda-edit")
    phone.goto(f"{live_server.url}/meetings/{upcoming.pk}/run/takeover/")
    look_at(phone, "48-takeover")
