from playwright.sync_api import Page, expect

from peercircle.accounts.models import User
from peercircle.mail.actions import preference_for
from peercircle.mail.models import Outbox
from tests.browser.conftest import log_in, look_at
from tests.conftest import load_demo


def test_a_member_sets_quiet_hours_and_unsubscribes_in_one_click(live_server, phone: Page):
    load_demo()
    page = phone
    log_in(page, live_server.url, "luis.ortega@example.org")
    page.goto(live_server.url + "/accounts/profile/")
    page.get_by_role("link", name="Mail preferences").click()
    page.get_by_label("Quiet hours from").fill("22:00")
    page.get_by_label("Quiet hours until").fill("07:00")
    look_at(page, "60-mail-preferences")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your mail preferences are saved.")).to_be_visible()
    luis = User.objects.get(email="luis.ortega@example.org")
    assert preference_for(luis).quiet_start is not None

    # The link from a mail works signed out: it asks, then turns the kind off.
    row = Outbox.objects.filter(user=luis, kind="meeting_reminder").first()
    assert row is not None
    page.context.clear_cookies()
    page.goto(row.unsubscribe_url.replace("http://127.0.0.1:8000", live_server.url))
    look_at(page, "61-mail-unsubscribe")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    luis = User.objects.get(pk=luis.pk)
    assert "meeting_reminder" in preference_for(luis).disabled_kinds


def test_the_site_admin_sees_the_outbox_from_the_dashboard(live_server, phone: Page):
    load_demo()
    page = phone
    log_in(page, live_server.url, "admin@example.org")
    page.get_by_role("link", name="Outbox").click()
    expect(page.get_by_role("heading", name="Outbox")).to_be_visible()
    expect(page.get_by_text("relay was down").first).to_be_visible()
    look_at(page, "62-mail-outbox")
