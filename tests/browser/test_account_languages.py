"""Issue 26 on a phone: the sign-in pages and a person's own pages (profile, data, email
addresses, API tokens, mail preferences) in Spanish and German: the page's language is
declared, the long German words fit 360 px, and axe-core finds nothing serious."""

import pytest
from playwright.sync_api import Page, expect

from peercircle.accounts.actions import language_set
from peercircle.accounts.models import User
from tests.browser.conftest import look_at
from tests.conftest import PASSWORD

SIGNED_OUT = ["/accounts/login/", "/accounts/signup/", "/api/v1/docs"]
OWN_PAGES = [
    "/accounts/profile/",
    "/accounts/data/",
    "/accounts/email/",
    "/accounts/tokens/",
    "/mail/preferences/",
]
LOG_IN = {"es": "Iniciar sesión", "de": "Anmelden"}
SAVE = {"es": "Guardar", "de": "Speichern"}


@pytest.mark.parametrize("language", ["es", "de"])
def test_sign_in_and_own_pages_fit_a_phone_in_the_language(
    live_server, phone: Page, nora: User, language: str
) -> None:
    phone.context.set_extra_http_headers({"Accept-Language": language})
    for path in SIGNED_OUT:
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.lang") == language
        look_at(phone, f"account-{language}-{path.strip('/').replace('/', '-')}")
    phone.goto(live_server.url + "/accounts/login/")
    phone.locator("input[name=login]").fill(nora.email)
    phone.locator("input[name=password]").fill(PASSWORD)
    phone.get_by_role("button", name=LOG_IN[language]).click()
    phone.wait_for_url(lambda url: "/accounts/login/" not in url)
    language_set(user=nora, language=language)
    for path in OWN_PAGES:
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.lang") == language
        look_at(phone, f"account-{language}-{path.strip('/').replace('/', '-')}")
    phone.goto(live_server.url + "/accounts/profile/")
    expect(phone.get_by_role("button", name=SAVE[language])).to_be_visible()
