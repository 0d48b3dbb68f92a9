"""More than one machine, in small: two gunicorn processes and two task workers of each
backend against one database (PostgreSQL when DATABASE_URL names it) and one Redis.

- Web: a sign-in on one process is valid on the other; a logout on the other ends it on the
  first (signed-cookie sessions, the user cached in Redis); wrong passwords sent to both
  processes share one login limit.
- Tasks: 1,000 reminders sent exactly once by two `db_worker`s (database backend), then by
  two `rqworker`s (RQ backend): about half a minute each.
"""

import http.client
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from subprocess import Popen
from urllib.parse import urlencode

import pytest

from tests.mail.smtp import SMTPServer, free_port
from tests.mail.workers import WorkerDB, worker_database

# One PostgreSQL, as production has; CI's SQLite pass leaves it to the PostgreSQL pass (and
# so only one pass at a time uses this test's Redis database).
pytestmark = [
    pytest.mark.workers,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="runs against PostgreSQL (DATABASE_URL=postgres://...)",
    ),
]

REDIS_URL = os.environ.get("TEST_REDIS_URL_MACHINES", "redis://127.0.0.1:6379/7")
REMINDERS = 1000
PASSWORD = "a-long-enough-secret-7"
# SimpleWorker runs each job in the worker itself: no fork per job, and the same code path.
RQ_WORKER = ["rqworker", "--job-class", "django_tasks_rq.Job", "--worker-class"]
RQ_WORKER += ["rq.SimpleWorker", "default"]


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def shared_env(smtp: SMTPServer) -> dict[str, str]:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # this test's own Redis database
    return {"REDIS_URL": REDIS_URL, "MAIL_SCHEDULER_GRACE_SECONDS": "0", **smtp.env()}


@pytest.fixture
def smtp() -> Iterator[SMTPServer]:
    server = SMTPServer().start()
    yield server
    server.stop()


class Web:
    """One gunicorn process (one worker) and the cookies this test keeps by hand."""

    def __init__(self, port: int) -> None:
        self.port = port

    def request(
        self, method: str, path: str, cookies: dict[str, str], form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}/"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, dict(response.getheaders()), text

    def post_form(self, page: str, path: str, cookies: dict[str, str], form: dict[str, str]) -> int:
        """GET `page` for its CSRF token, then POST `form` to `path`."""
        _, _, html = self.request("GET", page, cookies)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token, html[:500]
        return self.request("POST", path, cookies, {"csrfmiddlewaretoken": token[1], **form})[0]


@contextmanager
def two_web_processes(db: WorkerDB) -> Iterator[tuple[Web, Web]]:
    env = {**db.env, "DJANGO_SETTINGS_MODULE": "benchmarks.web_settings"}
    ports = [free_port(), free_port()]
    servers: list[Popen[bytes]] = []
    try:
        for port in ports:
            command = ["-m", "gunicorn", "peercircle.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"]
            command.append("--no-control-socket")  # two masters on one machine
            servers.append(Popen([sys.executable, *command], env=env, cwd=db.env["PYTHONPATH"]))  # noqa: S603
        webs = (Web(ports[0]), Web(ports[1]))
        for web in webs:
            for _ in range(150):
                try:
                    if web.request("GET", "/healthz", {})[0] == 200:
                        break
                except OSError:
                    time.sleep(0.2)
            else:
                raise AssertionError(f"gunicorn on {web.port} did not start")
        yield webs
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=20)


def wait_until_sent(db: WorkerDB, count: int, timeout: float = 120) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while True:
        statuses = dict(db.query("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status"))
        if statuses.get("sent", 0) >= count or time.monotonic() > deadline:
            return statuses
        time.sleep(0.3)


@contextmanager
def workers(db: WorkerDB, command: list[str], log: Path) -> Iterator[None]:
    out = log.open("w")
    processes = [db.popen("manage.py", *command, stdout=out, stderr=out) for _ in range(2)]
    try:
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        out.close()


@pytest.mark.skipif(not redis_reachable(), reason=f"no Redis at {REDIS_URL}")
def test_sessions_and_the_login_limit_hold_across_two_web_processes(
    tmp_path: Path, smtp: SMTPServer
) -> None:
    with worker_database(tmp_path, **shared_env(smtp)) as db:
        db.env["DJANGO_SETTINGS_MODULE"] = "benchmarks.web_settings"  # its hasher, for ada
        # Each process keeps a user it served this long (accounts/backends.py).
        db.env["USER_PROCESS_CACHE_SECONDS"] = "1"
        db.run(
            "-c",
            "import django; django.setup(); from peercircle.accounts.actions import user_create; "
            f"user_create(email='ada@example.org', password='{PASSWORD}', email_verified=True)",
        )
        with two_web_processes(db) as (first, second):
            ada: dict[str, str] = {}
            login = {"login": "ada@example.org", "password": PASSWORD}
            assert first.post_form("/accounts/login/", "/accounts/login/", ada, login) == 302
            copied = dict(ada)
            assert first.request("GET", "/accounts/profile/", ada)[0] == 200
            assert second.request("GET", "/accounts/profile/", ada)[0] == 200  # same session
            assert second.post_form("/accounts/profile/", "/accounts/logout/", ada, {}) == 302
            # The cookie kept from before the logout no longer signs in: at once on the
            # process that logged out, on the other once its kept user has expired.
            assert second.request("GET", "/accounts/profile/", copied)[0] == 302
            time.sleep(1.2)
            assert first.request("GET", "/accounts/profile/", copied)[0] == 302
            # Ten wrong passwords per address a minute, counted in Redis by both processes.
            answers = []
            for n in range(11):
                web = (first, second)[n % 2]
                wrong = {"login": f"guess{n}@example.org", "password": "wrong"}
                answers.append(web.post_form("/accounts/login/", "/accounts/login/", {}, wrong))
            assert answers[:10] == [200] * 10
            assert answers[10] == 429


@pytest.mark.skipif(not redis_reachable(), reason=f"no Redis at {REDIS_URL}")
@pytest.mark.parametrize(
    ("backend", "command"),
    [
        ("django_tasks_db.DatabaseBackend", ["db_worker", "--interval", "0.1"]),
        (
            "django_tasks_rq.RQBackend",
            RQ_WORKER,
        ),
    ],
)
def test_two_workers_of_each_backend_send_each_reminder_exactly_once(
    tmp_path: Path, smtp: SMTPServer, backend: str, command: list[str]
) -> None:
    with worker_database(tmp_path, TASKS_BACKEND=backend, **shared_env(smtp)) as db:
        seeded = json.loads(db.run("-m", "tests.mail.worker_jobs", "seed", str(REMINDERS)))
        assert seeded["queued"] == REMINDERS
        with workers(db, command, tmp_path / "workers.log"):
            statuses = wait_until_sent(db, REMINDERS)
        log = (tmp_path / "workers.log").read_text()
    assert statuses == {"sent": REMINDERS}, log[-2000:]
    ids = smtp.recorder.message_ids()
    assert len(ids) == REMINDERS and len(set(ids)) == REMINDERS
