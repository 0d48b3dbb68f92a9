"""Crawl every page each role can reach from the dashboard (following links and htmx GETs)
and check that goal texts show up only where they may: private goals for their owner,
long-term goals for their owner, a group's goals for its members, and for a coordinator
no goal, long-term goal or success text anywhere."""

import re
from collections import deque
from datetime import datetime
from io import StringIO
from urllib.parse import urldefrag, urlparse

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils.html import escape

from peercircle.accounts.models import User
from peercircle.goals.models import Goal, LongTermGoal, Success

LINK = re.compile(r'(?:href|hx-get)="([^"]+)"')
SKIP = ("/accounts/", "/admin/", "/static/")
MAX_PAGES = 400


def crawl(client: Client) -> dict[str, str]:
    """Every same-site page reachable from the dashboard with GET, by path."""
    seen: dict[str, str] = {}
    queue = deque(["/"])
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        body = response.content.decode(errors="replace") if response.status_code == 200 else ""
        seen[url] = body
        for raw in LINK.findall(body):
            link = urldefrag(raw.replace("&amp;", "&"))[0]
            parsed = urlparse(link)
            if parsed.scheme or parsed.netloc or not link.startswith("/"):
                continue
            if link.startswith(SKIP) or link in seen:
                continue
            queue.append(link)
    return seen


def leaks(pages: dict[str, str], texts: list[str]) -> list[tuple[str, str]]:
    found = []
    for url, body in pages.items():
        for text in texts:
            if text in body or escape(text) in body:
                found.append((url, text))
    return found


@pytest.fixture
def demo(now: datetime, db: None) -> None:
    with override_settings(DEBUG=True):  # the demo refuses to run otherwise
        call_command("demo", stdout=StringIO())


def client_for(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


ROLES = [
    "amara.okafor@example.org",  # organizer of the group with the private goals
    "mei.tanaka@example.org",  # a fellow member there
    "luis.ortega@example.org",  # owner of the private goals
    "hannah.berg@example.org",  # organizer of another group
    "coordinator@example.org",
    "admin@example.org",
]


@pytest.mark.parametrize("email", ROLES)
def test_goal_texts_reach_only_the_people_allowed_to_read_them(demo: None, email: str) -> None:
    user = User.objects.get(email=email)
    pages = crawl(client_for(email))
    assert len(pages) > 3
    private = [g.text for g in Goal.objects.filter(private=True).exclude(owner=user)]
    assert private, "the demo has private goals"
    assert leaks(pages, private) == []
    long_term = [g.text for g in LongTermGoal.objects.exclude(owner=user)]
    assert leaks(pages, long_term) == []
    other_groups = Goal.objects.exclude(group__memberships__user=user)
    assert leaks(pages, [g.text for g in other_groups]) == []


def test_a_coordinator_sees_no_goal_long_term_or_success_text_anywhere(demo: None) -> None:
    pages = crawl(client_for("coordinator@example.org"))
    texts = (
        [g.text for g in Goal.objects.all()]
        + [g.text for g in LongTermGoal.objects.all()]
        + [s.text for s in Success.objects.all()]
    )
    assert len(texts) > 20
    assert any(url.startswith("/programs/") for url in pages)
    assert leaks(pages, texts) == []


def test_the_owner_does_see_their_private_goals_while_crawling(demo: None) -> None:
    luis = User.objects.get(email="luis.ortega@example.org")
    pages = crawl(client_for(luis.email))
    private = [g.text for g in Goal.objects.filter(private=True, owner=luis)]
    assert {text for _, text in leaks(pages, private)} == set(private)
    for prefix in ("/goals/long-term/", "/meetings/", "/groups/", "/goals/year/"):
        assert any(url.startswith(prefix) for url in pages), prefix


def test_goals_are_not_in_the_admin_site() -> None:
    from django.contrib import admin

    for model in (Goal, LongTermGoal, Success):
        assert not admin.site.is_registered(model)
