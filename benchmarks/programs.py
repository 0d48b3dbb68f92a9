"""Forming a program's groups the way the browser does, at 2,000 sign-ups (or --signups N).

    .venv/bin/python -m benchmarks.programs [--signups 2000] [--seed 1]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pc_programs \
        .venv/bin/python -m benchmarks.programs

Builds a throwaway test database (SQLite in memory, or test_<name> on PostgreSQL), fills one
program with generated sign-ups (the engine benchmark's generator: unequal departments, labs
of 1-20, a third able to make one slot, one in fifty avoiding a colleague) and times each
step through Django's test client and the task entry point: queue the run, run it (adapter,
engine, storing the preview), show the review page, move one person, publish (groups,
placements and 2,000 invitation mails; queued, then the task).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable, Sequence
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from benchmarks.formation import SLOTS, generate  # noqa: E402
from peercircle.accounts.actions import user_create  # noqa: E402
from peercircle.programs.actions.program import program_create  # noqa: E402
from peercircle.programs.models import FormationRun, Program  # noqa: E402
from peercircle.programs.tasks import formation_publish_task, formation_run_task  # noqa: E402


def setup(n: int, seed: int) -> tuple[Program, Any, bytes]:
    """A program with six slots and its coordinator, and a CSV of `n` generated sign-ups."""
    coordinator = user_create(email="bench@example.org", password="x" * 20, email_verified=True)
    program = program_create(
        name=f"Bench {n}",
        coordinators=[coordinator],
        slots=list(SLOTS),
        career_stages=["graduate", "postdoc", "faculty"],
    )
    lines = ["id,name,email,department,lab,stage,availability,avoid"]
    for p in generate(n, seed):
        slots = ";".join(sorted(p.availability))
        avoid = ";".join(sorted(p.avoid))
        fields = [p.id, f"Person {p.id}", f"{p.id}@example.edu", p.department, p.lab]
        lines.append(",".join([*fields, p.stage, slots, avoid]))
    return program, coordinator, ("\n".join(lines) + "\n").encode()


def timed(label: str, rows: list[tuple[str, float, int]], step: Callable[[], Any]) -> Any:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = step()
        seconds = time.perf_counter() - started
    rows.append((label, seconds, len(queries)))
    return result


def run(n: int, seed: int) -> list[tuple[str, float, int]]:
    program, coordinator, data = setup(n, seed)
    client = Client()
    client.force_login(coordinator)
    rows: list[tuple[str, float, int]] = []
    upload = SimpleUploadedFile("signups.csv", data, "text/csv")
    imported = timed(
        "import the CSV: check every row, then store (POST)",
        rows,
        lambda: client.post(reverse("signup_import", args=[program.pk]), {"file": upload}),
    )
    assert imported.status_code == 302, imported.content[-2000:]
    url = reverse("formation_run", args=[program.pk])
    timed("queue the run (POST, browser)", rows, lambda: client.post(url))
    run_id = FormationRun.objects.get(program=program).pk
    timed("form: adapter + engine + store (task)", rows, lambda: formation_run_task(run_id))
    formation = FormationRun.objects.get(pk=run_id)
    assert formation.status == "done", formation.message
    page = reverse("formation_page", args=[program.pk])
    timed("review page (GET)", rows, lambda: _ok(client.get(page)))
    first = formation.result["groups"][0]["members"][0]
    move = reverse("formation_move", args=[program.pk])
    timed(
        "live check of a move (GET, htmx)",
        rows,
        lambda: _ok(client.get(move, {"signup": first, "to": 2}, headers={"HX-Request": "true"})),
    )
    timed(
        "move one person (POST)",
        rows,
        lambda: client.post(move, {"signup": first, "to": 2, "version": formation.version}),
    )
    formation.refresh_from_db()
    # Put them back, so that every group keeps to the rules and can be published.
    client.post(move, {"signup": first, "to": 1, "version": formation.version})
    formation.refresh_from_db()
    publish = reverse("formation_publish", args=[program.pk])
    timed(
        "queue the publishing (POST)",
        rows,
        lambda: client.post(publish, {"version": formation.version}),
    )
    timed(
        "publish: groups, placements, invitations (task)",
        rows,
        lambda: formation_publish_task(run_id),
    )
    formation.refresh_from_db()
    assert formation.status == "published", formation.message
    placed = sum(len(g["members"]) for g in formation.result["groups"])
    print(f"{len(formation.result['groups'])} groups, {placed} of {n} placed")
    return rows


def _ok(response: Any) -> Any:
    assert response.status_code == 200, response.status_code
    return response


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.programs")
    parser.add_argument("--signups", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    setup_test_environment()  # test client host, in-memory mail
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rows = run(args.signups, args.seed)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(
        f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{connection.vendor}, {args.signups} sign-ups, seed {args.seed}\n"
    )
    print("| step | seconds | queries |\n|---|---:|---:|")
    for label, seconds, queries in rows:
        print(f"| {label} | {seconds:.2f} | {queries} |")


if __name__ == "__main__":
    main()
