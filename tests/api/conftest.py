"""Helpers for the API tests: a client that sends a bearer token, and a clean cache."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client

from peercircle.accounts.models import User
from peercircle.api.actions.tokens import token_create
from peercircle.api.models import Scope

ALL_SCOPES = list(Scope.values)


@pytest.fixture(autouse=True)
def clean_cache(db: None) -> Iterator[None]:
    cache.clear()  # rate-limit counters and idempotency keys of an earlier test
    yield
    cache.clear()


def token_for(user: User, scopes: list[str] | None = None) -> str:
    return token_create(user=user, name="test", scopes=scopes or ALL_SCOPES).secret


def api_client(user: User | None, scopes: list[str] | None = None) -> Client:
    if user is None:
        return Client()
    return Client(headers={"Authorization": f"Bearer {token_for(user, scopes)}"})
