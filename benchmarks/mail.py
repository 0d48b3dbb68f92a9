"""Reminders per minute, end to end, to a real SMTP server on loopback.

    .venv/bin/python -m benchmarks.mail [--count 1000] [--cpu | --end-to-end]

Each row starts from an empty database (a SQLite file, or a fresh PostgreSQL database when
DATABASE_URL is postgres://...), lets the real producer queue `count` meeting reminders
(rendered, with keys), then delivers them: by processes calling the delivery action
directly one by one, and in batches over one SMTP connection each (what the send task
does). On PostgreSQL a last table measures the production path: running `db_worker`s fed
by `manage.py send_due_mail` (`--end-to-end`: that table alone), with CPU per mail.
An aiosmtpd server in this process accepts every mail. Wall-clock times, fresh processes.
"""

import argparse
import json
import os
import platform
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tests.mail.smtp import SMTPServer
from tests.mail.workers import WorkerDB, worker_database


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


# How the deployment runs a worker (docs/deploy.md): a long-lived process polling every
# second, keeping its database connection (the settings' default DATABASE_CONN_MAX_AGE).
WORKER = ("manage.py", "db_worker", "--interval", "1")


@dataclass(frozen=True)
class EndToEnd:
    queue_seconds: float  # `send_due_mail` from start to exit (its start-up included)
    seconds: float  # from `send_due_mail` starting to the last mail's arrival
    producer_cpu: float
    worker_cpu: float  # both workers, while the mails went out (start-up excluded)
    sink_cpu: float  # this process: the aiosmtpd server parsing every mail
    tasks: int


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until(ready: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.01)


def connected(db: WorkerDB) -> int:
    """Other sessions on the benchmark's PostgreSQL database (the polling workers)."""
    sql = (
        "SELECT COUNT(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    return int(db.query(sql)[0][0])


def run_end_to_end(count: int, processes: int, smtp: SMTPServer, paused: bool) -> EndToEnd:
    """The production path: `processes` long-lived `db_worker`s already polling, then the
    scheduler (`manage.py send_due_mail`) queues `count` due reminders; timed until the
    SMTP sink holds them all. Exactly once is checked on the sink and in the outbox.

    `paused`: the workers are stopped (SIGSTOP) while the scheduler queues, and the clock
    starts when they continue, so the row measures the workers' delivery alone."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        worker_database(
            Path(tmp),
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            DATABASE_CONN_MAX_AGE="60",
            **smtp.env(),
        ) as db,
    ):
        db.run("-m", "tests.mail.worker_jobs", "seed_group", str(count))
        quiet = subprocess.DEVNULL
        workers = [db.popen(*WORKER, stdout=quiet, stderr=quiet) for _ in range(processes)]
        try:
            # Started, connected and polling: each holds its connection between polls.
            wait_until(lambda: connected(db) >= processes, 120, "the workers to start")
            if paused:
                for worker in workers:
                    worker.send_signal(signal.SIGSTOP)
            idle = [cpu_seconds(worker.pid) for worker in workers]
            before = len(smtp.messages)
            sink_started = time.process_time()
            started = time.perf_counter()
            producer = db.popen("manage.py", "send_due_mail", stdout=quiet, stderr=quiet)
            _, status, usage = os.wait4(producer.pid, 0)
            producer.returncode = os.waitstatus_to_exitcode(status)
            queued = time.perf_counter() - started
            assert producer.returncode == 0, "send_due_mail failed"
            if paused:
                sink_started = time.process_time()
                started = time.perf_counter()
                for worker in workers:
                    worker.send_signal(signal.SIGCONT)
            wait_until(lambda: len(smtp.messages) - before >= count, 600, "the mails")
            seconds = time.perf_counter() - started
            sink_cpu = time.process_time() - sink_started
            worker_cpu = sum(cpu_seconds(w.pid) for w in workers) - sum(idle)
            time.sleep(1)  # a mail sent twice would arrive now
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=60)
        ids = smtp.recorder.message_ids()[before:]
        assert len(ids) == len(set(ids)) == count, "a mail was lost or sent twice"
        statuses = dict(db.query("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status"))
        assert statuses == {"sent": count}, statuses
        tasks = db.query("SELECT COUNT(*) FROM django_tasks_database_dbtaskresult")[0][0]
    return EndToEnd(
        queue_seconds=queued,
        seconds=seconds,
        producer_cpu=usage.ru_utime + usage.ru_stime,
        worker_cpu=worker_cpu,
        sink_cpu=sink_cpu,
        tasks=tasks,
    )


def print_end_to_end(count: int) -> None:
    print(
        "| clock starts | workers | tasks | send_due_mail s | seconds to the last mail "
        "| mails per second | producer CPU ms/mail | worker CPU ms/mail | sink CPU ms/mail |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    smtp = SMTPServer().start()
    try:
        for paused, processes in [(True, 1), (True, 2), (False, 1), (False, 2)]:
            found = run_end_to_end(count, processes, smtp, paused)
            per_mail = [found.producer_cpu, found.worker_cpu, found.sink_cpu]
            start = "mails queued, workers continue" if paused else "send_due_mail starts"
            print(
                f"| {start} | {processes} | {found.tasks} | {found.queue_seconds:.1f} "
                f"| {found.seconds:.1f} | {count / found.seconds:,.0f} | "
                + " | ".join(f"{cpu * 1000 / count:.1f}" for cpu in per_mail)
                + " |"
            )
    finally:
        smtp.stop()


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


def print_header(count: int, database: str) -> None:
    print(
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {cpu_name()}, "
        f"{os.cpu_count()} cores, {platform.system()}, Python {platform.python_version()}, "
        f"{database}, {count} reminders, load average {os.getloadavg()[0]:.1f} at start."
    )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--cpu", action="store_true", help="only the CPU-per-mail table")
    parser.add_argument(
        "--end-to-end", action="store_true", help="only the production path (PostgreSQL)"
    )
    arguments = parser.parse_args()
    count = arguments.count
    # Processes started here compile the code once and reuse the bytecode, as a deployment
    # does after its first start (this environment sets PYTHONDONTWRITEBYTECODE, which
    # makes every `manage.py` compile Django anew: about a second of CPU each).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if arguments.end_to_end:
        if not postgres:
            raise SystemExit("The end-to-end rows need DATABASE_URL=postgres://...")
        print_header(count, "PostgreSQL")
        print_end_to_end(count)
        return
    smtp = SMTPServer().start()
    if arguments.cpu:
        try:
            run_cpu(count, smtp)
        finally:
            smtp.stop()
        return
    print_header(count, "PostgreSQL" if postgres else "SQLite (WAL)")
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
    finally:
        smtp.stop()
    if postgres:  # the production path: polling workers, the scheduler, tasks per batch
        print()
        print_end_to_end(count)


if __name__ == "__main__":
    main()
