"""Exactly once with real worker processes, a real database file (or PostgreSQL) and a real
SMTP server: two workers racing, and a worker killed with SIGKILL in the middle."""

import json
import time
from pathlib import Path

import pytest

from tests.mail.smtp import SMTPServer
from tests.mail.workers import worker_database

pytestmark = pytest.mark.workers


@pytest.fixture
def smtp_only():
    server = SMTPServer().start()
    yield server
    server.stop()


def wait_for(paths: list[Path], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not all(path.exists() for path in paths):
        assert time.monotonic() < deadline, f"{paths} never appeared"
        time.sleep(0.02)


def test_two_workers_racing_over_a_thousand_due_reminders_send_exactly_a_thousand(
    tmp_path, smtp_only
):
    with worker_database(
        tmp_path, TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend", **smtp_only.env()
    ) as db:
        seeded = json.loads(db.run("-m", "tests.mail.worker_jobs", "seed_bulk", "1000"))
        assert seeded["queued"] == 1000
        barrier = tmp_path / "go"
        racers = [
            db.popen("-m", "tests.mail.worker_jobs", "deliver", order, str(barrier))
            for order in ("asc", "desc")
        ]
        wait_for([Path(f"{barrier}.asc"), Path(f"{barrier}.desc")])
        barrier.touch()
        results = []
        for racer in racers:
            out, err = racer.communicate(timeout=120)
            assert racer.returncode == 0, err
            results.append(json.loads(out))
        statuses = dict(db.query("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status"))
    ids = smtp_only.recorder.message_ids()
    assert len(ids) == 1000
    assert len(set(ids)) == 1000
    assert statuses == {"sent": 1000}
    assert sum(result.get("sent", 0) for result in results) == 1000
    assert sum(result.get("not_claimed", 0) for result in results) == 1000
    assert all(result.get("sent", 0) > 0 for result in results)  # both really worked


def test_a_worker_killed_mid_batch_and_restarted_loses_none_and_sends_none_twice(
    tmp_path, smtp_only
):
    env = {
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "MAIL_LEASE_SECONDS": "2",
        "MAIL_SCHEDULER_GRACE_SECONDS": "0",
        "MAIL_BATCH_SIZE": "50",
        **smtp_only.env(),
    }
    with worker_database(tmp_path, **env) as db:
        seeded = json.loads(db.run("-m", "tests.mail.worker_jobs", "seed", "120"))
        assert seeded["queued"] == 120
        log = (tmp_path / "worker.log").open("w")
        worker = db.popen("manage.py", "db_worker", "--interval", "0.1", stdout=log, stderr=log)
        seen = 0

        def kill_at_the_hundredth(message):
            # SIGKILL the worker while the SMTP server holds its 40th mail, before "250":
            # the mail is claimed (leased) but neither accepted nor marked sent.
            nonlocal seen
            seen += 1
            if seen == 40:
                worker.kill()
                worker.wait(timeout=10)
                return "451 The worker died mid-send"
            return None

        smtp_only.recorder.before_accept = kill_at_the_hundredth
        worker.wait(timeout=60)
        log.close()
        smtp_only.recorder.before_accept = None
        assert worker.returncode == -9
        assert len(smtp_only.messages) == 39
        # The killed worker had claimed its batch of 50 (mails 1-50): 40 to 50 stay leased.
        stuck = db.query("SELECT COUNT(*) FROM mail_outbox WHERE status = 'sending'")
        assert stuck == [(11,)]

        # Restarted, the worker sends everything else; the leased rows wait for their lease
        # (a later batch of the same run takes them once it has run out, or the scheduler
        # queues them again).
        db.manage("db_worker", "--batch", "--interval", "0", timeout=120)
        if len(smtp_only.messages) < 120:
            assert len(smtp_only.messages) >= 109
            time.sleep(2.1)
            out = db.manage("send_due_mail")
            assert f"retry: {120 - len(smtp_only.messages)} queued" in out
            db.manage("db_worker", "--batch", "--interval", "0", timeout=60)
        statuses = dict(db.query("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status"))
        retried = db.query("SELECT attempts FROM mail_outbox WHERE attempts > 1")
    ids = smtp_only.recorder.message_ids()
    assert len(ids) == 120
    assert len(set(ids)) == 120
    assert statuses == {"sent": 120}
    assert retried == [(2,)] * 11


def test_the_scheduler_feeding_two_running_workers_sends_each_reminder_once_in_batches(
    tmp_path, smtp_only
):
    # The production path: long-lived workers polling, then `send_due_mail` queues the
    # reminders as one task per MAIL_BATCH_SIZE mails, each batch as soon as it is full.
    env = {"TASKS_BACKEND": "django_tasks_db.DatabaseBackend", "MAIL_BATCH_SIZE": "20"}
    with worker_database(tmp_path, **env, **smtp_only.env()) as db:
        db.run("-m", "tests.mail.worker_jobs", "seed_group", "60")
        workers = [db.popen("manage.py", "db_worker", "--interval", "0.1") for _ in range(2)]
        try:
            out = db.manage("send_due_mail")
            deadline = time.monotonic() + 60
            while len(smtp_only.messages) < 60:
                assert time.monotonic() < deadline, f"{len(smtp_only.messages)} of 60 arrived"
                time.sleep(0.05)
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.communicate(timeout=30)
        statuses = dict(db.query("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status"))
        tasks = db.query(
            "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
        )
    assert "meeting_reminders: 60 queued" in out
    ids = smtp_only.recorder.message_ids()
    assert len(ids) == len(set(ids)) == 60
    assert statuses == {"sent": 60}
    assert tasks == [("SUCCESSFUL", 3)]
