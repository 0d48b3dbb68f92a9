"""The secret-link funnel: long random tokens, stored hashed, found in constant time."""

import hashlib

import pytest

from peercircle.groups.models import Invitation
from peercircle.lib import tokens
from tests.conftest import Cast


def test_tokens_carry_at_least_128_bits_and_are_stored_hashed() -> None:
    token, token_hash = tokens.new_token()
    assert len(token) * 6 >= 128  # URL-safe base64: six bits a character
    assert token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    assert tokens.new_token()[0] != token


def test_derived_tokens_are_stable_per_salt_and_long(settings) -> None:
    settings.SECRET_KEY = "k" * 50
    first = tokens.derived_token("feed", "salt-a")
    assert first == tokens.derived_token("feed", "salt-a")
    assert first != tokens.derived_token("feed", "salt-b")
    assert len(first) * 4 >= 128
    settings.SECRET_KEY = "other" * 10
    assert tokens.derived_token("feed", "salt-a") != first


@pytest.mark.parametrize("bad", ["", "x" * 101, "abc\x00def", "tampered"])
def test_lookup_refuses_anything_but_the_token(cast: Cast, bad: str) -> None:
    token, token_hash = tokens.new_token()
    Invitation.objects.create(
        group=cast.group,
        email="a@example.org",
        token_hash=token_hash,
        expires_at="2100-01-01T00:00Z",
    )
    assert tokens.find_by_token(Invitation.objects.all(), token) is not None
    assert tokens.find_by_token(Invitation.objects.all(), bad) is None
    assert tokens.find_by_token(Invitation.objects.all(), token_hash) is None  # the hash is no key
