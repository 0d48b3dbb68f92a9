"""A newcomer's first ten minutes on a phone in India: sign up, confirm the email, look
around the profile, log out and back in."""

import re
from collections.abc import Iterator

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from peercircle.accounts.actions import user_create
from peercircle.accounts.models import User
from tests.browser.conftest import PHONE, log_in, look_at, watch_csp

PASSWORD = "a long browser password"


@pytest.fixture
def kolkata_phone(browser: Browser) -> Iterator[Page]:
    """A phone in India: sign-up should propose its zone (Chromium may call it Asia/Calcutta)."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, timezone_id="Asia/Kolkata"
    )
    page = context.new_page()
    blocked = watch_csp(page)
    yield page
    context.close()
    assert not blocked, f"the Content-Security-Policy blocked: {blocked}"


@pytest.fixture
def ada(transactional_db: None) -> User:
    """Ada as sign-up and confirmation leave her: verified, her phone's zone on her profile."""
    return user_create(
        email="ada.lovelace@example.org",
        password=PASSWORD,
        email_verified=True,
        display_name="Ada Lovelace",
        timezone="Asia/Kolkata",
    )


def test_sign_up_form_proposes_the_time_zone_of_the_phone(live_server, kolkata_phone: Page) -> None:
    page = kolkata_phone
    page.goto(live_server.url)
    look_at(page, "01-landing")
    page.get_by_role("link", name="Sign up").first.click()
    expect(page.get_by_role("heading", name="Sign up")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Kolkata")
    look_at(page, "02-signup")


def test_newcomer_signs_up_confirms_the_email_and_lands_on_an_empty_dashboard(
    live_server, kolkata_phone: Page, settings
) -> None:
    settings.SITE_URL = live_server.url  # mails link to SITE_URL, never the request's host
    page = kolkata_phone
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Email").fill("ada.lovelace@example.org")
    page.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again) (required)", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    look_at(page, "03-verify-email")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+(/accounts/confirm-email/\S+)", str(mail.outbox[0].body))
    assert link is not None
    # The same browser that signed up: confirming logs it in.
    page.goto(live_server.url + link.group(1))
    look_at(page, "04-confirm-email")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Hello, Ada Lovelace")).to_be_visible()
    expect(page.get_by_text("You are not in a group yet")).to_be_visible()
    look_at(page, "06-dashboard-empty")


def test_profile_shows_the_time_zone_and_leads_to_your_data_and_email_addresses(
    live_server, kolkata_phone: Page, ada: User
) -> None:
    page = kolkata_phone
    log_in(page, live_server.url, ada.email, PASSWORD)
    page.get_by_role("link", name="Profile").click()
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Kolkata")
    look_at(page, "07-profile")
    page.get_by_role("link", name="Your data: download or delete").click()
    expect(page.get_by_role("button", name="Delete my account")).to_be_visible()
    look_at(page, "07-your-data")
    page.get_by_role("link", name="← Your profile").click()
    page.get_by_role("link", name="Email addresses").click()
    expect(page.get_by_role("button", name="Remove this address")).to_be_visible()
    look_at(page, "08-email-addresses")


def test_log_out_button_signs_out_and_the_menu_offers_log_in(
    live_server, kolkata_phone: Page, ada: User
) -> None:
    page = kolkata_phone
    log_in(page, live_server.url, ada.email, PASSWORD)
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()


def test_returning_member_finds_the_password_reset_and_logs_in_remembered(
    live_server, kolkata_phone: Page, ada: User
) -> None:
    page = kolkata_phone
    page.goto(live_server.url + "/accounts/login/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    look_at(page, "05-login")
    page.get_by_role("link", name="Forgot your password?").click()
    look_at(page, "09-password-reset")
    page.go_back()
    page.get_by_label("Email").fill(ada.email)
    page.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    page.get_by_label("Remember me on this device").check()
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Hello, Ada Lovelace")).to_be_visible()


def test_password_change_and_log_out_pages_pass_the_checks(
    live_server, kolkata_phone: Page, ada: User
) -> None:
    page = kolkata_phone
    log_in(page, live_server.url, ada.email, PASSWORD)
    page.goto(live_server.url + "/accounts/password/change/")
    look_at(page, "09-password-change")
    page.goto(live_server.url + "/accounts/logout/")
    expect(page.get_by_role("heading", name="Log out")).to_be_visible()
    look_at(page, "09-logout")


def test_public_pages_load_nothing_the_content_security_policy_blocks(
    live_server, phone: Page
) -> None:
    # The phone fixture fails the test on any CSP report in the console.
    for path in ("/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        phone.goto(live_server.url + path)
