"""University sign-in on a phone: from the login page to the IdP and back, signed in.

The IdPs are the ones the protocol tests use (tests/accounts/sso): real signatures, served
on loopback, so the browser really leaves the site and comes back.
"""

import threading
from collections.abc import Iterator

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp
from playwright.sync_api import Page, expect

from peercircle.accounts.models import User
from tests.accounts.sso import idp, op
from tests.accounts.sso.op import Provider, serve
from tests.browser.conftest import look_at


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    yield from serve()


@pytest.fixture
def oidc_institution(transactional_db: None, provider: Provider) -> SocialApp:
    return op.institution(provider)


def test_signs_in_with_openid_connect_from_the_login_page(
    live_server, phone: Page, oidc_institution: SocialApp
) -> None:
    page = phone
    page.goto(live_server.url + "/accounts/login/")
    look_at(page, "sso-01-login")
    page.get_by_role("link", name="Sign in with Example Tech").click()
    look_at(page, "sso-02-continue")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/accounts/welcome/**")
    look_at(page, "sso-03-welcome")
    expect(page.get_by_label("Your name")).to_have_value("Ada Lovelace")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    ada = User.objects.get(email="ada@tech.example")
    assert ada.timezone == "UTC"  # the test browser's zone, proposed and kept
    assert SocialAccount.objects.get(user=ada).provider == "example-tech"


def test_an_institutions_address_is_sent_to_its_idp_without_a_password(
    live_server, phone: Page, oidc_institution: SocialApp
) -> None:
    page = phone
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("ada@tech.example")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/accounts/welcome/**")
    assert User.objects.filter(email="ada@tech.example").exists()


@pytest.fixture
def saml_institution(transactional_db: None, live_server) -> Iterator[SocialApp]:
    keys = idp.key_and_cert()
    attributes = {
        "urn:oasis:names:tc:SAML:attribute:subject-id": "u7@example.edu",
        "urn:oid:0.9.2342.19200300.100.1.3": "grace@example.edu",
        "urn:oid:2.5.4.42": "Grace",
        "urn:oid:2.5.4.4": "Hopper",
    }
    audience = f"{live_server.url}/accounts/saml/example-u/metadata/"
    served = idp.LoopbackIdp(keys, audience, attributes)
    threading.Thread(target=served.server.serve_forever, daemon=True).start()
    yield SocialApp.objects.create(
        provider="saml",
        provider_id="saml",
        name="Example University",
        client_id="example-u",
        settings={
            "idp": {"entity_id": idp.IDP_ENTITY_ID, "sso_url": served.sso_url, "x509cert": keys[1]},
            "verified_email": ["example.edu"],
            "advanced": {"strict": True, "want_assertion_signed": True},
        },
    )
    served.server.shutdown()
    served.server.server_close()


def test_signs_in_with_saml_from_the_login_page(
    live_server, phone: Page, saml_institution: SocialApp
) -> None:
    page = phone
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_role("link", name="Sign in with Example University").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send me back").click()
    page.wait_for_url(f"{live_server.url}/accounts/welcome/**")
    grace = User.objects.get(email="grace@example.edu")
    assert SocialAccount.objects.get(user=grace).uid == "u7@example.edu"
