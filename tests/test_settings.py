import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from peercircle.lib import env

ROOT = Path(__file__).resolve().parent.parent


def test_bool_reads_common_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLAG", "Yes")
    assert env.env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "off")
    assert env.env_bool("FLAG", default=True) is False


@pytest.mark.parametrize(
    ("reader", "value"),
    [
        (lambda: env.env_bool("X"), "maybe"),
        (lambda: env.env_int("X", 1), "ten"),
        (lambda: env.env_timezone("X", "UTC"), "Mars/Olympus"),
        (lambda: env.env_url("X", "http://a"), "example.org"),
    ],
)
def test_bad_values_fail_loudly(monkeypatch: pytest.MonkeyPatch, reader, value: str) -> None:
    monkeypatch.setenv("X", value)
    with pytest.raises(ImproperlyConfigured, match="X"):
        reader()


def test_secret_key_is_generated_once_in_development(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = env.secret_key(debug=True, var_dir=tmp_path)
    assert first == env.secret_key(debug=True, var_dir=tmp_path)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env.secret_key(debug=False, var_dir=tmp_path)


def _manage(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    # A clean environment: only what a production start would have, nothing the tests set.
    environ = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL"}}
    environ.update(extra)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 64 + "-a-long-random-production-secret-key-value",
        ALLOWED_HOSTS="peercircle.example.org",
        SITE_URL="https://peercircle.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key() -> None:
    result = _manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


@pytest.mark.parametrize("name", ["LOG_LEVEL", "ACCOUNT_EMAIL_VERIFICATION"])
def test_unknown_words_are_refused_naming_the_variable(name: str, tmp_path: Path) -> None:
    result = _manage(
        "check", DEBUG="1", PEERCIRCLE_VAR_DIR=str(tmp_path), **{name: "verbose-please"}
    )
    assert result.returncode != 0
    assert f"{name} must be one of" in result.stderr


def test_env_choice_accepts_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X", "warning")
    assert env.env_choice("X", "INFO", ["INFO", "WARNING"]) == "WARNING"


CONCURRENT_WRITERS = """
import threading, django
django.setup()
from django.db import connection, transaction
with connection.cursor() as c:
    c.execute("CREATE TABLE t (x integer)")
    print(c.execute("PRAGMA journal_mode").fetchone()[0])
holding, errors = threading.Event(), []
def first():
    with transaction.atomic():
        connection.cursor().execute("INSERT INTO t VALUES (1)")
        holding.set()
        threading.Event().wait(0.5)  # keep the write lock while the second writer arrives
    connection.close()
def second():
    holding.wait()
    try:
        with transaction.atomic():  # read, then write: the classic "database is locked"
            connection.cursor().execute("SELECT count(*) FROM t").fetchone()
            connection.cursor().execute("INSERT INTO t VALUES (2)")
    except Exception as error:
        errors.append(repr(error))
    connection.close()
threads = [threading.Thread(target=first), threading.Thread(target=second)]
[t.start() for t in threads]; [t.join() for t in threads]
print(errors or connection.cursor().execute("SELECT count(*) FROM t").fetchone()[0])
"""


def test_sqlite_makes_a_second_writer_wait_instead_of_failing(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    environ.update(
        DEBUG="1",
        PEERCIRCLE_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="peercircle.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CONCURRENT_WRITERS],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "2"], result.stdout + result.stderr


def test_redis_url_moves_the_throttling_cache_to_redis(tmp_path: Path) -> None:
    show = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    plain = _manage("shell", "-c", show, DEBUG="1", PEERCIRCLE_VAR_DIR=str(tmp_path))
    assert plain.stdout.strip().endswith("django.core.cache.backends.db.DatabaseCache")
    redis = _manage(
        "shell",
        "-c",
        show,
        DEBUG="1",
        PEERCIRCLE_VAR_DIR=str(tmp_path),
        REDIS_URL="redis://r:6379/0",
    )
    # Django's Redis cache, keeping its client (peercircle/lib/cache.py).
    assert redis.stdout.strip().endswith("peercircle.lib.cache.ReusedClientRedisCache")


def test_the_rq_task_backend_needs_redis_and_brings_its_apps(tmp_path: Path) -> None:
    show = "from django.conf import settings; print('django_tasks_rq' in settings.INSTALLED_APPS)"
    env = {"DEBUG": "1", "PEERCIRCLE_VAR_DIR": str(tmp_path)}
    env["TASKS_BACKEND"] = "django_tasks_rq.RQBackend"
    refused = _manage("shell", "-c", show, **env)
    assert refused.returncode != 0
    assert "TASKS_BACKEND django_tasks_rq.RQBackend needs REDIS_URL" in refused.stderr
    chosen = _manage("shell", "-c", show, REDIS_URL="redis://r:6379/0", **env)
    assert chosen.stdout.strip().endswith("True"), chosen.stderr


def test_pgbouncer_turns_server_side_cursors_off(tmp_path: Path) -> None:
    show = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS', False))"
    )
    env = {"DEBUG": "1", "PEERCIRCLE_VAR_DIR": str(tmp_path)}
    assert _manage("shell", "-c", show, **env).stdout.strip().endswith("False")
    pooled = _manage("shell", "-c", show, DATABASE_PGBOUNCER="1", **env)
    assert pooled.stdout.strip().endswith("True"), pooled.stderr


def test_page_parts_are_cached_only_where_every_process_shares_the_cache(tmp_path: Path) -> None:
    show = "from django.conf import settings; print(settings.CACHES['versions']['BACKEND'])"
    env = {"DEBUG": "1", "PEERCIRCLE_VAR_DIR": str(tmp_path)}
    plain = _manage("shell", "-c", show, **env)
    assert plain.stdout.strip().endswith("django.core.cache.backends.dummy.DummyCache")
    shared = _manage("shell", "-c", show, REDIS_URL="redis://r:6379/0", **env)
    assert shared.stdout.strip().endswith("peercircle.lib.cache.ReusedClientRedisCache")
