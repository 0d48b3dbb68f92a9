"""OpenID Connect sign-in end to end against a provider served on loopback in the test.

The provider issues real RS256 ID tokens (PyJWT + cryptography). allauth reads the ID token
from the token endpoint over a direct back-channel, so per OpenID Connect Core 3.1.3.7 it
checks issuer, audience and expiry there but not the signature (TLS vouches for the sender);
it sends no nonce. Those two cases are therefore not tested here (see docs/deploy.md).
"""

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.test import Client

CLIENT_ID = "peercircle"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Provider:
    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.claims: dict[str, Any] = {}

    def id_token(self) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": "u-42",
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "email": "ada@tech.example",
            "email_verified": True,
            "given_name": "Ada",
            "family_name": "Lovelace",
        }
        claims.update(self.claims)
        return jwt.encode(claims, KEY, algorithm="RS256", headers={"kid": "k1"})

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _json(self, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path == "/.well-known/openid-configuration":
                    self._json(
                        {
                            "issuer": provider.issuer,
                            "authorization_endpoint": f"{provider.issuer}/authorize",
                            "token_endpoint": f"{provider.issuer}/token",
                            "userinfo_endpoint": f"{provider.issuer}/userinfo",
                            "jwks_uri": f"{provider.issuer}/jwks",
                        }
                    )
                elif self.path == "/jwks":
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
                    self._json({"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]})
                else:
                    self.send_error(404)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                self.rfile.read(length)
                self._json(
                    {"access_token": "at", "token_type": "Bearer", "id_token": provider.id_token()}
                )

        return Handler


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    served = Provider()
    thread = threading.Thread(target=served.server.serve_forever, daemon=True)
    thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def institution(db, provider) -> SocialApp:
    provider.claims = {}
    return SocialApp.objects.create(
        provider="openid_connect",
        provider_id="example-tech",
        name="Example Tech",
        client_id=CLIENT_ID,
        secret="s3cret",
        settings={
            "server_url": provider.issuer,
            "verified_email": ["tech.example"],
            "fetch_userinfo": False,
        },
    )


def sign_in(client: Client, *, state: str | None = None) -> Any:
    start = client.post("/accounts/oidc/example-tech/login/")
    assert start.status_code == 302, start.content
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["client_id"] == [CLIENT_ID]
    return client.get(
        "/accounts/oidc/example-tech/login/callback/",
        {"code": "c0de", "state": state or query["state"][0]},
    )


def assert_refused(client: Client) -> None:
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.exists()
    assert not SocialAccount.objects.exists()


def test_a_valid_id_token_signs_in_and_creates_the_account(client, institution):
    result = sign_in(client)
    assert result.status_code == 302, result.content
    assert result["Location"] == "/accounts/profile/"  # the time zone, asked once
    user = get_user_model().objects.get(email="ada@tech.example")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert (user.first_name, user.last_name) == ("Ada", "Lovelace")
    assert user.emailaddress_set.get().verified


def test_a_token_for_another_client_is_refused(client, institution, provider):
    provider.claims = {"aud": "someone-else"}
    sign_in(client)
    assert_refused(client)


def test_an_expired_token_is_refused(client, institution, provider):
    provider.claims = {"exp": int(time.time()) - 60}
    sign_in(client)
    assert_refused(client)


def test_a_token_from_another_issuer_is_refused(client, institution, provider):
    provider.claims = {"iss": "https://evil.example"}
    sign_in(client)
    assert_refused(client)


def test_a_state_mismatch_is_refused(client, institution):
    sign_in(client, state="forged")
    assert_refused(client)


def test_no_email_is_refused_with_a_message(client, institution, provider):
    provider.claims = {"email": None}
    result = sign_in(client)
    assert result.status_code == 403
    assert b"did not tell us your email address" in result.content
    assert_refused(client)
