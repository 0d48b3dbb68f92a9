import re

from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import look_at

PASSWORD = "a long browser password"


def test_sign_up_confirm_email_log_in_and_reach_the_dashboard(
    live_server, phone: Page, settings
) -> None:
    settings.SITE_URL = live_server.url  # mails link to SITE_URL, never the request's host
    page = phone
    page.goto(live_server.url)
    look_at(page, "01-landing")
    page.get_by_role("link", name="Sign up").first.click()
    expect(page.get_by_role("heading", name="Sign Up")).to_be_visible()
    look_at(page, "02-signup")
    page.get_by_label("Email").fill("ada.lovelace@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    look_at(page, "03-verify-email")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", str(mail.outbox[0].body))
    assert link is not None
    page.goto(link.group(0))
    look_at(page, "04-confirm-email")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Hello, ada.lovelace")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    look_at(page, "05-login")
    page.get_by_label("Email").fill("ada.lovelace@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Hello, ada.lovelace")).to_be_visible()
    expect(page.get_by_text("You are not in a group yet")).to_be_visible()
    look_at(page, "06-dashboard-empty")

    page.get_by_role("link", name="Profile").click()
    look_at(page, "07-profile")
    page.get_by_label("Display name").fill("Ada Lovelace")
    page.get_by_label("Time zone").select_option("Europe/London")
    page.get_by_label("Career stage").select_option("postdoc")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Hello, Ada Lovelace")).to_be_visible()
