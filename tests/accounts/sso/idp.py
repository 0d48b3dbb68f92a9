"""A SAML identity provider inside the test: its own key and certificate, real signatures.

Responses are built as XML and signed with python3-saml's own `add_sign`; nothing in the
service provider is patched.
"""

import base64
import html
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from onelogin.saml2.utils import OneLogin_Saml2_Utils

from peercircle.accounts.sso.certificates import self_signed

IDP_ENTITY_ID = "https://idp.example.edu/idp/shibboleth"
IDP_SSO_URL = "https://idp.example.edu/idp/profile/SAML2/Redirect/SSO"


def key_and_cert(common_name: str = "idp.example.edu") -> tuple[str, str]:
    """A fresh RSA key and a self-signed certificate for it, both PEM."""
    return self_signed(common_name)


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def response_xml(
    *,
    acs_url: str,
    audience: str,
    in_response_to: str,
    attributes: dict[str, str],
    name_id: str = "u123@example.edu",
    assertion_id: str | None = None,
    valid_for: timedelta = timedelta(minutes=5),
) -> str:
    """A successful Response carrying one Assertion with the given attributes."""
    now = datetime.now(UTC)
    until = _instant(now + valid_for)
    issued = _instant(now - timedelta(seconds=5))
    statements = "".join(
        f'<saml:Attribute Name="{name}" '
        'NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">'
        f'<saml:AttributeValue xsi:type="xs:string">{value}</saml:AttributeValue>'
        "</saml:Attribute>"
        for name, value in attributes.items()
    )
    return (
        '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
        f'ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{issued}" '
        f'Destination="{acs_url}" InResponseTo="{in_response_to}">'
        f"<saml:Issuer>{IDP_ENTITY_ID}</saml:Issuer>"
        '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>'
        "</samlp:Status>"
        '<saml:Assertion xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'ID="{assertion_id or "_" + uuid.uuid4().hex}" Version="2.0" IssueInstant="{issued}">'
        f"<saml:Issuer>{IDP_ENTITY_ID}</saml:Issuer>"
        "<saml:Subject>"
        '<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">'
        f"{name_id}</saml:NameID>"
        '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData NotOnOrAfter="{until}" Recipient="{acs_url}" '
        f'InResponseTo="{in_response_to}"/>'
        "</saml:SubjectConfirmation></saml:Subject>"
        f'<saml:Conditions NotBefore="{issued}" NotOnOrAfter="{until}">'
        f"<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience>"
        "</saml:AudienceRestriction></saml:Conditions>"
        f'<saml:AuthnStatement AuthnInstant="{issued}" SessionIndex="_s{uuid.uuid4().hex}">'
        "<saml:AuthnContext><saml:AuthnContextClassRef>"
        "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
        "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
        f"<saml:AttributeStatement>{statements}</saml:AttributeStatement>"
        "</saml:Assertion></samlp:Response>"
    )


def sign_assertion(xml: str, key: str, cert: str) -> str:
    """Sign the Assertion inside the Response (the Response itself stays unsigned)."""
    from lxml import etree

    root = etree.fromstring(xml.encode())
    assertion = root.find("{urn:oasis:names:tc:SAML:2.0:assertion}Assertion")
    # Signed on its own (given the element, add_sign would sign its whole document).
    signed = OneLogin_Saml2_Utils.add_sign(etree.tostring(assertion), key, cert)
    root.replace(assertion, etree.fromstring(signed))
    return etree.tostring(root).decode()


def sign_response(xml: str, key: str, cert: str) -> str:
    return OneLogin_Saml2_Utils.add_sign(xml, key, cert).decode()


def encode(xml: str) -> str:
    return base64.b64encode(xml.encode()).decode()


def handed_off(response: Any) -> str:
    """The IdP URL on our "Continuing to <host>" page (what the browser follows next)."""
    assert response.status_code == 200, response.content
    assert b"Continuing to" in response.content
    match = re.search(r'href="([^"]+)" data-hand-off', response.content.decode())
    assert match, response.content
    return html.unescape(match.group(1))


class LoopbackIdp:
    """An IdP on loopback for browsers: its SSO URL answers an AuthnRequest at once with a
    page whose button POSTs a Response, signed with `keys`, to the ACS it names."""

    def __init__(self, keys: tuple[str, str], audience: str, attributes: dict[str, str]) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from urllib.parse import parse_qs, urlparse

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                query = parse_qs(urlparse(self.path).query)
                request = OneLogin_Saml2_Utils.decode_base64_and_inflate(query["SAMLRequest"][0])
                text = request.decode() if isinstance(request, bytes) else request
                request_id = re.search(r'ID="([^"]+)"', text)
                acs = re.search(r'AssertionConsumerServiceURL="([^"]+)"', text)
                assert request_id and acs
                xml = response_xml(
                    acs_url=acs.group(1),
                    audience=audience,
                    in_response_to=request_id.group(1),
                    attributes=attributes,
                )
                body = (
                    "<!doctype html><title>Example IdP</title>"
                    f'<form method="post" action="{html.escape(acs.group(1))}">'
                    '<input type="hidden" name="SAMLResponse" '
                    f'value="{encode(sign_assertion(xml, *keys))}">'
                    "<button>Send me back</button></form>"
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.sso_url = f"http://127.0.0.1:{self.server.server_address[1]}/sso"
