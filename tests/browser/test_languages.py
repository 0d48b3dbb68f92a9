"""Issue 26: the demo walked in Spanish and in German on a phone. As a member who hosts the
meeting under way and as the coordinator, every page reached from the dashboard within a few
clicks is in the person's language (`<html lang>`), fits 360 px without sideways scrolling,
passes axe-core and is not blocked by the Content-Security-Policy; the live meeting's timer
speaks the language too (its words come from the scripts' catalogue)."""

import re
from datetime import timedelta
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from peercircle.accounts.models import User
from tests.browser.conftest import PHONE, check_accessibility, watch_csp
from tests.i18n.pseudo import NOT_PAGES

DEMO_PASSWORD = "peercircle-demo"
HOST = "luis.ortega@example.org"  # hosts the demo's meeting under way
COORDINATOR = "coordinator@example.org"
PAGES_PER_PERSON = 14
# Words of the English pages that must not survive on a translated one.
ENGLISH = ["Log out", "Your groups", "Meetings", "Save"]


def _walk(page: Page, base: str, language: str) -> list[str]:
    queue, seen, visited = ["/"], set(), []  # type: list[str], set[str], list[str]
    while queue and len(visited) < PAGES_PER_PERSON:
        path = queue.pop(0)
        shape = re.sub(r"\d+", "N", path)
        if shape in seen:
            continue
        seen.add(shape)
        response = page.goto(base + path)
        if response is None or response.status != 200:
            continue
        if "html" not in (response.headers.get("content-type") or ""):
            continue
        visited.append(path)
        assert page.evaluate("document.documentElement.lang") == language, path
        overflow = page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]
        assert not overflow, f"{path} scrolls sideways at 360 px in {language}"
        check_accessibility(page)
        for link in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            target = urlsplit(urljoin(base + path, link))
            if target.netloc != urlsplit(base).netloc or NOT_PAGES.search(target.path):
                continue
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return visited


@pytest.mark.parametrize("language", ["es", "de"])
def test_the_demo_in_spanish_and_german_on_a_phone(
    live_server, transactional_db: None, browser: Browser, language: str
) -> None:
    with override_settings(DEBUG=True):  # the demo refuses to run on a production site
        call_command("demo", stdout=StringIO())
    User.objects.update(language=language)
    for email in (HOST, COORDINATOR):
        context = browser.new_context(
            viewport=PHONE, is_mobile=True, has_touch=True, locale=language
        )
        page = context.new_page()
        blocked = watch_csp(page)
        page.goto(live_server.url + "/accounts/login/")
        assert page.evaluate("document.documentElement.lang") == language  # from the browser
        page.locator("input[name=login]").fill(email)
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
        page.wait_for_load_state()
        visited = _walk(page, live_server.url, language)
        assert len(visited) >= 8, visited
        if email == HOST:
            _live_meeting_speaks(page, live_server.url, language)
        context.close()
        assert not blocked, f"the Content-Security-Policy blocked: {blocked}"


def _live_meeting_speaks(page: Page, base: str, language: str) -> None:
    from peercircle.meetings.models import Meeting

    # The demo's meeting starting now, which this person hosts.
    now = timezone.now()
    meeting = (
        Meeting.objects.filter(host__email=HOST, starts_at__lte=now + timedelta(hours=1))
        .order_by("-starts_at")
        .first()
    )
    if meeting is None:
        pytest.fail("the demo has no meeting under way")
    page.goto(f"{base}/meetings/{meeting.pk}/run/")
    page.locator("main form button[type=submit]").first.click()  # start the meeting
    timer = page.get_by_role("timer").first
    expect(timer).to_be_visible()
    text = page.locator("main").inner_text()
    for word in ENGLISH:
        assert word not in text, f"{word!r} on the live meeting in {language}"
