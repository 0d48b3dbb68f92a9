"""The page shell (header, footer, head links) is rendered once per process for a language,
a signed-in state and a page; each request still gets its own CSRF token and path."""

import re

from django.test import Client
from django.urls import reverse

from tests.conftest import Cast

TOKENS = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _unmask(token: str) -> str:
    from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]

    return _unmask_cipher_token(token)


def test_each_request_gets_its_own_token_and_path_in_the_shell(cast: Cast) -> None:
    ada, ben = cast.client_for(cast.member), cast.client_for(cast.organizer)
    first = ada.get(reverse("my_goals") + "?x=1").content.decode()
    second = ben.get(reverse("my_goals") + "?y=1&z=2").content.decode()
    ada_secrets = {_unmask(t) for t in TOKENS.findall(first)}
    ben_secrets = {_unmask(t) for t in TOKENS.findall(second)}
    assert len(ada_secrets) == 1 and len(ben_secrets) == 1 and ada_secrets != ben_secrets
    assert ada_secrets == {ada.cookies["csrftoken"].value}
    assert 'name="next" value="/goals/?x=1"' in first
    assert 'name="next" value="/goals/?y=1&amp;z=2"' in second  # escaped
    assert "\x1f" not in first + second


def test_the_menu_marks_the_page_it_is_on_and_follows_the_signed_in_state(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    goals = client.get(reverse("my_goals")).content.decode()
    profile = client.get(reverse("profile")).content.decode()
    assert re.search(r'href="/goals/" aria-current="page"', goals)
    assert not re.search(r'href="/goals/" aria-current="page"', profile)
    assert re.search(r'aria-current="page">Profile', profile)
    anonymous = Client().get(reverse("account_login")).content.decode()
    assert "Log out" not in anonymous and "Sign up" in anonymous
    assert "Log out" in goals


def test_the_shell_speaks_the_page_language(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    client.post(reverse("language_choose"), {"language": "de", "next": "/"})
    german = client.get(reverse("my_goals")).content.decode()
    assert "Abmelden" in german or "Ziele" in german
    assert 'value="de" lang="de" selected' in german
