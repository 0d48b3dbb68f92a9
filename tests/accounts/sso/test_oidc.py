"""OpenID Connect sign-in end to end against a provider served on loopback in the test.

The provider issues real RS256 ID tokens (PyJWT + cryptography) and publishes its key at
its jwks_uri. Nothing in the service provider is patched: each refused case is a token that
the real checks (accounts/sso/oidc.py) turn away.
"""

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.accounts.sso import idp, op
from tests.accounts.sso.op import CLIENT_ID, KEY, OTHER_KEY, Provider, serve


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    yield from serve()


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def institution(db, provider) -> SocialApp:
    provider.signing_key, provider.algorithm = KEY, "RS256"
    return op.institution(provider)


def sign_in(client: Client, provider: Provider, *, state: str | None = None) -> Any:
    start = client.post("/accounts/oidc/example-tech/login/")
    query = parse_qs(urlparse(idp.handed_off(start)).query)
    assert query["client_id"] == [CLIENT_ID]
    provider.nonce = query["nonce"][0]
    return client.get(
        "/accounts/oidc/example-tech/login/callback/",
        {"code": "c0de", "state": state or query["state"][0]},
    )


def assert_refused(client: Client) -> None:
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.exists()
    assert not SocialAccount.objects.exists()


def test_a_valid_id_token_signs_in_and_creates_the_account(client, institution, provider):
    result = sign_in(client, provider)
    assert result.status_code == 302, result.content
    assert result["Location"] == "/accounts/welcome/"  # the time zone, asked once
    user = get_user_model().objects.get(email="ada@tech.example")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert (user.first_name, user.last_name) == ("Ada", "Lovelace")
    assert user.emailaddress_set.get().verified


def test_a_token_for_another_client_is_refused(client, institution, provider):
    provider.claims = {"aud": "someone-else"}
    sign_in(client, provider)
    assert_refused(client)


def test_an_expired_token_is_refused(client, institution, provider):
    provider.claims = {"exp": int(time.time()) - 60}
    sign_in(client, provider)
    assert_refused(client)


def test_a_token_from_another_issuer_is_refused(client, institution, provider):
    provider.claims = {"iss": "https://evil.example"}
    sign_in(client, provider)
    assert_refused(client)


def test_a_state_mismatch_is_refused(client, institution, provider):
    sign_in(client, provider, state="forged")
    assert_refused(client)


def test_no_email_is_refused_with_a_message(client, institution, provider):
    provider.claims = {"email": None}
    result = sign_in(client, provider)
    assert result.status_code == 403
    assert b"did not tell us your email address" in result.content
    assert_refused(client)


def test_a_token_signed_with_another_key_is_refused(client, institution, provider):
    provider.signing_key = OTHER_KEY
    sign_in(client, provider)
    assert_refused(client)


def test_a_token_signed_with_a_shared_secret_is_refused(client, institution, provider):
    # HS256 with the client secret: anyone holding the secret could mint it.
    provider.signing_key, provider.algorithm = "s3cret" * 6, "HS256"
    sign_in(client, provider)
    assert_refused(client)


def test_a_token_with_another_sign_ins_nonce_is_refused(client, institution, provider):
    provider.claims = {"nonce": "from-another-sign-in"}
    sign_in(client, provider)
    assert_refused(client)


def test_a_token_without_a_nonce_is_refused(client, institution, provider):
    provider.claims = {"nonce": None}
    sign_in(client, provider)
    assert_refused(client)


def test_a_nonce_is_good_for_one_sign_in_only(client, institution, provider):
    first = client.post("/accounts/oidc/example-tech/login/")
    query = parse_qs(urlparse(idp.handed_off(first)).query)
    state, provider.nonce = query["state"][0], query["nonce"][0]
    client.get("/accounts/oidc/example-tech/login/callback/", {"code": "c", "state": state})
    client.logout()
    get_user_model().objects.all().delete()
    # The same answer again: allauth has spent the state, and the nonce is spent with it.
    client.get("/accounts/oidc/example-tech/login/callback/", {"code": "c", "state": state})
    assert_refused(client)


def test_permission_checklist_of_the_sign_in_routes(client, institution, django_user_model):
    start = reverse("sso_oidc_login", args=["example-tech"])
    back = reverse("sso_oidc_back", args=["example-tech"])
    # Anonymous: a GET only shows the button (no redirect on GET); a POST goes to the IdP.
    assert client.get(start).status_code == 200
    assert idp.handed_off(client.post(start)).startswith(institution.settings["server_url"])
    # No such institution: 404 on both.
    assert client.post(reverse("sso_oidc_login", args=["nobody"])).status_code == 404
    assert client.get(reverse("sso_oidc_back", args=["nobody"])).status_code == 404
    # A callback nobody started signs nobody in, and is not an error page of ours.
    assert client.get(back, {"code": "c", "state": "none"}).status_code == 401
    assert_refused(client)
    # Signed in: connecting the institution to this account goes to the IdP too.
    client.force_login(django_user_model.objects.create_user(username="u", email="u@x.example"))
    connect = client.post(start, {"process": "connect"})
    assert idp.handed_off(connect).startswith(institution.settings["server_url"])


def test_the_first_sign_in_keeps_where_the_person_was_going(client, institution, provider):
    start = client.post("/accounts/oidc/example-tech/login/", {"next": "/programs/"})
    query = parse_qs(urlparse(idp.handed_off(start)).query)
    provider.nonce = query["nonce"][0]
    result = client.get(
        "/accounts/oidc/example-tech/login/callback/", {"code": "c", "state": query["state"][0]}
    )
    assert result["Location"] == "/accounts/welcome/?next=%2Fprograms%2F"


def test_the_owner_signed_in_connects_the_institution_to_the_account(
    client, institution, provider, django_user_model
):
    from allauth.account.models import EmailAddress

    owner = django_user_model.objects.create_user(username="ada", email="ada@tech.example")
    EmailAddress.objects.create(user=owner, email="ada@tech.example", verified=True, primary=True)
    client.force_login(owner)
    start = client.post("/accounts/oidc/example-tech/login/", {"process": "connect"})
    query = parse_qs(urlparse(idp.handed_off(start)).query)
    provider.nonce = query["nonce"][0]
    client.get(
        "/accounts/oidc/example-tech/login/callback/", {"code": "c", "state": query["state"][0]}
    )
    assert SocialAccount.objects.get().user == owner
    # From then on the institution signs the owner in, with no mail and no password.
    client.logout()
    sign_in(client, provider)
    assert client.session["_auth_user_id"] == str(owner.pk)
    assert django_user_model.objects.count() == 1


def test_an_existing_account_is_not_signed_into_by_the_idp_alone(
    client, institution, provider, django_user_model
):
    from allauth.account.models import EmailAddress

    owner = django_user_model.objects.create_user(username="ada", email="ada@tech.example")
    EmailAddress.objects.create(user=owner, email="ada@tech.example", verified=True, primary=True)
    sign_in(client, provider)
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()
