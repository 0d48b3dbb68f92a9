"""Web benchmark, in-process: each page's CPU per request as a multiple of a trivial view's.

Run: .venv/bin/python -m benchmarks.web --in-process [--database-url URL] [--scale 1]
     [--cpu-seconds 0.4] [--rounds 3] [--demo-only]

The web process's CPU (time.process_time) per request, through Django's WSGI handler and so
every middleware, the session, the user, the view, the template and the database driver;
PostgreSQL's own CPU is another process and is not counted. Each page is measured in several
rounds, each right after the anonymous "ok" view (`/_trivial`), and reported as the median
of page / trivial, so a loaded machine slows both alike. Done at demo size, then at full
size (benchmarks.web's filler: 10,000 people, 30,000 meetings, 200,000 goals at --scale 1).

Each page is measured twice: as a running site serves it, with its cached parts and the
poll's kept answer (lib/versions.py, meetings/polling.py), and with nothing cached, as on
the first view after a write under its scopes or on a site without Redis.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from typing import Any

# Budgets from issue 23, as multiples of the anonymous "ok" view.
FLOOR_BUDGET = 2.0
POLL_BUDGET = 2.0
MEMBER_MEDIAN_BUDGET = 10.0
MEMBER_BUDGET = 20.0
COORDINATOR_BUDGET = 30.0
FLOOR = "signed-in floor (ok view)"
POLL = "live run state (polled, unchanged: 304)"


@dataclass(frozen=True)
class Page:
    label: str
    role: str  # "member", "coordinator" or "" (anonymous)
    path: str
    if_none_match: bool = False  # send the ETag of a first response back, as the poller does


@dataclass(frozen=True)
class Row:
    page: Page
    status: int
    queries: int
    cpu_ms: float
    ratio: float
    cold_queries: int  # with no page part cached: the first view after a write
    cold_ratio: float

    @property
    def budget(self) -> float | None:
        if self.page.label == FLOOR:
            return FLOOR_BUDGET
        if self.page.label == POLL:
            return POLL_BUDGET
        if self.page.role == "member":
            return MEMBER_BUDGET
        if self.page.role == "coordinator":
            return COORDINATOR_BUDGET
        return None


def pages(people: dict[str, int]) -> list[Page]:
    from benchmarks.web import pages_for

    found = [Page(FLOOR, "member", "/_trivial_signed_in")]
    for label, (who, url) in pages_for(people).items():
        if label == "live run state (polled)":
            found.append(Page(POLL, who, url, if_none_match=True))
            label = "live run state (changed: 200)"
        role = who
        found.append(Page(label, role, url))
    return found


class Requester:
    """Calls Django's WSGI handler directly, as gunicorn would, with a session cookie."""

    def __init__(self) -> None:
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()
        self.cookies: dict[str, str] = {}

    def sign_in(self, role: str, user_id: int) -> None:
        from django.conf import settings
        from django.test import Client

        from peercircle.accounts.models import User

        client = Client()
        client.force_login(User.objects.get(pk=user_id))
        self.cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value

    def get(self, role: str, path: str, etag: str = "") -> tuple[int, dict[str, str]]:
        from django.conf import settings

        environ: dict[str, Any] = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "testserver",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.input": BytesIO(),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        if role:
            environ["HTTP_COOKIE"] = f"{settings.SESSION_COOKIE_NAME}={self.cookies[role]}"
        if etag:
            environ["HTTP_IF_NONE_MATCH"] = etag
        seen: dict[str, Any] = {}

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None, /
        ) -> Callable[[bytes], object]:
            seen["status"] = int(status.split()[0])
            seen["headers"] = dict(headers)
            return lambda chunk: None

        response = self.handler(environ, start_response)
        try:
            b"".join(response)
        finally:
            response.close()  # request_finished: connection upkeep, as in production
        return seen["status"], seen["headers"]


def cpu_per_request(call: Callable[[], object], cpu_seconds: float) -> float:
    """Seconds of this process's CPU per call, over at least `cpu_seconds` of CPU."""
    calls = 0
    start = time.process_time()
    while True:
        call()
        calls += 1
        spent = time.process_time() - start
        if spent >= cpu_seconds and calls >= 5:
            return spent / calls


def count_queries(requester: Requester, page: Page, etag: str) -> tuple[int, int]:
    """The page's status and its queries. Counted by a wrapper: the handler's request_started
    signal empties connection.queries."""
    from django.db import connection

    queries: list[str] = []

    def count(execute: Any, sql: str, *rest: Any) -> Any:
        queries.append(sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(count):
        status, _ = requester.get(page.role, page.path, etag)
    assert status in (200, 304), (page, status)
    return status, len(queries)


@contextmanager
def nothing_cached() -> Iterator[None]:
    """Every page part rendered, as on the first view after a write under its scopes (and
    on a site without Redis): the versions cache swapped for a dummy in this thread."""
    from django.core.cache import caches
    from django.core.cache.backends.dummy import DummyCache

    kept = caches["versions"]
    caches["versions"] = DummyCache("", {})
    try:
        yield
    finally:
        caches["versions"] = kept


def ratios(
    requester: Requester, page: Page, etag: str, *, cpu_seconds: float, rounds: int
) -> tuple[float, float]:
    """Median CPU seconds per request and median ratio to the ok view, over `rounds`."""
    samples: list[tuple[float, float]] = []
    for _ in range(rounds):
        base = cpu_per_request(lambda: requester.get("", "/_trivial"), cpu_seconds)
        cost = cpu_per_request(lambda: requester.get(page.role, page.path, etag), cpu_seconds)
        samples.append((base, cost))
    return (
        statistics.median(cost for _, cost in samples),
        statistics.median(cost / base for base, cost in samples),
    )


def measure_page(requester: Requester, page: Page, *, cpu_seconds: float, rounds: int) -> Row:
    # A first request warms what a running site has warm (the cached user, the ETag, the
    # parts); the poll's second request keeps the answer it found (meetings/polling.py).
    etag = requester.get(page.role, page.path)[1].get("ETag", "")
    etag = etag if page.if_none_match else ""
    requester.get(page.role, page.path, etag)
    status, queries = count_queries(requester, page, etag)
    cost, ratio = ratios(requester, page, etag, cpu_seconds=cpu_seconds, rounds=rounds)
    with nothing_cached():
        _, cold_queries = count_queries(requester, page, etag)
        _, cold_ratio = ratios(requester, page, etag, cpu_seconds=cpu_seconds, rounds=rounds)
    return Row(
        page=page,
        status=status,
        queries=queries,
        cpu_ms=cost * 1000,
        ratio=ratio,
        cold_queries=cold_queries,
        cold_ratio=cold_ratio,
    )


def measure(people: dict[str, int], *, cpu_seconds: float, rounds: int) -> list[Row]:
    requester = Requester()
    for role, user_id in people.items():
        requester.sign_in(role, user_id)
    return [
        measure_page(requester, page, cpu_seconds=cpu_seconds, rounds=rounds)
        for page in pages(people)
    ]


def table(title: str, rows: list[Row], trivial_ms: float) -> list[str]:
    lines = [
        f"**{title}** — anonymous ok view: {trivial_ms:.2f} ms CPU per request.",
        "",
        "| page | role | status | queries | CPU ms | × ok view | budget | met? "
        "| nothing cached: queries | × ok view |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for row in rows:
        budget = row.budget
        met = "–" if budget is None else ("yes" if row.ratio <= budget else "**no**")
        lines.append(
            f"| {row.page.label} | {row.page.role or 'anonymous'} | {row.status} "
            f"| {row.queries} | {row.cpu_ms:.2f} | {row.ratio:.1f} "
            f"| {'–' if budget is None else f'≤ {budget:g}×'} | {met} "
            f"| {row.cold_queries} | {row.cold_ratio:.1f} |"
        )
    member = [
        r.ratio for r in rows if r.page.role == "member" and r.page.label not in (FLOOR, POLL)
    ]
    if member:
        median = statistics.median(member)
        verdict = "yes" if median <= MEMBER_MEDIAN_BUDGET else "**no**"
        cold = statistics.median(
            r.cold_ratio
            for r in rows
            if r.page.role == "member" and r.page.label not in (FLOOR, POLL)
        )
        lines.append(
            f"| median member page | member | | | | {median:.1f} "
            f"| ≤ {MEMBER_MEDIAN_BUDGET:g}× | {verdict} | | {cold:.1f} |"
        )
    return lines


def trivial_ms(cpu_seconds: float) -> float:
    requester = Requester()
    return cpu_per_request(lambda: requester.get("", "/_trivial"), cpu_seconds) * 1000


def run(args: Any) -> None:
    from benchmarks.web import (
        configure,
        create_database,
        fill_full_size,
        machine,
        reset_and_load_demo,
    )

    create_database(args.database_url)
    configure(args.database_url)
    from django.conf import settings

    from peercircle.accounts.models import User

    load_at_start = os.getloadavg()
    reset_and_load_demo()
    demo_people = {
        "member": User.objects.get(email="luis.ortega@example.org").pk,
        "coordinator": User.objects.get(email="coordinator@example.org").pk,
    }
    out = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}, "
        f"{os.cpu_count()} cores, {platform.system()}, Python {platform.python_version()}, "
        f"PostgreSQL; sessions: {settings.SESSION_ENGINE}; cache: "
        f"{settings.CACHES['default']['BACKEND']}; {args.rounds} rounds of "
        f"{args.cpu_seconds:g} s CPU per page, each after the ok view. "
        f"Load average at the start: {load_at_start}.",
        "",
    ]
    rows = measure(demo_people, cpu_seconds=args.cpu_seconds, rounds=args.rounds)
    out += [*table("Demo size", rows, trivial_ms(args.cpu_seconds)), ""]
    print("\n".join(out), flush=True)
    if args.demo_only:
        return
    large_people, goals = fill_full_size(args.scale)
    rows = measure(large_people, cpu_seconds=args.cpu_seconds, rounds=args.rounds)
    size = f"Full size (scale {args.scale:g}; {goals}), people of the large programs"
    full = table(size, rows, trivial_ms(args.cpu_seconds))
    print("\n".join([*full, "", f"Load average at the end: {os.getloadavg()}"]))
