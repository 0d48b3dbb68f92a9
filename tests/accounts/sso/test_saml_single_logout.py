"""SAML single logout started here: logging out of Peercircle sends a LogoutRequest to the
IdP (through the "Continuing to" page), and the IdP's LogoutResponse is checked. Real
signatures throughout; nothing in python3-saml's validation is patched."""

import base64
import re
import uuid
from datetime import UTC, datetime
from urllib.parse import parse_qs, quote_plus, urlsplit

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
from tests.accounts.sso.test_saml_logout import IDP_SLO_URL, SLS_URL


@pytest.fixture(scope="module")
def sp_keys() -> tuple[str, str]:
    return idp.key_and_cert("peercircle.example")


def sign_in(client, institution: SocialApp, idp_keys, *, slo: bool) -> str:  # noqa: F811
    """Sign in through the IdP; return the SessionIndex the IdP gave this session."""
    if slo:
        institution.settings["idp"]["slo_url"] = IDP_SLO_URL
        institution.save(update_fields=["settings"])
    xml = signed(response(start_login(client)), idp_keys)
    post_to_acs(client, xml)
    assert "_auth_user_id" in client.session
    match = re.search(r'SessionIndex="([^"]+)"', xml)
    assert match
    return match.group(1)


def log_out(client) -> dict[str, str]:  # noqa: F811
    """POST the logout; return the query of the LogoutRequest we are handed off with."""
    page = client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session
    assert b"signs you out on its own site" in page.content
    url = idp.handed_off(page)
    assert url.startswith(IDP_SLO_URL + "?")
    raw = urlsplit(url).query
    return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()} | {"_raw": raw}


def logout_response(in_response_to: str, key: str, status: str = "Success") -> dict[str, str]:
    """The IdP's HTTP-Redirect LogoutResponse, signed with `key`."""
    instant = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    xml = (
        '<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
        f'ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{instant}" '
        f'Destination="{SLS_URL}" InResponseTo="{in_response_to}">'
        f"<saml:Issuer>{idp.IDP_ENTITY_ID}</saml:Issuer>"
        f'<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:{status}"/>'
        "</samlp:Status></samlp:LogoutResponse>"
    )
    query = {
        "SAMLResponse": OneLogin_Saml2_Utils.deflate_and_base64_encode(xml),
        "SigAlg": OneLogin_Saml2_Constants.RSA_SHA256,
    }
    message = "&".join(f"{k}={quote_plus(v)}" for k, v in query.items())
    query["Signature"] = base64.b64encode(OneLogin_Saml2_Utils.sign_binary(message, key)).decode()
    return query


def request_xml(query: dict[str, str]) -> str:
    xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(query["SAMLRequest"])
    return xml.decode() if isinstance(xml, bytes) else xml


def test_logout_with_slo_ends_the_session_and_sends_a_signed_logout_request(
    client,  # noqa: F811
    institution,  # noqa: F811
    idp_keys,  # noqa: F811
    sp_keys,
):
    institution.settings["advanced"].update(private_key=sp_keys[0], x509cert=sp_keys[1])
    institution.save(update_fields=["settings"])
    session_index = sign_in(client, institution, idp_keys, slo=True)
    query = log_out(client)
    xml = request_xml(query)
    assert "<samlp:LogoutRequest" in xml
    assert ">u123@example.edu</saml:NameID>" in xml
    assert f"<samlp:SessionIndex>{session_index}</samlp:SessionIndex>" in xml
    assert f'Destination="{IDP_SLO_URL}"' in xml
    # The IdP checks our signature with the certificate in our SP metadata: it covers
    # SAMLRequest, RelayState and SigAlg as sent (SAML bindings 3.4.4.1).
    sent = dict(part.split("=", 1) for part in query["_raw"].split("&"))
    signed_part = "&".join(f"{k}={sent[k]}" for k in ("SAMLRequest", "RelayState", "SigAlg"))
    signature = base64.b64decode(query["Signature"])
    assert OneLogin_Saml2_Utils.validate_binary_sign(
        signed_part, signature, sp_keys[1], query["SigAlg"]
    )
    assert not OneLogin_Saml2_Utils.validate_binary_sign(
        signed_part.replace("SAMLRequest=", "SAMLRequest=x"), signature, sp_keys[1]
    )


def test_without_an_sp_key_the_logout_request_goes_unsigned(client, institution, idp_keys):  # noqa: F811
    sign_in(client, institution, idp_keys, slo=True)
    query = log_out(client)
    assert "Signature" not in query
    assert "u123@example.edu" in request_xml(query)


def test_an_idp_without_single_logout_is_only_logged_out_here(client, institution, idp_keys):  # noqa: F811
    sign_in(client, institution, idp_keys, slo=False)
    page = client.post(reverse("account_logout"))
    assert page.status_code == 302
    assert urlsplit(page["Location"]).netloc == ""
    assert "_auth_user_id" not in client.session


def test_a_password_login_is_only_logged_out_here(client, django_user_model):  # noqa: F811
    client.force_login(django_user_model.objects.create_user(username="bo", email="b@x.test"))
    page = client.post(reverse("account_logout"))
    assert page.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_valid_logout_response_shows_signed_out(
    client,  # noqa: F811
    institution,  # noqa: F811
    idp_keys,  # noqa: F811
    django_assert_max_num_queries,
):
    sign_in(client, institution, idp_keys, slo=True)
    request_id = re.search(r'ID="([^"]+)"', request_xml(log_out(client)))
    assert request_id
    # Query budget: the session (read, then saved without the pending request, in a
    # savepoint: 3) and the institution.
    with django_assert_max_num_queries(5):
        page = client.get(SLS_URL, logout_response(request_id.group(1), idp_keys[0]))
    assert page.status_code == 200
    assert b"Signed out" in page.content
    assert "_auth_user_id" not in client.session
    # Used once: the same answer again is refused.
    again = client.get(SLS_URL, logout_response(request_id.group(1), idp_keys[0]))
    assert again.status_code == 400


@pytest.mark.parametrize("attack", ["tampered", "stranger", "unsigned", "other_request", "fail"])
def test_a_bad_logout_response_is_refused_and_signs_nobody_in(
    client,  # noqa: F811
    institution,  # noqa: F811
    idp_keys,  # noqa: F811
    attack,
):
    sign_in(client, institution, idp_keys, slo=True)
    request_id = re.search(r'ID="([^"]+)"', request_xml(log_out(client)))
    assert request_id
    key = idp.key_and_cert()[0] if attack == "stranger" else idp_keys[0]
    in_response_to = "_someone_elses" if attack == "other_request" else request_id.group(1)
    status = "Responder" if attack == "fail" else "Success"
    query = logout_response(in_response_to, key, status)
    if attack == "tampered":
        xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(query["SAMLResponse"]).decode()
        query["SAMLResponse"] = OneLogin_Saml2_Utils.deflate_and_base64_encode(
            xml.replace("Success", "Success ")
        )
    if attack == "unsigned":
        del query["Signature"], query["SigAlg"]
    page = client.get(SLS_URL, query)
    assert page.status_code == 400
    assert b"Sign-out message refused" in page.content
    assert "_auth_user_id" not in client.session


def test_permission_checklist(client, institution):  # noqa: F811
    # Logout: anyone may POST it (it ends only their own session); GET asks to confirm.
    assert client.post(reverse("sso_logout")).status_code == 302
    assert client.get(reverse("sso_logout")).status_code == 302
    # The end of a sign-in with no SAML Response behind it: allauth's error page, no session.
    finish = client.get(reverse("sso_saml_finish", args=[SLUG]))
    assert finish.status_code == 401
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("sso_saml_finish", args=["nobody"])).status_code == 404
    # A LogoutResponse nobody here asked for is refused; an unknown institution is 404.
    assert client.get(SLS_URL, {"SAMLResponse": "x"}).status_code == 400
    assert (
        client.get(reverse("sso_saml_sls", args=["nobody"]), {"SAMLResponse": "x"}).status_code
        == 404
    )
