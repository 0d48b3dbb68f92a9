"""Sessions are signed cookies; ending them works through the person's session generation."""

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
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
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
