"""Goal pages in Spanish and German: translated text, localized dates, plural forms."""

from collections.abc import Iterator
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from peercircle.accounts.models import User
from tests.conftest import Cast
from tests.goals.helpers import make_goal


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    """A request in another language leaves it active in this thread; later tests start over."""
    yield
    translation.deactivate()


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _speaking(cast: Cast, user: User, language: str) -> Client:
    """A signed-in client whose pages come in `language`: the profile's choice."""
    user.language = language
    user.save(update_fields=["language"])
    return cast.client_for(user)


# English that "My goals" showed before issue 26 (its own text, not the site's frame).
ENGLISH = ["My goals", "Long-term list", "Download my goals", "No open goals", "Reviewed", " due "]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", ["Mis objetivos", "vence el", "mié 10 jun 2026", "no hay nada revisado"]),
        ("de", ["Meine Ziele", "fällig am", "Mi, 10. Jun 2026", "Noch nichts im Rückblick"]),
    ],
)
def test_my_goals_in_spanish_and_german(
    now: datetime, cast: Cast, language: str, expected: list[str]
) -> None:
    make_goal(cast.member, cast.group, "Draft chapter two by Friday")
    page = _get(_speaking(cast, cast.member, language), reverse("my_goals"))
    assert "Draft chapter two by Friday" in page  # members' words are never translated
    for text in expected:
        assert text in page
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    for text in ENGLISH:
        assert text not in main


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "1 private goal", "2 private goals"),
        ("es", "1 objetivo privado", "2 objetivos privados"),
        ("de", "1 privates Ziel", "2 private Ziele"),
    ],
)
def test_private_goals_are_counted_in_the_plural_of_the_language(
    now: datetime, cast: Cast, language: str, one: str, two: str
) -> None:
    client = _speaking(cast, cast.organizer, language)
    url = reverse("group_goals", args=[cast.group.pk])
    make_goal(cast.member, cast.group, "Private one", private=True)
    assert one in _get(client, url)
    make_goal(cast.member, cast.group, "Private two", private=True, due_in_days=1)
    assert two in _get(client, url)


def test_the_smart_labels_are_translated_and_the_hints_stay_the_analyzers(
    now: datetime, cast: Cast
) -> None:
    client = _speaking(cast, cast.member, "de")
    response = client.post(
        reverse("goal_guidance"),
        {"text": "Finish the draft of chapter two by Friday"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Spezifisch" in page
    assert "Terminiert" in page
    assert "Relevant" in page
    assert "Specific" not in page
