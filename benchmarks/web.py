"""Web benchmark: query counts and throughput of each page, small site and large site.

Run: .venv/bin/python -m benchmarks.web [--database-url URL] [--seconds 2] [--rounds 3]
     [--clients 2] [--port 8102] [--scale 1]

1. Creates (if needed), migrates and empties the PostgreSQL database DATABASE_URL (default
   postgres://postgres@127.0.0.1:5432/pc_platform): it is the benchmark's own.
2. Loads the demo and counts each page's queries (the demo's people).
3. Fills it with bulk_create up to 10,000 people, 20 programs, 1,500 groups and 30,000
   meetings, 200,000 goals and a long-term goal per person, runs VACUUM ANALYZE, and counts again,
   for the demo's people and for people in the large programs.
4. Serves the site with gunicorn (2 workers) and measures each page's throughput and p95
   latency with concurrent clients, each time right after a trivial view (every
   middleware, no database, no template), in several rounds; reports medians.

Prints Markdown tables for docs/performance.md. With --in-process, measures each page's CPU
per request as a multiple of the trivial view's instead (benchmarks/web_inprocess.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PEOPLE, PROGRAMS, GROUPS, MEETINGS, GOALS = 10_000, 20, 1_500, 30_000, 200_000


def configure(database_url: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchmarks.web_settings",
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="benchmark-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    )
    import django

    django.setup()


def create_database(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def reset_and_load_demo() -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.test import override_settings

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    with override_settings(DEBUG=True):  # the demo refuses to run otherwise
        call_command("demo", stdout=StringIO())


def fill(*, people: int, programs: int, groups: int, meetings: int) -> dict[str, int]:
    """The large site, in bulk. Returns the ids of people to view it as."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from peercircle.accounts.models import User
    from peercircle.groups.models import Group, Membership, Role
    from peercircle.meetings.models import Meeting, Status
    from peercircle.programs.models import Program

    password = make_password("benchmark")
    users = User.objects.bulk_create(
        [
            User(
                username=f"bench{n}@example.org",
                email=f"bench{n}@example.org",
                display_name=f"Bench Person {n}",
                department=f"Department {n % 40}",
                lab=f"Lab {n % 700}",
                timezone="America/Chicago",
                password=password,
            )
            for n in range(people)
        ],
        batch_size=2000,
    )
    opens = timezone.now() - dt.timedelta(days=7)  # the public sign-up form is open
    program_rows = Program.objects.bulk_create(
        [
            Program(
                name=f"Bench program {p}",
                institution="Bench U",
                signup_opens=opens,
                signup_closes=opens + dt.timedelta(days=60),
            )
            for p in range(programs)
        ]
    )
    Program.coordinators.through.objects.bulk_create(
        [
            Program.coordinators.through(program_id=program.pk, user_id=users[p].pk)
            for p, program in enumerate(program_rows)
        ]
    )
    group_rows = Group.objects.bulk_create(
        [Group(program=program_rows[g % programs], name=f"Bench group {g}") for g in range(groups)],
        batch_size=2000,
    )
    # Everyone after the coordinators in one group; every tenth person in a second one.
    members = users[programs:]
    memberships = [
        Membership(
            group=group_rows[i % groups],
            user=person,
            role=Role.ORGANIZER if i < groups else Role.MEMBER,
        )
        for i, person in enumerate(members)
    ]
    memberships += [
        Membership(group=group_rows[(i + 7) % groups], user=person)
        for i, person in enumerate(members)
        if i % 10 == 0
    ]
    Membership.objects.bulk_create(memberships, batch_size=5000)
    hosts = {m.group_id: m.user_id for m in memberships}
    per_group = meetings // groups
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    first = now - dt.timedelta(days=28 * (per_group - 4))
    Meeting.objects.bulk_create(
        [
            Meeting(
                group=group,
                starts_at=first + dt.timedelta(days=28 * k, hours=g % 11),
                host_id=hosts.get(group.pk),
                location="Room 101",
                status=Status.HELD if k < per_group - 4 else Status.SCHEDULED,
            )
            for g, group in enumerate(group_rows)
            for k in range(per_group)
        ],
        batch_size=5000,
    )
    return {"coordinator": users[0].pk, "member": members[0].pk}


def fill_goals(count: int) -> str:
    """About `count` goals spread over every membership of the large groups: each person's
    last two still open (due in the coming weeks), the older ones reviewed a fortnight
    apart with mixed outcomes, every fifth private, every third serving the person's one
    long-term goal. Respects the goals' constraints (an open goal has no review time, a
    reviewed one has)."""
    from django.utils import timezone

    from peercircle.goals.models import Goal, GoalStatus, LongTermGoal
    from peercircle.groups.models import Membership

    memberships = list(
        Membership.objects.filter(group__name__startswith="Bench group ").values_list(
            "user_id", "group_id"
        )
    )
    if not memberships:
        return "skipped: no large groups"
    owners = sorted({user_id for user_id, _ in memberships})
    this_year = timezone.localdate().year
    long_terms = LongTermGoal.objects.bulk_create(
        [
            LongTermGoal(owner_id=owner, text="Finish the thesis", target_year=this_year + 2)
            for owner in owners
        ],
        batch_size=5000,
    )
    long_term_of = {goal.owner_id: goal.pk for goal in long_terms}
    per_membership = max(3, count // len(memberships))
    today = timezone.localdate()
    now = timezone.now()
    outcomes = [GoalStatus.DONE, GoalStatus.PARTLY, GoalStatus.NOT_DONE, GoalStatus.DROPPED]
    goals = []
    for m, (user_id, group_id) in enumerate(memberships):
        for k in range(per_membership):
            weeks_ahead = 2 * (k - per_membership + 2)  # the last two are due ahead
            is_open = weeks_ahead > 0
            goals.append(
                Goal(
                    owner_id=user_id,
                    group_id=group_id,
                    text=f"Draft section {k} of chapter {m % 7}",
                    due_on=today + dt.timedelta(weeks=weeks_ahead),
                    long_term_id=long_term_of[user_id] if k % 3 == 0 else None,
                    private=k % 5 == 0,
                    status=GoalStatus.OPEN if is_open else outcomes[(m + k) % len(outcomes)],
                    reviewed_at=None if is_open else now + dt.timedelta(weeks=weeks_ahead),
                )
            )
    Goal.objects.bulk_create(goals, batch_size=5000)
    return f"{len(goals):,} goals and {len(long_terms):,} long-term goals"


def fill_full_size(scale: float) -> tuple[dict[str, int], str]:
    """The full-size site at `scale` (1: the issue's numbers): its people by role, and what
    goals it holds."""
    people = fill(
        people=int(PEOPLE * scale),
        programs=PROGRAMS,
        groups=int(GROUPS * scale),
        meetings=int(MEETINGS * scale),
    )
    goals = fill_goals(int(GOALS * scale))
    analyze()
    return people, goals


def analyze() -> None:
    """VACUUM ANALYZE, as autovacuum does soon after such a load of inserts. Right after the
    bulk fill PostgreSQL still plans for the demo's few rows (it hash-joined every group to
    read one person's goals: the "my goals" page spent 30 ms in SQL, not 3), and without the
    visibility map no index-only scan is worth it (the program dashboard's goal totals)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def pages_for(people: dict[str, int]) -> dict[str, tuple[str, str]]:
    """Who views each page ("" for an anonymous visitor) and its URL, for these people:
    their first group, its latest (upcoming) meeting, a poll and a calendar link of theirs."""
    import datetime as dt

    from django.utils import timezone

    from peercircle.accounts.models import User
    from peercircle.groups.actions.polls import TimeChoice, poll_create
    from peercircle.groups.models import Membership, Poll
    from peercircle.meetings.actions.calendar_feed import calendar_feed_regenerate
    from peercircle.meetings.calendar import feed_token
    from peercircle.meetings.models import CalendarFeed, Meeting
    from peercircle.programs.models import Program

    member = User.objects.get(pk=people["member"])
    membership = Membership.objects.filter(user=member).earliest("pk")
    group_id = membership.group_id
    meeting = Meeting.objects.filter(group_id=group_id).latest("starts_at")
    program_id = Program.objects.filter(coordinators=people["coordinator"]).earliest("pk").pk
    poll = Poll.objects.filter(group_id=group_id).first() or poll_create(
        group=membership.group,
        author=member,
        deadline=timezone.now() + dt.timedelta(days=7),
        times=[TimeChoice(weekday=day, at=dt.time(12)) for day in range(5)],
    )
    feed = CalendarFeed.objects.filter(user=member).first()
    feed = feed or calendar_feed_regenerate(user=member)
    return {
        "dashboard (member)": ("member", "/"),
        "group page": ("member", f"/groups/{group_id}/"),
        "meeting page": ("member", f"/meetings/{meeting.pk}/"),
        "check-in page": ("member", f"/meetings/{meeting.pk}/checkin/"),
        "live run page": ("member", f"/meetings/{meeting.pk}/run/"),
        "live run state (polled)": ("member", f"/meetings/{meeting.pk}/run/state/"),
        "poll page": ("member", f"/polls/{poll.pk}/"),
        "my goals": ("member", "/goals/"),
        "group goals": ("member", f"/groups/{group_id}/goals/"),
        "calendar feed (.ics, no session)": ("", f"/calendar/{feed_token(feed)}.ics"),
        "profile": ("member", "/accounts/profile/"),
        "your data": ("member", "/accounts/data/"),
        "dashboard (coordinator)": ("coordinator", "/"),
        "program dashboard (coordinator)": ("coordinator", f"/programs/{program_id}/"),
        "program sign-up page (public)": ("", f"/programs/{program_id}/signup/"),
    }


def session_for(user_id: int) -> str:
    from django.test import Client

    from peercircle.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return client.cookies["sessionid"].value


def count_queries(people: dict[str, int]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from peercircle.accounts.models import User

    counts = {}
    clients = {}
    for who, pk in people.items():
        clients[who] = Client()
        clients[who].force_login(User.objects.get(pk=pk))
    pages = {"login page": ("", "/accounts/login/"), **pages_for(people)}
    for label, (who, url) in pages.items():
        client = clients[who] if who else Client()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        assert status == 200, (label, url, status)
        counts[label] = len(queries)
    return counts


@dataclass
class Result:
    requests: int
    seconds: float
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.latencies, n=20)[-1] * 1000


def hammer(port: int, path: str, cookie: str, seconds: float, clients: int) -> Result:
    """`clients` threads requesting `path` back to back for `seconds`."""
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}

    def work() -> None:
        mine: list[float] = []
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                errors.append(response.status)
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    begin = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{path}: {len(errors)} errors, e.g. {errors[0]}")
    return Result(len(latencies), time.perf_counter() - begin, latencies)


def serve(port: int, database_url: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "peercircle.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/_trivial")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/pc_platform")
    parser.add_argument("--seconds", type=float, default=2.0, help="per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=2, help="one per gunicorn worker")
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the sizes (smoke)")
    parser.add_argument("--in-process", action="store_true", help="CPU ratios, no server")
    parser.add_argument("--cpu-seconds", type=float, default=0.4, help="in-process, per sample")
    parser.add_argument("--demo-only", action="store_true", help="in-process, no large site")
    args = parser.parse_args()
    if args.in_process:
        from benchmarks import web_inprocess

        web_inprocess.run(args)
        return

    create_database(args.database_url)
    configure(args.database_url)
    from peercircle.accounts.models import User

    started = time.perf_counter()
    load_at_start = os.getloadavg()
    reset_and_load_demo()
    demo_people = {
        "member": User.objects.get(email="luis.ortega@example.org").pk,
        "coordinator": User.objects.get(email="coordinator@example.org").pk,
    }
    at_demo = count_queries(demo_people)
    fill_start = time.perf_counter()
    large_people, goals = fill_full_size(args.scale)
    fill_seconds = time.perf_counter() - fill_start
    at_scale_demo_people = count_queries(demo_people)
    at_scale = count_queries(large_people)

    from django.db import connection

    connection.close()
    server = serve(args.port, args.database_url)
    urls = {"login page": ("", "/accounts/login/"), **pages_for(large_people)}
    cookies = {who: session_for(pk) for who, pk in large_people.items()}
    # The machine is shared: each page is measured right after the trivial view, in several
    # rounds, and compared with that neighbour; medians damp what other processes do.
    rounds: dict[str, list[tuple[Result, Result]]] = {label: [] for label in urls}
    try:
        hammer(args.port, "/_trivial", "", 1.0, args.clients)  # warm both workers up
        for _ in range(args.rounds):
            for label, (who, url) in urls.items():
                trivial = hammer(args.port, "/_trivial", "", args.seconds, args.clients)
                page = hammer(args.port, url, cookies.get(who, ""), args.seconds, args.clients)
                rounds[label].append((trivial, page))
    finally:
        server.terminate()
        server.wait(timeout=10)

    from django.db.models import Count

    from peercircle.groups.models import Group
    from peercircle.meetings.models import Meeting
    from peercircle.programs.models import Program

    sizes = (
        f"{User.objects.count():,} people, {Program.objects.count():,} programs, "
        f"{Group.objects.count():,} groups, {Meeting.objects.count():,} meetings; goals {goals}"
    )
    biggest = Program.objects.annotate(n=Count("groups")).order_by("-n").first()
    print(
        f"Measured {dt.datetime.now(dt.UTC).date()} on {machine()}, "
        f"{os.cpu_count()} cores, {platform.system()}, Python {platform.python_version()}, "
        f"PostgreSQL; gunicorn 2 sync workers, {args.clients} concurrent clients, "
        f"{args.rounds} rounds of {args.seconds:g} s per page, each after the trivial view. "
        f"Load average at the start: {load_at_start}."
    )
    print(
        f"Large site: {sizes}; the program page shows {biggest.n if biggest else 0} groups. "
        f"Filled in {fill_seconds:.1f} s; whole run {time.perf_counter() - started:.0f} s.\n"
    )
    print(
        "| page | queries (demo) | queries (large, demo people) | queries (large) "
        "| requests/s | trivial view requests/s | × trivial | p95 ms | trivial p95 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, pairs in rounds.items():
        page_rate = statistics.median(page.per_second for _, page in pairs)
        trivial_rate = statistics.median(trivial.per_second for trivial, _ in pairs)
        ratio = statistics.median(page.per_second / trivial.per_second for trivial, page in pairs)
        page_p95 = Result(0, 1, [x for _, page in pairs for x in page.latencies]).p95_ms
        trivial_p95 = Result(0, 1, [x for trivial, _ in pairs for x in trivial.latencies]).p95_ms
        print(
            f"| {label} | {at_demo.get(label, '–')} | {at_scale_demo_people.get(label, '–')} "
            f"| {at_scale.get(label, '–')} | {page_rate:.0f} | {trivial_rate:.0f} "
            f"| {ratio:.2f} | {page_p95:.0f} | {trivial_p95:.0f} |"
        )
    print(f"\nLoad average at the end (1, 5, 15 min): {os.getloadavg()}")


if __name__ == "__main__":
    main()
