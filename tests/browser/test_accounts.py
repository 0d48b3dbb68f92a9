import re

from django.core import mail
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, look_at, watch_csp

PASSWORD = "a long browser password"


def test_first_ten_minutes_sign_up_confirm_and_look_around(
    live_server, browser: Browser, settings
) -> None:
    settings.SITE_URL = live_server.url  # mails link to SITE_URL, never the request's host
    # A phone in India: sign-up should propose its zone (Chromium may call it Asia/Calcutta).
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, timezone_id="Asia/Kolkata"
    )
    page = context.new_page()
    blocked = watch_csp(page)
    page.goto(live_server.url)
    look_at(page, "01-landing")
    page.get_by_role("link", name="Sign up").first.click()
    expect(page.get_by_role("heading", name="Sign up")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Kolkata")
    look_at(page, "02-signup")
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
    page.goto(live_server.url + link.group(1))
    look_at(page, "04-confirm-email")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Hello, Ada Lovelace")).to_be_visible()
    expect(page.get_by_text("You are not in a group yet")).to_be_visible()
    look_at(page, "06-dashboard-empty")

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

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    look_at(page, "05-login")
    page.get_by_role("link", name="Forgot your password?").click()
    look_at(page, "09-password-reset")
    page.go_back()
    page.get_by_label("Email").fill("ada.lovelace@example.org")
    page.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    page.get_by_label("Remember me on this device").check()
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Hello, Ada Lovelace")).to_be_visible()
    page.goto(live_server.url + "/accounts/password/change/")
    look_at(page, "09-password-change")
    page.goto(live_server.url + "/accounts/logout/")
    expect(page.get_by_role("heading", name="Log out")).to_be_visible()
    look_at(page, "09-logout")
    context.close()
    assert not blocked, f"the Content-Security-Policy blocked: {blocked}"


def test_public_pages_load_nothing_the_content_security_policy_blocks(
    live_server, phone: Page
) -> None:
    # The phone fixture fails the test on any CSP report in the console.
    for path in ("/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        phone.goto(live_server.url + path)
