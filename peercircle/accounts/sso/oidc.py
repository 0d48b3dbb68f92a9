"""OpenID Connect with every ID token checked, not only the ones a browser carried.

allauth's own adapter skips the ID token's signature when the token came from the token
endpoint (OpenID Connect Core 3.1.3.7 allows it) and sends no `nonce`. Here the signature is
always verified against the provider's published keys (asymmetric algorithms only: a
shared-secret HS256 token could be minted by anyone holding the client secret), and the
`nonce` sent with each authorization request must come back in the token it produced.

Wired in through allauth's own hooks: `SOCIALACCOUNT_PROVIDERS["openid_connect"]
["provider_class"]` and the two views below, served at allauth's own URLs.
"""

import json
import secrets
from typing import Any

import jwt
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404, HttpRequest, HttpResponse

from peercircle.accounts.sso.handoff import hand_off

# Public-key signatures only: an HMAC key would be the client secret, which we share.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
_NONCES = "sso_oidc_nonces"  # session key: {state id: nonce}
_MAX_PENDING = 8  # sign-ins started in other tabs and never finished


def _remember_nonce(request: HttpRequest, state_id: str, nonce: str) -> None:
    pending = dict(request.session.get(_NONCES, {}))
    while len(pending) >= _MAX_PENDING:
        pending.pop(next(iter(pending)))
    pending[state_id] = nonce
    request.session[_NONCES] = pending


def _take_nonce(request: HttpRequest) -> str | None:
    pending = dict(request.session.get(_NONCES, {}))
    nonce = pending.pop(request.GET.get("state", ""), None)
    request.session[_NONCES] = pending
    return nonce


def verify_id_token(
    *, token: str, jwks: dict[str, Any], issuer: str, audience: str, nonce: str | None
) -> dict[str, Any]:
    """The token's claims once its signature, issuer, audience, expiry and nonce hold.

    Raises OAuth2Error (allauth shows its sign-in failure page) for any other token.
    """
    try:
        header = jwt.get_unverified_header(token)
        algorithm = header.get("alg")
        if algorithm not in ALGORITHMS:
            raise OAuth2Error(f"ID token signed with {algorithm!r}: not accepted")
        keys = [k for k in jwks.get("keys", []) if k.get("kid") == header.get("kid")]
        if len(keys) != 1 or keys[0].get("alg", algorithm) != algorithm:
            raise OAuth2Error("ID token signed with a key the provider does not publish")
        key = jwt.PyJWK(keys[0], algorithm=algorithm).key
        claims: dict[str, Any] = jwt.decode(
            token,
            key=key,
            algorithms=[algorithm],
            issuer=issuer,
            audience=audience,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
    except (jwt.PyJWTError, ValueError, TypeError) as error:
        raise OAuth2Error("Invalid ID token") from error
    if nonce is None or not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise OAuth2Error("ID token nonce does not match this sign-in")
    return claims


class VerifiedOIDCAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict[str, Any]:
        with get_adapter().get_requests_session() as session:
            response = session.get(self.openid_config["jwks_uri"])
            response.raise_for_status()
            jwks = json.loads(response.content)
        return verify_id_token(
            token=id_token,
            jwks=jwks,
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            nonce=_take_nonce(self.request),
        )

    def complete_login(
        self, request: HttpRequest, app: SocialApp, token: Any, **kwargs: Any
    ) -> SocialLogin:
        if not kwargs["response"].get("id_token"):
            # Without an ID token nothing signed says who this is.
            raise OAuth2Error("The provider returned no ID token")
        login: SocialLogin = super().complete_login(request, app, token, **kwargs)
        return login


class VerifiedOIDCProvider(OpenIDConnectProvider):
    oauth2_adapter_class = VerifiedOIDCAdapter
    # allauth includes its own URLs for this provider; ours (urls.py) are listed first.
    package = "allauth.socialaccount.providers.openid_connect"

    def redirect(
        self,
        request: HttpRequest,
        process: Any,
        next_url: str | None = None,
        data: Any = None,
        **kwargs: Any,
    ) -> HttpResponse:
        nonce = secrets.token_urlsafe(32)
        state_id = get_adapter().generate_state_param({})
        auth_params = kwargs.pop("auth_params", None) or self.get_auth_params()
        auth_params["nonce"] = nonce
        _remember_nonce(request, state_id, nonce)
        response: HttpResponse = super().redirect(
            request, process, next_url, data, auth_params=auth_params, state_id=state_id, **kwargs
        )
        return response


@login_not_required
@hand_off
def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        view = OAuth2LoginView.adapter_view(VerifiedOIDCAdapter(request, provider_id))
        response: HttpResponse = view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    return response


@login_not_required
def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        view = OAuth2CallbackView.adapter_view(VerifiedOIDCAdapter(request, provider_id))
        response: HttpResponse = view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    return response
