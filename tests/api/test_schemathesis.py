"""The API fuzzed from its own OpenAPI document, in process (schemathesis over WSGI).

Every operation gets generated requests with a valid all-scope token of a member who is
also a coordinator, so that reads and writes reach the actions; then the same with no
token and with a revoked one. No answer may be a server error, and every answer must
conform to the document (status, content type, headers, body).
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate

from peercircle.api.actions.tokens import token_create, token_revoke
from peercircle.api.api import api
from peercircle.programs.actions.program import program_create
from tests.api.conftest import ALL_SCOPES
from tests.conftest import Cast, make_meeting

# About 1,060 cases with a valid token over the nineteen operations.
VALID_EXAMPLES = 56
DENIED_EXAMPLES = 5


@contextmanager
def database_kept_open() -> Iterator[None]:
    """As Django's test client does: a request's end must not close the connection that
    holds the test's transaction (PostgreSQL would lose it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def run_all(token: str | None, examples: int, *, expect_denied: bool) -> int:
    with database_kept_open():
        return _run_all(token, examples, expect_denied=expect_denied)


def _run_all(token: str | None, examples: int, *, expect_denied: bool) -> int:
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    cases = 0
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # an invalid document fails here

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def one(case: Any) -> None:
            nonlocal cases
            cases += 1
            headers = dict(case.headers or {})
            headers.pop("Authorization", None)
            if token is not None:
                headers["Authorization"] = f"Bearer {token}"
            case.headers = headers
            response = case.call()
            assert response.status_code < 500, (case.path, response.text)
            if expect_denied:
                assert response.status_code in {401, 422, 400}, (case.path, response.text)
            case.validate_response(
                response, excluded_checks=[schemathesis.checks.positive_data_acceptance]
            )

        one()
    return cases


def document() -> dict[str, Any]:
    """The document as served: JSON, so every status key is a string."""
    served: dict[str, Any] = json.loads(json.dumps(api.get_openapi_schema()))
    return served


def test_document_is_valid_openapi_3_1(db: None) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    validate(document)


@pytest.fixture
def world(now: datetime, cast: Cast, settings: Any) -> Cast:
    settings.API_RATE_LIMIT_PER_MINUTE = 100_000
    program_create(name="Fuzz program", coordinators=[cast.member])
    make_meeting(cast.group, days=3)
    return cast


def test_fuzz_with_a_valid_token(world: Cast) -> None:
    secret = token_create(user=world.member, name="fuzz", scopes=ALL_SCOPES).secret
    assert run_all(secret, VALID_EXAMPLES, expect_denied=False) >= 1000


def test_fuzz_without_a_token_and_with_a_revoked_one(world: Cast) -> None:
    revoked = token_create(user=world.member, name="old", scopes=ALL_SCOPES)
    token_revoke(token=revoked.token)
    run_all(None, DENIED_EXAMPLES, expect_denied=True)
    run_all(revoked.secret, DENIED_EXAMPLES, expect_denied=True)
