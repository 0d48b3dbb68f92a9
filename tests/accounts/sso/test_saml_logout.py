"""SAML single logout started by the IdP: a signed LogoutRequest ends the session; an
unsigned one, or one signed with another key, changes nothing."""

import base64
import uuid
from datetime import UTC, datetime
from urllib.parse import quote_plus

import pytest
from allauth.socialaccount.models import SocialApp
from django.urls import reverse
from onelogin.saml2.constants import OneLogin_Saml2_Constants
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from tests.accounts.sso import idp
from tests.accounts.sso.test_saml import (  # noqa: F401 - fixtures
    SLUG,
    client,
    idp_keys,
    institution,
    post_to_acs,
    response,
    signed,
    start_login,
)

SLS_URL = f"http://localhost/accounts/saml/{SLUG}/sls/"
IDP_SLO_URL = "https://idp.example.edu/idp/profile/SAML2/Redirect/SLO"


@pytest.fixture
def signed_in(client, institution: SocialApp, idp_keys):  # noqa: F811
    institution.settings["idp"]["slo_url"] = IDP_SLO_URL
    institution.save(update_fields=["settings"])
    post_to_acs(client, signed(response(start_login(client)), idp_keys))
    assert "_auth_user_id" in client.session
    return client


def logout_request(key: str | None) -> dict[str, str]:
    """The query of an HTTP-Redirect LogoutRequest, signed with `key` unless None."""
    instant = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    xml = (
        '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
        f'ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{instant}" '
        f'Destination="{SLS_URL}"><saml:Issuer>{idp.IDP_ENTITY_ID}</saml:Issuer>'
        '<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">'
        "u123@example.edu</saml:NameID></samlp:LogoutRequest>"
    )
    query = {"SAMLRequest": OneLogin_Saml2_Utils.deflate_and_base64_encode(xml)}
    if key is None:
        return query
    query["SigAlg"] = OneLogin_Saml2_Constants.RSA_SHA256
    message = f"SAMLRequest={quote_plus(query['SAMLRequest'])}&SigAlg={quote_plus(query['SigAlg'])}"
    signature = OneLogin_Saml2_Utils.sign_binary(message, key)
    query["Signature"] = base64.b64encode(signature).decode()
    return query


def test_permission_checklist(client, institution):  # noqa: F811
    # Anyone may deliver a logout message (the IdP sends the browser); only a signed one acts.
    url = reverse("sso_saml_sls", args=[SLUG])
    assert client.get(url, logout_request(None)).status_code == 400
    assert client.get(reverse("sso_saml_sls", args=["nobody"])).status_code == 404


def test_a_signed_logout_request_from_the_idp_ends_the_session(signed_in, idp_keys):  # noqa: F811
    answer = signed_in.get(reverse("sso_saml_sls", args=[SLUG]), logout_request(idp_keys[0]))
    assert answer.status_code == 302
    assert answer["Location"].startswith(IDP_SLO_URL)  # the LogoutResponse goes back
    assert "_auth_user_id" not in signed_in.session


def test_an_unsigned_logout_request_is_refused(signed_in):
    answer = signed_in.get(reverse("sso_saml_sls", args=[SLUG]), logout_request(None))
    assert answer.status_code == 400
    assert "_auth_user_id" in signed_in.session


def test_a_logout_request_signed_with_another_key_is_refused(signed_in):
    stranger = idp.key_and_cert()[0]
    answer = signed_in.get(reverse("sso_saml_sls", args=[SLUG]), logout_request(stranger))
    assert answer.status_code == 400
    assert "_auth_user_id" in signed_in.session
