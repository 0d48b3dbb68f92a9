"""Browser tests: Playwright drives Debian's Chromium (it cannot download its own here)
against pytest-django's live server. Every page a test visits goes through `look_at`,
which runs axe-core and saves phone and desktop screenshots under test-artifacts/."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from peercircle.accounts.models import User
from peercircle.groups.actions.group import group_start
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.models import Group
from tests.conftest import make_user

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = ViewportSize(width=360, height=740)
DESKTOP = ViewportSize(width=1280, height=800)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Browser tests need Chromium at {CHROMIUM}: apt-get install chromium, "
            "or skip them with PEERCIRCLE_SKIP_BROWSER_TESTS=1"
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    blocked = watch_csp(page)
    yield page
    context.close()
    assert not blocked, f"the Content-Security-Policy blocked: {blocked}"


def watch_csp(page: Page) -> list[str]:
    """Collects what the Content-Security-Policy blocks on `page` (it should be nothing)."""
    blocked: list[str] = []

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", on_console)
    return blocked


def check_accessibility(page: Page) -> None:
    """Fail on serious or critical axe-core violations on the page as it is now."""
    # Evaluated through the devtools protocol: a <script> tag would be refused by our CSP.
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]
    details = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in bad
    ]
    assert not bad, f"axe-core on {page.url}:\n" + "\n".join(details)


def look_at(page: Page, name: str) -> None:
    """Check the page with axe-core at phone and desktop width and keep a screenshot of each."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        check_accessibility(page)
        # Against the width asked for, not innerWidth: on a mobile viewport a too-wide page
        # widens the layout viewport itself, and innerWidth grows with it.
        overflow = page.evaluate("document.documentElement.scrollWidth") > size["width"]
        assert not overflow, f"{page.url} scrolls sideways at {size['width']}px"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
    if original:
        page.set_viewport_size(original)


DEMO_PASSWORD = "peercircle-demo"


def log_in(page: Page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form and wait for the dashboard's greeting."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password (required)", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


@pytest.fixture
def nora(transactional_db: None) -> User:
    """A newcomer with an account and no group yet."""
    return make_user("nora@example.org", display_name="Nora New")


@pytest.fixture
def circle(nora: User) -> Group:
    """Nora's group with a second member, Ravi."""
    group = group_start(user=nora, name="Nora's circle")
    membership_add(group=group, user=make_user("ravi@example.org", display_name="Ravi Peer"))
    return group
