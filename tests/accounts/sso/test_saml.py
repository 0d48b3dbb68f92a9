"""SAML sign-in end to end: a signed Response POSTed to the real ACS with strict=True."""

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from tests.accounts.sso import idp

SLUG = "example-u"
EMAIL_ATTR = "urn:oid:0.9.2342.19200300.100.1.3"
GIVEN_ATTR = "urn:oid:2.5.4.42"
FAMILY_ATTR = "urn:oid:2.5.4.4"
UID_ATTR = "urn:oasis:names:tc:SAML:attribute:subject-id"
ACS_URL = f"http://localhost/accounts/saml/{SLUG}/acs/"
AUDIENCE = f"http://localhost/accounts/saml/{SLUG}/metadata/"
ATTRIBUTES = {
    UID_ATTR: "u123@example.edu",
    EMAIL_ATTR: "ada@example.edu",
    GIVEN_ATTR: "Ada",
    FAMILY_ATTR: "Lovelace",
}


@pytest.fixture
def client():
    # python3-saml reads the Host header that every browser sends; Django's client omits it.
    return Client(HTTP_HOST="localhost")


@pytest.fixture(scope="module")
def idp_keys() -> tuple[str, str]:
    return idp.key_and_cert()


@pytest.fixture
def institution(db, idp_keys) -> SocialApp:
    return SocialApp.objects.create(
        provider="saml",
        provider_id="saml",
        name="Example University",
        client_id=SLUG,
        settings={
            "idp": {
                "entity_id": idp.IDP_ENTITY_ID,
                "sso_url": idp.IDP_SSO_URL,
                "x509cert": idp_keys[1],
            },
            "attribute_mapping": {
                "uid": [UID_ATTR],
                "email": [EMAIL_ATTR],
                "first_name": [GIVEN_ATTR],
                "last_name": [FAMILY_ATTR],
            },
            "verified_email": ["example.edu"],
            "advanced": {"strict": True, "want_assertion_signed": True},
        },
    )


def start_login(client) -> str:
    """The SP-initiated request: the ID the IdP's answer must be InResponseTo."""
    response = client.post(reverse("sso_saml_login", args=[SLUG]))
    query = parse_qs(urlparse(idp.handed_off(response)).query)
    request_xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(query["SAMLRequest"][0])
    match = re.search(
        rb'ID="([^"]+)"', request_xml if isinstance(request_xml, bytes) else request_xml.encode()
    )
    assert match
    return match.group(1).decode()


def post_to_acs(client, xml: str):
    response = client.post(reverse("saml_acs", args=[SLUG]), {"SAMLResponse": idp.encode(xml)})
    assert response.status_code == 302
    return client.get(response["Location"])


def signed(xml: str, keys: tuple[str, str]) -> str:
    return idp.sign_assertion(xml, *keys)


def response(request_id: str, **overrides: Any) -> str:
    kwargs: dict[str, Any] = {
        "acs_url": ACS_URL,
        "audience": AUDIENCE,
        "in_response_to": request_id,
        "attributes": ATTRIBUTES,
    }
    kwargs.update(overrides)
    return idp.response_xml(**kwargs)


def assert_refused(client, result) -> None:
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(email="ada@example.edu").exists()
    assert not SocialAccount.objects.exists()


def test_a_valid_signed_assertion_signs_in_and_creates_the_account(client, institution, idp_keys):
    result = post_to_acs(client, signed(response(start_login(client)), idp_keys))
    assert result.status_code == 302, result.content
    assert result["Location"] == reverse("sso_welcome")  # the time zone, asked once
    user = get_user_model().objects.get(email="ada@example.edu")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert (user.first_name, user.last_name) == ("Ada", "Lovelace")
    assert user.emailaddress_set.get().verified
    assert SocialAccount.objects.get(user=user).uid == "u123@example.edu"


def test_a_tampered_attribute_is_refused(client, institution, idp_keys):
    xml = signed(response(start_login(client)), idp_keys).replace(
        "ada@example.edu", "eve@example.edu"
    )
    assert_refused(client, post_to_acs(client, xml))
    assert not get_user_model().objects.filter(email="eve@example.edu").exists()


def test_an_expired_assertion_is_refused(client, institution, idp_keys):
    from datetime import timedelta

    xml = signed(response(start_login(client), valid_for=timedelta(minutes=-10)), idp_keys)
    assert_refused(client, post_to_acs(client, xml))


def test_a_wrong_audience_is_refused(client, institution, idp_keys):
    xml = signed(response(start_login(client), audience="https://other.example/sp"), idp_keys)
    assert_refused(client, post_to_acs(client, xml))


def test_an_unsigned_assertion_is_refused(client, institution):
    assert_refused(client, post_to_acs(client, response(start_login(client))))


def test_a_certificate_that_is_not_the_idps_is_refused(client, institution):
    xml = signed(response(start_login(client)), idp.key_and_cert())
    assert_refused(client, post_to_acs(client, xml))


def test_a_replayed_assertion_is_refused(client, institution, idp_keys, django_user_model):
    request_id = start_login(client)
    xml = signed(response(request_id, assertion_id="_replayed"), idp_keys)
    assert post_to_acs(client, xml).status_code == 302
    client.logout()
    django_user_model.objects.all().delete()
    start_login(client)
    assert_refused(client, post_to_acs(client, xml))


def test_an_idp_that_releases_no_email_is_refused_with_a_message(client, institution, idp_keys):
    attributes = {UID_ATTR: "u123@example.edu", GIVEN_ATTR: "Ada"}
    result = post_to_acs(
        client, signed(response(start_login(client), attributes=attributes), idp_keys)
    )
    assert result.status_code == 403
    assert b"did not tell us your email address" in result.content
    assert not get_user_model().objects.exists()


def test_sp_metadata_is_public_at_a_stable_url(client, institution):
    page = client.get(f"/accounts/saml/{SLUG}/metadata/")
    assert page.status_code == 200
    assert f'entityID="{AUDIENCE}"'.encode() in page.content
    assert ACS_URL.encode() in page.content


def test_sp_metadata_of_an_unknown_institution_is_404(client, db):
    assert client.get("/accounts/saml/nobody/metadata/").status_code == 404


def test_an_existing_account_is_not_taken_over(client, institution, idp_keys, django_user_model):
    from allauth.account.models import EmailAddress

    owner = django_user_model.objects.create_user(username="ada", email="ada@example.edu")
    EmailAddress.objects.create(user=owner, email="ada@example.edu", verified=True, primary=True)
    result = post_to_acs(client, signed(response(start_login(client)), idp_keys))
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()
    # allauth neither links nor reveals the account: it mails the address (prevention of
    # enumeration); the owner signs in and connects the institution from there.
    assert result.status_code == 302
    assert result["Location"] == "/accounts/confirm-email/"
    assert django_user_model.objects.get().pk == owner.pk
