"""The login page: a button per institution; an institution's address goes to its IdP."""

import pytest
from allauth.socialaccount.models import SocialApp
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def institution() -> SocialApp:
    return SocialApp.objects.create(
        provider="openid_connect",
        provider_id="example-tech",
        name="Example Tech",
        client_id="peercircle",
        secret="s",
        settings={"server_url": "https://login.tech.example", "verified_email": ["tech.example"]},
    )


def test_the_login_page_offers_each_institution(client, institution):
    page = client.get(reverse("account_login"))
    assert b"Sign in with Example Tech" in page.content
    assert b"/accounts/oidc/example-tech/login/" in page.content


def test_no_institution_no_section(client):
    assert b"university" not in client.get(reverse("account_login")).content


def test_an_institutions_address_goes_to_its_idp(client, institution):
    response = client.post(reverse("account_login"), {"login": "Ada@Tech.Example", "password": ""})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/oidc/example-tech/login/")


def test_password_login_stays_open_when_the_setting_says_so(client, institution, settings):
    settings.SSO_PASSWORD_LOGIN_FOR_SSO_DOMAINS = True
    response = client.post(
        reverse("account_login"), {"login": "ada@tech.example", "password": PASSWORD}
    )
    assert response.status_code == 200  # the form again: no such account


def test_other_addresses_still_log_in_with_a_password(client, institution):
    response = client.post(reverse("account_login"), {"login": "ada@else.example", "password": "x"})
    assert response.status_code == 200


def test_the_browser_may_submit_an_empty_password_when_an_institution_has_sso(client, institution):
    page = client.get(reverse("account_login")).content.decode()
    password = page[page.index('name="password"') :].split(">")[0]
    assert "required" not in password


def test_without_sso_the_password_is_required_in_the_browser(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "required" in page[page.index('name="password"') :].split(">")[0]


def test_an_empty_password_for_another_address_is_still_refused(client, institution):
    response = client.post(reverse("account_login"), {"login": "ada@else.example", "password": ""})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_institutions_address_keeps_where_the_person_was_going(client, institution):
    form = {"login": "ada@tech.example", "password": "", "next": "/programs/"}
    response = client.post(reverse("account_login"), form)
    assert response["Location"] == "/accounts/oidc/example-tech/login/?next=%2Fprograms%2F"
