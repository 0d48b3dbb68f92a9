"""The shell, the account pages, sign-in, the API token pages and the mail pages read in
Spanish and German, with no English left on them, and count in the language's plurals."""

import html
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from peercircle.accounts.actions import language_set
from peercircle.accounts.models import User
from peercircle.accounts.sso.welcome import WelcomeForm
from peercircle.mail.kinds import kind_info
from peercircle.mail.models import Outbox, Status
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "de"]

# Words that are English and neither Spanish nor German: one of them on a translated page is
# a string somebody forgot to mark or to translate.
ENGLISH = re.compile(
    r"\b(the|your|you|and|with|this|that|to|of|is|are|for|at|by|on|not|all|here|"
    r"sign|log|save|delete|download|back|profile|data|time|email|password|display|pronouns|"
    r"department|career|stage)\b",
    re.IGNORECASE,
)
# What is not interface text: scripts, the stylesheet, zone names in a select, code samples.
NOT_TEXT = re.compile(
    r"<(script|style|select|code)\b.*?</\1>|<!--.*?-->", re.DOTALL | re.IGNORECASE
)


def english_words(markup: str) -> list[str]:
    """The English words in the text and the text-bearing attributes of `markup`, each with
    the words around it (so a failure says where)."""
    markup = NOT_TEXT.sub(" ", markup)
    attributes = re.findall(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"', markup)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", " ".join([markup, *attributes]))).split())
    return [
        f"{text[max(0, m.start() - 30) : m.start()]}[{m[0]}]{text[m.end() : m.end() + 30]}"
        for m in ENGLISH.finditer(text)
    ]


def counted(es: tuple[str, str], de: tuple[str, str]) -> pytest.MarkDecorator:
    """Parametrize a test by language with what it reads for a count of one and of two."""
    return pytest.mark.parametrize(("language", "one", "two"), [("es", *es), ("de", *de)])


def client_in(user: User, language: str) -> Client:
    """A client signed in as `user`, whose pages are in `language` (their profile's)."""
    language_set(user=user, language=language)
    client = Client()
    client.force_login(user)
    return client


def page(client: Client, url: str, language: str, status: int = 200) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == status, url
    assert response.headers["Content-Language"] == language
    return response.content.decode()


SIGNED_OUT = ["account_login", "account_signup", "api_docs"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", SIGNED_OUT)
def test_a_signed_out_page_has_no_english_left(client: Client, name: str, language: str) -> None:
    content = page(client, reverse(name), language)
    assert f'<html lang="{language}">' in content
    assert english_words(content) == []


SIGNED_IN = [
    "profile",
    "account_data",
    "account_email",
    "account_logout",
    "api_tokens",
    "mail_preferences",
    "mail_outbox",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", SIGNED_IN)
def test_a_signed_in_page_has_no_english_left(cast: Cast, name: str, language: str) -> None:
    cast.coordinator.is_staff = True  # the outbox is for staff
    cast.coordinator.save(update_fields=["is_staff"])
    content = page(client_in(cast.coordinator, language), reverse(name), language)
    assert english_words(content) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages_have_no_english_left(cast: Cast, language: str) -> None:
    client = client_in(cast.member, language)
    not_found = page(client, "/no-such-page/", language, status=404)
    refused = page(client, reverse("admin:login"), language, status=403)
    invalid_link = page(client, reverse("mail_unsubscribe", args=["x"]), language, status=400)
    for content in (not_found, refused, invalid_link):
        assert english_words(content) == []


def test_the_spanish_shell_uses_the_glossary(client: Client) -> None:
    content = page(client, reverse("account_login"), "es")
    assert "Iniciar sesión" in content and "Crear cuenta" in content
    assert "grupos de mentoría entre pares" in content


def test_the_german_shell_uses_the_glossary(client: Client) -> None:
    content = page(client, reverse("account_login"), "de")
    assert "Anmelden" in content and "Registrieren" in content
    assert "Peer-Mentoring-Gruppen" in content


@counted(
    es=("Hay una cosa que corregir:", "Hay 2 cosas que corregir:"),
    de=("Eine Sache ist zu korrigieren:", "2 Dinge sind zu korrigieren:"),
)
def test_the_error_summary_counts_in_the_language(
    cast: Cast, language: str, one: str, two: str
) -> None:
    client = client_in(cast.member, language)
    url = reverse("profile")
    valid = {"display_name": "Mina", "timezone": "UTC", "career_stage": "postdoc"}
    one_wrong = client.post(url, {**valid, "timezone": "Nowhere"}, HTTP_ACCEPT_LANGUAGE=language)
    two_wrong = client.post(
        url, {**valid, "timezone": "Nowhere", "career_stage": "x"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert one_wrong.status_code == two_wrong.status_code == 422
    assert one in one_wrong.content.decode() and two not in one_wrong.content.decode()
    assert two in two_wrong.content.decode()
    assert english_words(two_wrong.content.decode()) == []


@counted(
    es=("1 espera un nuevo intento", "2 esperan un nuevo intento"),
    de=("1 wartet auf einen neuen Versuch", "2 warten auf einen neuen Versuch"),
)
def test_the_outbox_counts_retries_in_the_language(
    cast: Cast, language: str, one: str, two: str
) -> None:
    cast.coordinator.is_staff = True
    cast.coordinator.save(update_fields=["is_staff"])
    client = client_in(cast.coordinator, language)
    for n in (1, 2):
        Outbox.objects.create(
            kind="digest",
            to_email=f"{n}@example.org",
            key=f"k{n}",
            subject="s",
            attempts=1,
            next_attempt_at=timezone.now(),
        )
        content = page(client, reverse("mail_outbox"), language)
        assert (one if n == 1 else two) in content
    assert Outbox.objects.filter(status=Status.PENDING).count() == 2


@pytest.mark.parametrize(
    ("language", "label"),
    [("es", "Recordatorios de reuniones, unos días antes"), ("de", "Ruhezeiten von")],
)
def test_mail_preferences_show_kind_labels_and_fields_translated(
    cast: Cast, language: str, label: str
) -> None:
    content = page(client_in(cast.member, language), reverse("mail_preferences"), language)
    assert label in content


def test_the_api_answers_in_english_whatever_the_browser_asks(cast: Cast) -> None:
    """Problem details are for programs: the same words in every language."""
    response = Client().get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 401
    assert response.headers["Content-Language"] == "en"


def sso_and_standalone_pages() -> list[tuple[str, dict[str, object]]]:
    host = {"host": "idp.example.org", "url": "https://idp.example.org/sso"}
    return [
        ("socialaccount/hand_off.html", {**host, "signing_out": False}),
        ("socialaccount/hand_off.html", {**host, "signing_out": True}),
        ("socialaccount/no_email.html", {"institution": "Universität Beispiel"}),
        ("socialaccount/saml_logout_refused.html", {}),  # the reason: below
        ("socialaccount/saml_signed_out.html", {"institution": "Universität Beispiel"}),
        ("socialaccount/welcome.html", {"form": WelcomeForm(), "next": "/"}),
        ("403_csrf.html", {}),
        ("500.html", {}),
        ("mail/unsubscribe.html", {"kind": kind_info("meeting_reminder")}),
        ("mail/unsubscribe.html", {"kind": kind_info("meeting_reminder"), "done": True}),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_sso_and_standalone_pages_have_no_english_left(rf, language: str) -> None:
    request = rf.get("/")
    request.user = AnonymousUser()
    for template, context in sso_and_standalone_pages():
        with translation.override(language):
            reason = gettext("it did not pass our checks")
            content = render_to_string(template, {**context, "reason": reason}, request=request)
        assert english_words(content) == [], template
