"""Programs' pages in Spanish and German: translated text, dates and plural forms."""

from collections.abc import Iterator
from datetime import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from peercircle.programs.models import Program
from tests.conftest import Cast
from tests.programs.conftest import open_window

# English the public sign-up page showed before issue 26, from its template and form.
ENGLISH = [
    "Join a peer-mentoring group",
    "peers from different labs",
    "Sign-up closes on",
    "(required)",
    "When you can meet",
    "Tick every slot",
    "Career stage",
    "Choose one",
    "Sign up</button>",
]


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    """A request in another language leaves it active in this thread: later tests (and the
    cast's defaults, such as a program's slots) must start from the site's language."""
    yield
    translation.deactivate()


@pytest.fixture
def program(now: datetime, cast: Cast) -> Program:
    cache.clear()  # the public form counts posts per address in the cache
    return open_window(cast.program)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", ["Únete a un grupo de mentoría entre pares", "(obligatorio)", "17 de junio"]),
        ("de", ["Tritt einer Peer-Mentoring-Gruppe bei", "(Pflichtfeld)", "17. Juni 2026"]),
    ],
)
def test_the_public_sign_up_page_speaks_the_browsers_language(
    program: Program, language: str, expected: list[str]
) -> None:
    url = reverse("signup_public", args=[program.pk])
    page = Client().get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for text in expected:
        assert text in page
    for text in ENGLISH:
        assert text not in page


def test_sign_up_errors_are_translated(program: Program) -> None:
    url = reverse("signup_public", args=[program.pk])
    page = Client().post(url, {"name": "", "email": "x"}, HTTP_ACCEPT_LANGUAGE="de")
    assert page.status_code == 422
    assert "Anmelden" in page.content.decode()
    assert "Wann du dich treffen kannst" in page.content.decode()


def _dashboard(language: str, signups: int, groups: int) -> str:
    program = SimpleNamespace(
        pk=1, name="P", institution="", signup_count=signups, group_count=groups
    )
    with translation.override(language):
        return render_to_string(
            "programs/_dashboard_programs.html",
            {"programs": [program], "can_create_program": False, "can_grant_coordinator": False},
        )


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "1 sign-up · 1 group", "2 sign-ups · 2 groups"),
        ("es", "1 inscripción · 1 grupo", "2 inscripciones · 2 grupos"),
        ("de", "1 Anmeldung · 1 Gruppe", "2 Anmeldungen · 2 Gruppen"),
    ],
)
def test_counts_take_the_plural_form_of_the_language(language: str, one: str, two: str) -> None:
    assert one in _dashboard(language, 1, 1)
    assert two in _dashboard(language, 2, 2)


def _coordinator_speaking(cast: Cast, language: str) -> Client:
    """The coordinator's client, their profile set to `language` (pages follow it)."""
    cast.coordinator.language = language
    cast.coordinator.save(update_fields=["language"])
    return cast.client_for(cast.coordinator)


def test_csv_import_problems_give_line_and_column_in_the_readers_language(
    now: datetime, cast: Cast
) -> None:
    client = _coordinator_speaking(cast, "es")
    header = "id,name,email,department,lab,stage,availability,avoid\n"
    row = f"a1,Ada,not-an-email,Maths,L1,graduate,{cast.program.slots[0]},\n"
    upload = SimpleUploadedFile("signups.csv", (header + row).encode(), "text/csv")
    url = reverse("signup_import", args=[cast.program.pk])
    page = client.post(url, {"file": upload})
    text = page.content.decode()
    assert page.status_code == 422
    assert "Línea 2, columna 3: &#x27;not-an-email&#x27; no es una dirección de correo" in text
    assert "Se encontró 1 problema; no se importó nada." in text


def test_the_engines_file_problems_are_translated_too(now: datetime, cast: Cast) -> None:
    client = _coordinator_speaking(cast, "de")
    upload = SimpleUploadedFile("signups.csv", b"id;name;email\n", "text/csv")
    url = reverse("signup_import", args=[cast.program.pk])
    page = client.post(url, {"file": upload}).content.decode()
    assert "Zeile 1, Spalte 1: die Spalten sind durch &#x27;;&#x27; getrennt" in page
