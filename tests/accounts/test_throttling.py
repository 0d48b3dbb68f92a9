"""Login throttling counts per real client (behind the trusted proxy) and per account, in a
cache every process shares."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]
THROTTLED = "Too many failed login attempts from here"


def log_in(client: Client, email: str, password: str, ip: str) -> str:
    """Post the login form as the proxy would forward it from `ip`; the page or redirect."""
    response = client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        HTTP_X_FORWARDED_FOR=ip,
        REMOTE_ADDR="10.0.0.2",  # the reverse proxy
    )
    return response.get("Location") or response.content.decode()


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_failures_from_one_visitor_behind_the_proxy_do_not_block_another(db: None) -> None:
    make_user("ada@example.org")
    attacker, client = "203.0.113.66", Client()
    for n in range(10):
        log_in(client, f"victim{n}@example.org", "wrong", attacker)
    assert THROTTLED in log_in(Client(), "ada@example.org", PASSWORD, attacker)
    # Everyone else still reaches the site through the same proxy address.
    assert log_in(Client(), "ada@example.org", PASSWORD, "198.51.100.5") == "/"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_visitor_cannot_dodge_the_limit_by_forging_the_header(db: None) -> None:
    make_user("ada@example.org")
    for n in range(10):
        forged = f"192.0.2.{n}, 203.0.113.66"  # the proxy appends the real address last
        log_in(Client(), f"victim{n}@example.org", "wrong", forged)
    assert THROTTLED in log_in(Client(), "ada@example.org", PASSWORD, "9.9.9.9, 203.0.113.66")


def test_wrong_passwords_from_many_addresses_do_not_lock_the_owner_out(db: None) -> None:
    make_user("ada@example.org")
    for n in range(5):
        log_in(Client(), "ada@example.org", "wrong", f"198.51.100.{n}")
    # The owner, from an address of their own, gets in with the right password...
    assert log_in(Client(), "ada@example.org", PASSWORD, "198.51.100.99") == "/"
    # ...again and again: nothing the guessers did counts against them.
    assert log_in(Client(), "ada@example.org", PASSWORD, "198.51.100.98") == "/"


def test_once_an_account_is_under_attack_each_address_gets_two_tries_at_it(db: None) -> None:
    make_user("ada@example.org")
    for n in range(5):
        log_in(Client(), "ada@example.org", "wrong", f"198.51.100.{n}")
    guesser = "203.0.113.7"
    for _ in range(2):
        assert THROTTLED not in log_in(Client(), "ada@example.org", "wrong", guesser)
    assert THROTTLED in log_in(Client(), "ada@example.org", "wrong", guesser)
    # The right password from that same address waits too: it is the guesser's address.
    assert THROTTLED in log_in(Client(), "ada@example.org", PASSWORD, guesser)
    # Other accounts from that address are still open (the address itself is not over).
    make_user("bob@example.org")
    assert log_in(Client(), "bob@example.org", PASSWORD, guesser) == "/"


def test_a_throttled_login_answers_429_with_the_form_and_what_to_do(db: None) -> None:
    make_user("ada@example.org")
    for n in range(10):
        Client().post(reverse("account_login"), {"login": f"v{n}@example.org", "password": "x"})
    response = Client().post(
        reverse("account_login"), {"login": "ada@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    body = response.content.decode()
    assert "Wait five minutes and try again, or reset your password by email." in body
    assert 'name="password"' in body
    assert Client().get(reverse("account_login")).status_code == 200


def test_thirty_wrong_admin_passwords_then_the_right_one_does_not_go_through(db: None) -> None:
    admin = make_user("root@example.org")
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    client = Client()
    for _ in range(30):
        client.post("/admin/login/", {"username": "root@example.org", "password": "wrong"})
        client.post(reverse("account_login"), {"login": "root@example.org", "password": "wrong"})
    client.post("/admin/login/", {"username": "root@example.org", "password": PASSWORD})
    client.post(reverse("account_login"), {"login": "root@example.org", "password": PASSWORD})
    assert client.get("/admin/").status_code == 302


# --- across processes: two gunicorn servers sharing one database (and so its cache table) ---


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(tmp_path: Path) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    environ.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        PEERCIRCLE_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        TRUSTED_PROXY_COUNT="1",
        ACCOUNT_EMAIL_VERIFICATION="none",
    )
    return environ


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[list[str]]:
    environ = _environment(tmp_path)

    def manage(*args: str) -> None:
        command = [sys.executable, "manage.py", *args]
        subprocess.run(command, cwd=ROOT, env=environ, check=True, capture_output=True)  # noqa: S603

    manage("migrate", "--no-input")
    manage(
        "shell",
        "-c",
        "from peercircle.accounts.actions import user_create; "
        f"user_create(email='ada@example.org', password='{PASSWORD}', email_verified=True)",
    )
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "peercircle.wsgi", "-b", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=environ,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            _wait_until_up(url)
        yield urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def _wait_until_up(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=10)  # noqa: S310
        except OSError:  # refused while starting, or slow on a busy machine
            time.sleep(0.1)  # polling for start-up, not timing anything
        else:
            return
    raise AssertionError(f"{url} did not start")


def _log_in_over_http(base: str, email: str, password: str, ip: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    # One site name for both processes, as behind the proxy (allauth keys accounts by host).
    headers = {"X-Forwarded-For": ip, "Host": "localhost"}
    page = opener.open(urllib.request.Request(f"{base}/accounts/login/", headers=headers))  # noqa: S310
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    assert token is not None
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "login": email, "password": password}
    ).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=data, headers=headers)  # noqa: S310
    try:
        response = opener.open(request)
    except urllib.error.HTTPError as error:  # 4xx pages still tell us what happened
        return error.read().decode()
    return response.geturl() + response.read().decode()


def test_counters_are_shared_by_every_server_process(two_servers: list[str]) -> None:
    first, second = two_servers
    for n in range(5):  # wrong passwords spread over both processes and several addresses
        _log_in_over_http((first, second)[n % 2], "ada@example.org", "wrong", f"198.51.100.{n}")
    # The account is under attack on both: one address's two tries there are spent on
    # either process, and the third is refused on the other.
    guesser = "198.51.100.9"
    _log_in_over_http(first, "ada@example.org", "wrong", guesser)
    _log_in_over_http(second, "ada@example.org", "wrong", guesser)
    assert THROTTLED in _log_in_over_http(first, "ada@example.org", "wrong", guesser)
    assert THROTTLED in _log_in_over_http(second, "ada@example.org", PASSWORD, guesser)
