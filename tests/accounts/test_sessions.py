"""Sessions are signed cookies; ending them works through the person's session generation."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from peercircle.accounts.actions import profile_update
from peercircle.accounts.models import User
from tests.conftest import PASSWORD, Cast

SIGNED_IN_PAGE = reverse("profile")
NEW_PASSWORD = "a-new-long-secret-9"


def signed_in(client: Client) -> bool:
    return client.get(SIGNED_IN_PAGE).status_code == 200


def test_a_signed_in_request_makes_no_session_query(cast: Cast) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = cast.client_for(cast.member)
    with CaptureQueriesContext(connection) as queries:
        client.get(SIGNED_IN_PAGE)
    assert not [q for q in queries if "django_session" in q["sql"]]


def test_logout_ends_every_session_of_that_person(cast: Cast) -> None:
    laptop, phone = cast.client_for(cast.member), cast.client_for(cast.member)
    other = cast.client_for(cast.other_member)
    assert signed_in(laptop) and signed_in(phone)
    laptop.post(reverse("account_logout"))
    assert not signed_in(laptop)
    assert not signed_in(phone)
    assert signed_in(other)  # someone else's sessions go on


def test_a_cookie_copied_before_logout_no_longer_signs_in(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    copied = client.cookies["sessionid"].value
    client.post(reverse("account_logout"))
    replay = Client()
    replay.cookies["sessionid"] = copied
    assert not signed_in(replay)


def test_password_change_ends_the_other_sessions_and_keeps_this_one(cast: Cast) -> None:
    laptop, phone = cast.client_for(cast.member), cast.client_for(cast.member)
    response = laptop.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert signed_in(laptop)
    assert not signed_in(phone)


def test_account_deletion_ends_every_session(cast: Cast) -> None:
    laptop, phone = cast.client_for(cast.member), cast.client_for(cast.member)
    laptop.post(reverse("account_delete"), {"password": PASSWORD})
    assert not signed_in(laptop)
    assert not signed_in(phone)


@pytest.fixture
def user_cache(settings: object) -> None:
    settings.USER_CACHE_SECONDS = 300  # type: ignore[attr-defined]
    settings.CACHES = {  # type: ignore[attr-defined]
        **settings.CACHES,  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    cache.clear()


def test_the_cached_user_is_read_without_a_query(cast: Cast, user_cache: None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = cast.client_for(cast.member)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [q for q in queries if 'FROM "accounts_user" WHERE "accounts_user"."id"' in q["sql"]]


def test_the_cached_user_is_forgotten_when_the_person_is_saved(
    cast: Cast, user_cache: None
) -> None:
    client = cast.client_for(cast.member)
    client.get(SIGNED_IN_PAGE)  # now cached
    profile_update(
        user=User.objects.get(pk=cast.member.pk),
        display_name="Renamed Person",
        pronouns="",
        timezone="UTC",
        department="",
        lab="",
        career_stage="other",
    )
    assert "Renamed Person" in client.get(SIGNED_IN_PAGE).content.decode()


def test_logout_ends_every_session_with_the_user_cached(cast: Cast, user_cache: None) -> None:
    laptop, phone = cast.client_for(cast.member), cast.client_for(cast.member)
    assert signed_in(phone)  # cached
    laptop.post(reverse("account_logout"))
    assert not signed_in(phone)


@pytest.fixture
def user_in_process(
    user_cache: None, settings: object, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[float]]:
    """The user kept in this process too; the returned list is the clock (seconds)."""
    from peercircle.accounts import backends

    settings.USER_PROCESS_CACHE_SECONDS = 5  # type: ignore[attr-defined]
    clock = [1000.0]
    monkeypatch.setattr(backends, "_clock", lambda: clock[0])
    backends._in_process.clear()
    yield clock
    backends._in_process.clear()


def test_the_user_kept_in_the_process_needs_neither_query_nor_shared_cache(
    cast: Cast, user_in_process: list
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = cast.client_for(cast.member)
    client.get("/")
    cache.clear()  # the shared cache lost it: this process still has it
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [q for q in queries if 'FROM "accounts_user" WHERE "accounts_user"."id"' in q["sql"]]


def test_logout_here_ends_every_session_at_once_with_the_user_in_the_process(
    cast: Cast, user_in_process: list
) -> None:
    laptop, phone = cast.client_for(cast.member), cast.client_for(cast.member)
    assert signed_in(phone)
    laptop.post(reverse("account_logout"))
    assert not signed_in(phone)


def test_a_logout_through_another_process_reaches_this_one_within_the_seconds(
    cast: Cast, user_in_process: list
) -> None:
    from django.db.models import F

    phone = cast.client_for(cast.member)
    assert signed_in(phone)
    # Another process ended the sessions: the row and the shared cache changed, not this
    # process's copy.
    User.objects.filter(pk=cast.member.pk).update(session_generation=F("session_generation") + 1)
    cache.clear()
    user_in_process[0] += 4
    assert signed_in(phone)  # still within the seconds this process keeps the user
    user_in_process[0] += 2
    assert not signed_in(phone)


def test_each_request_gets_its_own_copy_of_the_kept_user(cast: Cast, user_in_process: list) -> None:
    from peercircle.accounts.backends import ModelBackend

    backend = ModelBackend()
    first = backend.get_user(cast.member.pk)
    first.display_name = "Changed in one request only"
    assert backend.get_user(cast.member.pk).display_name != "Changed in one request only"
