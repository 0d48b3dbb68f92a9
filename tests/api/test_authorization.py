"""Every operation of the OpenAPI document, by the nine people of the authorization matrix, by
scopes: the right status for each, and no private text shown to anyone not allowed it.

The world is the page matrix's (tests/test_authorization_matrix.py): the same people, the
same private markers. Each person holds a token; every request runs in a transaction that
is rolled back, so everyone meets the same world. Writes carry a valid body, so the people
allowed reach the action (2xx) and the others meet the funnel (403/404).

Columns, in order: anonymous, outsider, member, member of another group, host of the
meeting, organizer, coordinator of the program, coordinator of another program, site admin.
To print the statuses as they are (when adding an operation): API_MATRIX_PRINT=1 pytest -s.
"""

import json
import os
from typing import Any

import pytest
from django.conf import LazySettings
from django.db import transaction
from django.test import Client
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.api.actions.tokens import token_create
from peercircle.api.api import api
from peercircle.api.models import Scope
from peercircle.goals.actions import long_term_add
from peercircle.goals.models import Goal, LongTermGoal
from peercircle.meetings.models import Meeting
from tests.test_authorization_matrix import MARKERS, PEOPLE, Rollback, World, world

__all__ = ["world"]  # the page matrix's fixture, used here as is

# Who may see what through the API (the page matrix's markers, and these).
API_MARKERS = MARKERS | {
    "Topic-M": {"member"},  # the member's own check-in
    "Topic-O": {"organizer"},
    "LONG-TERM-9f3": {"member"},
    "sam@example.edu": {"coordinator"},  # a sign-up's address: the program's coordinator
    "member@example.org": {"member"},  # an address: only its owner's /me
}

# Markers an allowed person saw: one nobody saw would prove nothing about who else cannot.
SEEN: set[str] = set()
SHOWN_BY_THE_API = {
    "PRIVATE-GOAL-7d1",
    "Topic-M",
    "Topic-O",
    "LONG-TERM-9f3",
    "sam@example.edu",
    "member@example.org",
}

# (method, path in the document): (scope it needs, statuses with an all-scope token).
# Group content: 404 to outsiders, 403 to the program's coordinator, as on the pages.
# A program: its coordinator only; its groups' members 403, anyone else 404.
TABLE: dict[tuple[str, str], tuple[str, str]] = {
    ("GET", "/api/v1/me"): ("me:read", "401 200 200 200 200 200 200 200 200"),
    ("GET", "/api/v1/groups"): ("groups:read", "401 200 200 200 200 200 200 200 200"),
    ("GET", "/api/v1/groups/{group_id}/members"): (
        "groups:read",
        "401 404 200 404 200 200 403 404 404",
    ),
    ("GET", "/api/v1/meetings"): ("meetings:read", "401 200 200 200 200 200 200 200 200"),
    ("GET", "/api/v1/meetings/{meeting_id}"): (
        "meetings:read",
        "401 404 200 404 200 200 403 404 404",
    ),
    ("GET", "/api/v1/meetings/{meeting_id}/calendar.ics"): (
        "meetings:read",
        "401 404 200 404 200 200 403 404 404",
    ),
    ("PUT", "/api/v1/meetings/{meeting_id}/rsvp"): (
        "meetings:write",
        "401 404 200 404 200 200 403 404 404",
    ),
    # Only one's own check-in: the host has not checked in (404 like "not there").
    ("GET", "/api/v1/meetings/{meeting_id}/checkin"): (
        "meetings:read",
        "401 404 200 404 404 200 403 404 404",
    ),
    ("PUT", "/api/v1/meetings/{meeting_id}/checkin"): (
        "meetings:write",
        "401 404 200 404 200 200 403 404 404",
    ),
    ("GET", "/api/v1/goals"): ("goals:read", "401 200 200 200 200 200 200 200 200"),
    ("POST", "/api/v1/goals"): ("goals:write", "401 404 201 404 201 201 403 404 404"),
    ("PUT", "/api/v1/goals/{goal_id}/status"): (  # as the goal_review page
        "goals:write",
        "401 404 200 404 404 404 403 404 404",
    ),
    ("GET", "/api/v1/long-term-goals"): ("goals:read", "401 200 200 200 200 200 200 200 200"),
    ("POST", "/api/v1/long-term-goals"): ("goals:write", "401 201 201 201 201 201 201 201 201"),
    ("PUT", "/api/v1/long-term-goals/{long_term_id}"): (
        "goals:write",
        "401 404 200 404 404 404 404 404 404",
    ),
    ("GET", "/api/v1/programs/{program_id}/signups"): (
        "programs:read",
        "401 404 403 403 403 403 200 404 404",
    ),
    ("POST", "/api/v1/programs/{program_id}/signups"): (
        "programs:write",
        "401 404 403 403 403 403 201 404 404",
    ),
    ("POST", "/api/v1/programs/{program_id}/signups/import"): (
        "programs:write",
        "401 404 403 403 403 403 201 404 404",
    ),
    ("GET", "/api/v1/programs/{program_id}/groups"): (
        "programs:read",
        "401 404 403 403 403 403 200 404 404",
    ),
    ("GET", "/api/v1/programs/{program_id}/totals"): (
        "programs:read",
        "401 404 403 403 403 403 200 404 404",
    ),
}


def operations() -> list[tuple[str, str]]:
    document = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1")))
    return sorted(
        (method.upper(), path) for path, item in document["paths"].items() for method in item
    )


def test_every_operation_of_the_document_has_a_row(db: None) -> None:
    assert sorted(TABLE) == operations()
    assert {scope for scope, _ in TABLE.values()} == set(Scope.values)


def ids(world: World) -> dict[str, Any]:
    host = world.users["host"]
    member = world.users["member"]
    meeting = Meeting.objects.get(host=host, starts_at__lte=timezone.now())  # the run one
    goal = Goal.objects.get(owner=member, text__startswith="PRIVATE-GOAL")
    return {
        "group_id": meeting.group_id,
        "meeting_id": meeting.pk,
        "goal_id": goal.pk,
        "long_term_id": LongTermGoal.objects.get(owner=member, text="LONG-TERM-9f3").pk,
        "program_id": meeting.group.program_id,
    }


def body_of(method: str, path: str, at: dict[str, Any], slot: str) -> tuple[str, str] | None:
    """A valid body for each write, so the people allowed reach the action."""
    year = 2027
    bodies: dict[tuple[str, str], Any] = {
        ("PUT", "/api/v1/meetings/{meeting_id}/rsvp"): {"answer": "going"},
        ("PUT", "/api/v1/meetings/{meeting_id}/checkin"): {"response": "pass"},
        ("POST", "/api/v1/goals"): {"group_id": at["group_id"], "text": "Read one paper"},
        ("PUT", "/api/v1/goals/{goal_id}/status"): {
            "status": "done",
            "meeting_id": at["meeting_id"],
        },
        ("POST", "/api/v1/long-term-goals"): {"text": "Learn Rust", "target_year": year},
        ("PUT", "/api/v1/long-term-goals/{long_term_id}"): {
            "text": "LONG-TERM-9f3",
            "target_year": year,
            "status": "reached",
        },
        ("POST", "/api/v1/programs/{program_id}/signups"): {
            "name": "Lee",
            "email": "lee@example.edu",
            "stage": "graduate",
            "availability": [slot],
        },
    }
    if path.endswith("/signups/import"):
        csv = "id,name,email,department,lab,stage,availability,avoid\r\n"
        csv += f"z9,Zoe,zoe@example.edu,Physics,Lab A,graduate,{slot},\r\n"
        return csv, "text/csv"
    if (method, path) in bodies:
        return json.dumps(bodies[(method, path)]), "application/json"
    return None


def call(client: Client, method: str, path: str, at: dict[str, Any], slot: str) -> tuple[int, str]:
    url = path.format(**at)
    body = body_of(method, path, at, slot)
    kwargs: dict[str, Any] = {}
    if body is not None:
        kwargs = {"data": body[0], "content_type": body[1]}
    try:
        with transaction.atomic():
            response = client.generic(method, url, **kwargs)
            status, content = response.status_code, response.content
            raise Rollback
    except Rollback:
        pass
    return status, content.decode(errors="replace")


def clients(world: World, scopes_of: dict[str, list[str]] | None = None) -> dict[str, Client]:
    made = {}
    for who in PEOPLE:
        user: User | None = world.users[who]
        if user is None:
            made[who] = Client()
            continue
        scopes = (scopes_of or {}).get(who, list(Scope.values))
        secret = token_create(user=user, name=who, scopes=scopes).secret
        made[who] = Client(headers={"Authorization": f"Bearer {secret}"})
    return made


def run_table(
    world: World, scopes: list[str] | None = None, rows: list[tuple[str, str]] | None = None
) -> dict[tuple[str, str], str]:
    """The statuses each person gets (with tokens holding `scopes`, all by default), and
    every marker shown to someone not allowed it."""
    at = ids(world)
    meeting = Meeting.objects.select_related("group__program").get(pk=at["meeting_id"])
    slot = str(meeting.group.program.slots[0])  # type: ignore[union-attr]
    people = clients(world, {who: scopes for who in PEOPLE} if scopes is not None else None)
    found, leaks = {}, []
    for method, path in rows or list(TABLE):
        statuses = []
        for who in PEOPLE:
            status, text = call(people[who], method, path, at, slot)
            assert status < 500, (method, path, who, text)
            statuses.append(str(status))
            SEEN.update(marker for marker in API_MARKERS if marker in text)
            leaks += [
                f"{marker} shown to {who} by {method} {path}"
                for marker, allowed in API_MARKERS.items()
                if marker in text and who not in allowed
            ]
        found[(method, path)] = " ".join(statuses)
    assert not leaks, leaks
    return found


@pytest.fixture
def quiet(world: World, settings: LazySettings) -> None:
    """No rate limit in the way, and a long-term goal of the member's to look for."""
    settings.API_RATE_LIMIT_PER_MINUTE = 100_000
    member = world.users["member"]
    assert member is not None
    long_term_add(owner=member, text="LONG-TERM-9f3", target_year=2030)


@pytest.mark.skipif(not os.environ.get("API_MATRIX_PRINT"), reason="prints the table when asked")
def test_print_the_table(world: World, quiet: None) -> None:
    for key, statuses in run_table(world).items():
        print(key, statuses)


def test_every_operation_by_every_person(world: World, quiet: None) -> None:
    SEEN.clear()
    found = run_table(world)
    assert SEEN >= SHOWN_BY_THE_API, SHOWN_BY_THE_API - SEEN
    wrong = {key: f"{found[key]} (expected {want})" for key, (_, want) in TABLE.items()}
    wrong = {key: text for key, text in wrong.items() if found[key] != TABLE[key][1]}
    assert not wrong, wrong


def test_a_token_without_the_scope_is_refused_by_everyone(world: World, quiet: None) -> None:
    """Deny first: a token lacking an operation's scope gets 403 whatever the person's role,
    and a token with that one scope alone gets what an all-scope token gets."""
    for scope in Scope.values:
        others = [s for s in Scope.values if s != scope]
        rows = [key for key, (needed, _) in TABLE.items() if needed == scope]
        without = run_table(world, others, rows)
        only = run_table(world, [scope], rows)
        for key, statuses in without.items():
            assert statuses == "401 " + " ".join(["403"] * 8), (scope, key, statuses)
        for key, statuses in only.items():
            assert statuses == TABLE[key][1], (scope, key, statuses)
