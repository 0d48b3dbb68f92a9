"""A database of its own for worker processes: a SQLite file, or a fresh PostgreSQL
database when the test run itself uses PostgreSQL (DATABASE_URL=postgres://...)."""

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


class WorkerDB:
    def __init__(self, url: str, var_dir: Path, extra_env: dict[str, str]) -> None:
        self.url = url
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "peercircle.settings",
            "DEBUG": "0",  # db_worker reloads itself on code changes in DEBUG
            "SECRET_KEY": "worker-test-secret-key-" + "x" * 40,
            "PEERCIRCLE_VAR_DIR": str(var_dir),
            "DATABASE_URL": url,
            "DATABASE_CONN_MAX_AGE": "0",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
            **extra_env,
        }

    def popen(self, *args: str, **kwargs: Any) -> subprocess.Popen[str]:
        kwargs.setdefault("stdout", subprocess.PIPE)
        kwargs.setdefault("stderr", subprocess.PIPE)
        return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, *args], cwd=ROOT, env=self.env, text=True, **kwargs
        )

    def run(self, *args: str, timeout: float = 60) -> str:
        process = self.popen(*args)
        out, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, f"{args} failed:\n{err}"
        return out

    def manage(self, *args: str, timeout: float = 60) -> str:
        return self.run("manage.py", *args, timeout=timeout)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        if self.url.startswith("sqlite"):
            with sqlite3.connect(self.url.removeprefix("sqlite:///")) as connection:
                return connection.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.url) as connection:
            return connection.execute(sql).fetchall()


@contextmanager
def worker_database(tmp_path: Path, **extra_env: str) -> Iterator[WorkerDB]:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        db = WorkerDB(f"sqlite:///{tmp_path / 'workers.sqlite3'}", tmp_path, extra_env)
        db.manage("migrate", "--no-input", "-v", "0")
        yield db
        return
    import psycopg

    name = f"pc_workers_{uuid.uuid4().hex[:10]}"
    server = base.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
        # A throwaway database: no need to wait for the disk at each commit. Atomicity and
        # visibility, which exactly-once rests on, are unchanged; only a server crash could
        # lose the last commits, and the tests kill workers, not the server.
        admin.execute(f"ALTER DATABASE {name} SET synchronous_commit TO off")
    try:
        db = WorkerDB(f"{server}/{name}", tmp_path, extra_env)
        db.manage("migrate", "--no-input", "-v", "0")
        yield db
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
