"""The per-token rate limit is shared across processes through the cache (Redis).

Two real Python processes, each configured like a web process with REDIS_URL, check the
same token's limit at the same moment, each fewer times than the limit allows: only a
count kept in the shared cache refuses the requests over the limit between them.
"""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.workers

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
LIMIT = 30
EACH = 25  # under the limit alone; over it together

# One process: Django set up as a web process is, then, when told to go (both at once),
# EACH checks of one token's limit.
CHECKER = """
import json, sys, time
import django
django.setup()
from django.conf import settings
from peercircle.api.auth import _check_rate
from peercircle.api.models import ApiToken
from peercircle.api.problems import ApiProblem
settings.API_RATE_LIMIT_PER_MINUTE = int(sys.argv[2])
token = ApiToken(pk=int(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
allowed, refused, retry = 0, 0, []
for _ in range(int(sys.argv[3])):
    try:
        _check_rate(token)
        allowed += 1
    except ApiProblem as problem:
        refused += 1
        retry.append(problem.extra["retry_after"])
print(json.dumps({"allowed": allowed, "refused": refused, "retry": retry}))
"""


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def wait_for_a_fresh_window() -> None:
    """Not in the last seconds of a rate window, so every check counts in one window."""
    if time.time() % 60 > 55:
        time.sleep(60.5 - time.time() % 60)


@pytest.mark.skipif(not redis_reachable(), reason=f"no Redis at {REDIS_URL}")
def test_two_processes_share_one_tokens_limit(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "peercircle.settings",
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",  # the limit needs no rows
        "PEERCIRCLE_VAR_DIR": str(tmp_path),
        "DEBUG": "0",
        "SECRET_KEY": "rate-test-secret-key-" + "x" * 40,
        "PYTHONPATH": str(ROOT),
    }
    token_pk = 1_000_000_000 + uuid.uuid4().int % 1_000_000_000  # no real token's counter
    args = [str(token_pk), str(LIMIT), str(EACH)]
    processes = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", CHECKER, *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for process in processes:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready", process.stderr
    wait_for_a_fresh_window()
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    results = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        results.append(json.loads(out))
    assert all(r["allowed"] + r["refused"] == EACH for r in results)
    assert sum(r["allowed"] for r in results) == LIMIT
    assert sum(r["refused"] for r in results) == 2 * EACH - LIMIT
    assert all(1 <= seconds <= 60 for r in results for seconds in r["retry"])
