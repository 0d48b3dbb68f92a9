"""Personal access tokens: hashed, prefixed, expiring, revocable, revoked when unused."""

import hashlib
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from peercircle.api.actions.tokens import token_create, token_revoke, tokens_revoke_unused
from peercircle.api.models import ApiToken
from peercircle.mail.scheduler import producers
from tests.conftest import Cast

ME = "/api/v1/me"


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_token_is_stored_as_its_hash_with_a_visible_prefix(now: datetime, cast: Cast) -> None:
    new = token_create(user=cast.member, name="laptop", scopes=["me:read"])
    stored = ApiToken.objects.get()
    assert new.secret not in str(stored.__dict__)
    assert stored.digest == hashlib.sha256(new.secret.encode()).hexdigest()
    assert new.secret.startswith(stored.prefix) and len(stored.prefix) == 10
    assert stored.expires_at == now + timedelta(days=90)


def test_bad_token_input_is_refused_with_the_field(now: datetime, cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        token_create(user=cast.member, name="x", scopes=["root:all"])
    assert "scopes" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        token_create(user=cast.member, name=" ", scopes=["me:read"])
    assert "name" in error.value.error_dict


def test_token_works_until_it_expires(now: datetime, cast: Cast) -> None:
    new = token_create(user=cast.member, name="t", scopes=["me:read"])
    response = bearer(new.secret).get(ME)
    assert response.status_code == 200
    assert response.json()["email"] == cast.member.email
    new.token.refresh_from_db()
    assert new.token.last_used_at == now
    with time_machine.travel(now + timedelta(days=91), tick=False):
        expired = bearer(new.secret).get(ME)
    assert expired.status_code == 401
    assert expired["Content-Type"] == "application/problem+json"


def test_revoked_token_is_refused(now: datetime, cast: Cast) -> None:
    new = token_create(user=cast.member, name="t", scopes=["me:read"])
    token_revoke(token=new.token)
    assert bearer(new.secret).get(ME).status_code == 401


def test_no_session_and_no_token_is_401_not_a_login_redirect(now: datetime, cast: Cast) -> None:
    assert Client().get(ME).status_code == 401
    # A signed-in browser session is not enough: the API takes tokens only.
    assert cast.client_for(cast.member).get(ME).status_code == 401
    assert bearer("pc_not-a-token").get(ME).status_code == 401


def test_tokens_unused_for_180_days_are_revoked(now: datetime, cast: Cast) -> None:
    used = token_create(
        user=cast.member, name="used", scopes=["me:read"], lifetime=timedelta(days=366)
    )
    idle = token_create(
        user=cast.member, name="idle", scopes=["me:read"], lifetime=timedelta(days=366)
    )
    with time_machine.travel(now + timedelta(days=100), tick=False):
        assert bearer(used.secret).get(ME).status_code == 200
    with time_machine.travel(now + timedelta(days=181), tick=False):
        call_command("revoke_unused_tokens", stdout=None)
        assert tokens_revoke_unused() == 0
    used.token.refresh_from_db()
    idle.token.refresh_from_db()
    assert used.token.revoked_at is None
    assert idle.token.revoked_at is not None


def test_account_page_creates_shows_once_and_revokes(now: datetime, cast: Cast) -> None:
    client = cast.client_for(cast.member)
    response = client.post(
        "/accounts/tokens/", {"name": "script", "scopes": ["me:read"], "days": "30"}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    secret = response.content.decode().split("<code>")[1].split("</code>")[0]
    assert secret.startswith(token.prefix)
    assert secret not in client.get("/accounts/tokens/").content.decode()
    assert token.expires_at == now + timedelta(days=30)
    # Someone else cannot revoke it; its owner can.
    other = cast.client_for(cast.other_member)
    assert other.post(f"/accounts/tokens/{token.pk}/revoke").status_code == 404
    assert client.get(f"/accounts/tokens/{token.pk}/revoke").status_code == 405
    assert client.post(f"/accounts/tokens/{token.pk}/revoke").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_pages_need_a_session(now: datetime, cast: Cast) -> None:
    assert Client().get("/accounts/tokens/").status_code == 302
    assert Client().get("/api/v1/docs").status_code == 200
    assert Client().get("/api/v1/openapi.json").status_code == 200


def test_the_scheduler_revokes_unused_tokens(now: datetime, cast: Cast) -> None:
    idle = token_create(
        user=cast.member, name="idle", scopes=["me:read"], lifetime=timedelta(days=366)
    )
    for producer in producers():
        producer(now + timedelta(days=181))
    idle.token.refresh_from_db()
    assert idle.token.revoked_at is not None
