"""An OpenID Connect provider on loopback inside the test: its own RSA key, real RS256 ID
tokens, its key published at its jwks_uri. Browsers can walk through /authorize, which
answers at once with a code (no login form): the person is whoever `claims` says.
"""

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from allauth.socialaccount.models import SocialApp
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "peercircle"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Provider:
    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.claims: dict[str, Any] = {}
        self.nonce = ""
        self.signing_key: Any = KEY
        self.algorithm = "RS256"

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
            "nonce": self.nonce,
        }
        claims.update(self.claims)
        return jwt.encode(claims, self.signing_key, algorithm=self.algorithm, headers={"kid": "k1"})

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
                if self.path.startswith("/authorize?"):
                    query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
                    provider.nonce = query.get("nonce", "")
                    back = {"code": "c0de", "state": query["state"]}
                    self.send_response(302)
                    self.send_header("Location", f"{query['redirect_uri']}?{urlencode(back)}")
                    self.end_headers()
                elif self.path == "/.well-known/openid-configuration":
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


def serve() -> Iterator[Provider]:
    """A running provider for the length of a fixture."""
    served = Provider()
    thread = threading.Thread(target=served.server.serve_forever, daemon=True)
    thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


def institution(provider: Provider) -> SocialApp:
    """The institution that signs in through `provider` (Example Tech, tech.example)."""
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
