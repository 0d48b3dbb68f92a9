"""Reminders per minute, end to end, to a real SMTP server on loopback.

    .venv/bin/python -m benchmarks.mail [--count 1000] [--cpu]

Each row starts from an empty database (a SQLite file, or a fresh PostgreSQL database when
DATABASE_URL is postgres://...), lets the real producer queue `count` meeting reminders
(rendered, with keys), then delivers them: by processes calling the delivery action
directly one by one, in batches over one SMTP connection each (what the send task does),
and by django-tasks' `db_worker` (the production path, with its task rows).
An aiosmtpd server in this process accepts every mail. Wall-clock times, fresh processes.
"""

import argparse
import json
import os
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.mail.smtp import SMTPServer
from tests.mail.workers import worker_database


def cpu_name() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def row(step: str, processes: int, seconds: float, count: int) -> None:
    print(
        f"| {step} | {processes} | {seconds:.1f} | {count / seconds * 60:,.0f} "
        f"| {count / seconds:,.0f} |"
    )


def run_direct(count: int, processes: int, smtp: SMTPServer) -> tuple[float, float]:
    with (
        tempfile.TemporaryDirectory() as tmp,
        worker_database(
            Path(tmp), TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend", **smtp.env()
        ) as db,
    ):
        seeded = json.loads(db.run("-m", "tests.mail.worker_jobs", "seed", str(count)))
        barrier = Path(tmp) / "go"
        orders = ["asc", "desc"][:processes]
        racers = [
            db.popen("-m", "tests.mail.worker_jobs", "deliver", order, str(barrier))
            for order in orders
        ]
        while not all(Path(f"{barrier}.{order}").exists() for order in orders):
            time.sleep(0.01)
        started = time.perf_counter()
        barrier.touch()
        for racer in racers:
            racer.communicate(timeout=600)
        return seeded["seconds"], time.perf_counter() - started


def run_batches(count: int, processes: int, smtp: SMTPServer) -> float:
    """Workers claiming batches and sending each over one SMTP connection."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        worker_database(
            Path(tmp), TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend", **smtp.env()
        ) as db,
    ):
        db.run("-m", "tests.mail.worker_jobs", "seed", str(count))
        barrier = Path(tmp) / "go"
        names = [f"w{n}" for n in range(processes)]
        racers = [
            db.popen("-m", "tests.mail.worker_jobs", "deliver_batches", name, str(barrier))
            for name in names
        ]
        while not all(Path(f"{barrier}.{name}").exists() for name in names):
            time.sleep(0.01)
        started = time.perf_counter()
        barrier.touch()
        for racer in racers:
            racer.communicate(timeout=600)
        return time.perf_counter() - started


def run_db_worker(count: int, processes: int, smtp: SMTPServer) -> float:
    with (
        tempfile.TemporaryDirectory() as tmp,
        worker_database(
            Path(tmp), TASKS_BACKEND="django_tasks_db.DatabaseBackend", **smtp.env()
        ) as db,
    ):
        db.run("-m", "tests.mail.worker_jobs", "seed", str(count))
        started = time.perf_counter()
        workers = [
            db.popen("manage.py", "db_worker", "--batch", "--interval", "0")
            for _ in range(processes)
        ]
        for worker in workers:
            worker.communicate(timeout=600)
        return time.perf_counter() - started


def run_cpu(count: int, smtp: SMTPServer) -> None:
    """CPU per mail in the worker's process (not wall time, which a loaded machine
    inflates): one send task per mail against one per batch (`sending_together`)."""
    print(f"CPU per mail, {count} reminders, load average {os.getloadavg()[0]:.1f} at start.")
    print()
    print("| send tasks | tasks | queue CPU ms/mail | deliver CPU ms/mail | total |")
    print("|---|---:|---:|---:|---:|")
    for mode in ("single", "together"):
        with (
            tempfile.TemporaryDirectory() as tmp,
            worker_database(
                Path(tmp), TASKS_BACKEND="django_tasks_db.DatabaseBackend", **smtp.env()
            ) as db,
        ):
            before = len(smtp.messages)
            job = ("-m", "tests.mail.worker_jobs", "cpu_per_mail", str(count), mode)
            found = json.loads(db.run(*job, timeout=900))
            assert len(smtp.messages) - before == count == found["sent"], "lost or sent twice"
            total = found["queue_ms"] + found["deliver_ms"]
            label = "one per mail" if mode == "single" else "one per batch"
            print(
                f"| {label} | {found['tasks']} | {found['queue_ms']:.1f} "
                f"| {found['deliver_ms']:.1f} | {total:.1f} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--cpu", action="store_true", help="only the CPU-per-mail table")
    arguments = parser.parse_args()
    count = arguments.count
    smtp = SMTPServer().start()
    if arguments.cpu:
        try:
            run_cpu(count, smtp)
        finally:
            smtp.stop()
        return
    database = (
        "PostgreSQL"
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else "SQLite (WAL)"
    )
    print(
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {cpu_name()}, {os.cpu_count()} cores, "
        f"{platform.system()}, Python {platform.python_version()}, {database}, "
        f"{count} reminders, load average {os.getloadavg()[0]:.1f} at start."
    )
    print()
    print("| step | processes | seconds | reminders per minute | mails per second |")
    print("|---|---:|---:|---:|---:|")
    try:
        for processes in (1, 2):
            before = len(smtp.messages)
            queue_seconds, seconds = run_direct(count, processes, smtp)
            assert len(smtp.messages) - before == count, "a mail was lost or sent twice"
            if processes == 1:
                row("queue (producer: render + insert)", 1, queue_seconds, count)
            row("deliver (claim, SMTP, mark)", processes, seconds, count)
        for processes in (1, 2):
            before = len(smtp.messages)
            seconds = run_batches(count, processes, smtp)
            assert len(smtp.messages) - before == count, "a mail was lost or sent twice"
            assert len(set(smtp.recorder.message_ids()[before:])) == count, "a mail went twice"
            row("deliver in batches (one SMTP connection each)", processes, seconds, count)
        for processes in (1, 2):
            before = len(smtp.messages)
            seconds = run_db_worker(count, processes, smtp)
            assert len(smtp.messages) - before == count, "a mail was lost or sent twice"
            row("db_worker --batch (task + delivery)", processes, seconds, count)
    finally:
        smtp.stop()


if __name__ == "__main__":
    main()
