"""A whole meeting on two pages at once: the host on a phone, a member on a desktop.

The demo's meeting hosted by Luis is the stage; each test starts it, and moves it on, through
the meetings actions, and checks one thing the two pages do."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from peercircle.accounts.models import User
from peercircle.groups.models import Group
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.run import run_control, run_start
from peercircle.meetings.models import Meeting, RunState, Status
from tests.browser.conftest import DESKTOP, log_in, look_at
from tests.conftest import access_for, load_demo

HOST = "luis.ortega@example.org"
MEMBER = "mei.tanaka@example.org"
ABSENT = "Sam Whitaker"  # the host marks them absent when starting


def press(page: Page, name: str) -> None:
    """Tap a host button and wait for the new state (a second tap on the old one is refused)."""
    version = page.locator("#run-live").get_attribute("data-version")
    page.get_by_role("button", name=name, exact=True).click()
    expect(page.locator("#run-live")).not_to_have_attribute("data-version", version or "")


def heading(page: Page):
    return page.locator("#now-title")


@pytest.fixture
def meeting(live_server) -> Meeting:
    """Luis's next meeting in the demo, which Amara has checked in for."""
    load_demo()
    return Meeting.objects.get(
        host__email=HOST,
        status=Status.SCHEDULED,
        checkins__isnull=False,
        checkins__user__email="amara.okafor@example.org",
    )


@pytest.fixture
def checked_in(meeting: Meeting) -> Meeting:
    """Mei's check-in changed as `test_member_checks_in_from_the_dashboard_in_one_tap` does:
    the form keeps what she wrote before (the demo gives her a success to share)."""
    mei = User.objects.get(email=MEMBER)
    before = meeting.checkins.get(user=mei)
    checkin_save(
        meeting=meeting,
        user=mei,
        response="troubleshooting",
        minutes=12,
        topic="My model keeps overfitting",
        notes=before.notes,
        success=before.success,
    )
    return meeting


@pytest.fixture
def started(checked_in: Meeting) -> Meeting:
    """Luis started the meeting with everyone present but Sam."""
    meeting = checked_in
    present = {
        m.user_id
        for m in meeting.group.memberships.select_related("user")
        if m.user.display_name != ABSENT
    }
    run_start(access=access_for(User.objects.get(email=HOST), meeting), present=present)
    return meeting


def host_taps(meeting: Meeting, command: str, times: int = 1) -> None:
    """The host's taps, made through the run action rather than a page."""
    host = User.objects.get(email=HOST)
    for _ in range(times):
        version = RunState.objects.get(meeting=meeting).version
        run_control(meeting=meeting, by=host, command=command, version=version)


@pytest.fixture
def host(live_server, phone: Page) -> Page:
    log_in(phone, live_server.url, HOST)
    return phone


@pytest.fixture
def member(live_server, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, live_server.url, MEMBER)
    yield page
    context.close()


def run_url(live_server, meeting: Meeting) -> str:
    return f"{live_server.url}/meetings/{meeting.pk}/run/"


def test_member_checks_in_from_the_dashboard_in_one_tap(meeting: Meeting, member: Page) -> None:
    member.get_by_role("link", name="Check in for it").first.click()
    look_at(member, "40-checkin")
    member.get_by_label("Troubleshooting").check()
    member.get_by_label("Minutes you would like").fill("12")
    member.get_by_label("Your topic, in one line").fill("My model keeps overfitting")
    member.get_by_role("button", name="Save my check-in").click()
    expect(member.get_by_text("Your check-in is saved")).to_be_visible()
    look_at(member, "41-meeting-agenda")


def test_member_page_shows_the_start_the_moment_the_host_starts(
    live_server, checked_in: Meeting, host: Page, member: Page
) -> None:
    member.goto(run_url(live_server, checked_in))
    expect(heading(member)).to_have_text("Not started yet")
    host.goto(run_url(live_server, checked_in))
    look_at(host, "42-run-ready-host")
    host.get_by_label(ABSENT).uncheck()
    host.get_by_role("button", name="Start the meeting").click()
    expect(heading(host)).to_have_text("Opening roundtable")
    expect(heading(member)).to_have_text("Opening roundtable", timeout=4000)


def test_host_countdown_moves_on_its_own(live_server, started: Meeting, host: Page) -> None:
    host.goto(run_url(live_server, started))
    countdown = host.get_by_role("timer")
    first = countdown.inner_text()
    expect(countdown).not_to_have_text(first, timeout=4000)
    expect(countdown).to_have_text(re.compile(r"^\d+:\d\d$"))
    look_at(host, "43-run-host")


def test_member_page_follows_each_next_of_the_host(
    live_server, started: Meeting, host: Page, member: Page
) -> None:
    member.goto(run_url(live_server, started))
    host.goto(run_url(live_server, started))
    press(host, "Next")
    expect(heading(host)).to_have_text("Successes")
    expect(heading(member)).to_have_text("Successes", timeout=4000)
    press(host, "Next")
    press(host, "Next")
    expect(heading(host)).to_have_text(re.compile("slot"))
    expect(heading(member)).to_have_text(heading(host).inner_text(), timeout=4000)
    look_at(member, "44-run-member-slot")


def test_a_note_being_typed_stays_put_when_the_host_moves_on(
    live_server, started: Meeting, host: Page, member: Page
) -> None:
    host_taps(started, "next", times=3)  # to the first member's slot
    member.goto(run_url(live_server, started))
    host.goto(run_url(live_server, started))
    expect(heading(host)).to_have_text(re.compile("slot"))
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


def test_a_reload_on_either_device_loses_nothing(
    live_server, started: Meeting, host: Page, member: Page
) -> None:
    host_taps(started, "next", times=3)
    member.goto(run_url(live_server, started))
    host.goto(run_url(live_server, started))
    press(host, "Pause")
    expect(host.locator("#timer-state-text")).to_have_text("Paused")
    host.reload()
    member.reload()
    version = str(RunState.objects.get(meeting=started).version)
    for page in (host, member):
        expect(page.locator("#run-live")).to_have_attribute("data-version", version)
        expect(page.locator("#timer-state-text")).to_have_text("Paused")
    assert heading(member).inner_text() == heading(host).inner_text()
    assert host.get_by_role("timer").inner_text() == member.get_by_role("timer").inner_text()


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
