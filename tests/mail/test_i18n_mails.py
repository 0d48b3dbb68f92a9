"""Every kind of mail renders in Spanish and in German: subject, text and HTML body, with
dates in the language's format, plurals in its forms, and no English left."""

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

from peercircle.groups.actions.agreement import agreement_new
from peercircle.groups.queries import current_agreement
from peercircle.lib.email import RenderedMail, render_mail
from tests.accounts.test_i18n_pages import counted, english_words
from tests.conftest import Cast, make_meeting

pytestmark = pytest.mark.django_db

CHANGES = ["left", "joined", "host", "cancelled", "moved", "schedule"]


def contexts(cast: Cast) -> list[tuple[str, dict[str, Any]]]:
    """One context per mail kind (and per variant), as the apps that send them build it."""
    # The agreement's first line heads a summary: group data, here in the group's language.
    current = current_agreement(cast.group.pk)
    version = (current.version if current else 0) + 1
    agreement_new(
        group=cast.group, by=None, text="Lo que se dice aquí, se queda aquí.", version=version
    )
    meeting = make_meeting(cast.group, days=3, host=cast.organizer)
    group = cast.group
    deadline = timezone.now() + timedelta(days=2)
    poll = SimpleNamespace(author=cast.organizer, question="¿Cuándo?", deadline=deadline)
    item = SimpleNamespace(
        title="Mina", planned_minutes=10, actual_seconds=540, kind="slot", outcome="y"
    )
    item.get_outcome_display = "Sí"
    made: list[tuple[str, dict[str, Any]]] = [
        (
            "calendar_update",
            {"meeting": meeting, "group": group, "change": change, "schedule_text": "—"}
            | {"meeting_path": "/m/1/"},
        )
        for change in CHANGES
    ]
    made += [
        ("digest", {"items": [SimpleNamespace(subject="Asunto", text="Texto")]}),
        (
            "goal_nudge",
            {"goal": SimpleNamespace(group=group, due_on=date(2027, 3, 5), text="Capítulo")},
        ),
        (
            "host_reminder",
            {"meeting": meeting, "group": group, "members": [cast.member], "agenda": ["Ronda"]},
        ),
        (
            "invitation",
            {"inviter": cast.organizer, "group": group, "invitation_path": "/i/x/"}
            | {"expires_at": deadline},
        ),
        (
            "invitation",
            {"inviter": None, "group": group, "invitation_path": "/i/x/", "expires_at": deadline},
        ),
        (
            "meeting_reminder",
            {"meeting": meeting, "group": group, "goals_to_review": ["Capítulo"]},
        ),
        (
            "meeting_summary",
            {"meeting": meeting, "group": group, "items": [item], "attendees": [cast.member]}
            | {"venting_slots": 2},
        ),
        ("poll_opened", {"poll": poll, "group": group, "poll_path": "/p/1/"}),
        ("poll_reminder", {"poll": poll, "group": group, "poll_path": "/p/1/"}),
        ("poll_result", {"poll": poll, "group": group, "poll_path": "/p/1/", "reason": "answered"}),
        ("poll_result", {"poll": poll, "group": group, "poll_path": "/p/1/", "reason": "closed"}),
        (
            "signup_confirmation",
            {"name": "Mina", "program": SimpleNamespace(name="Programa"), "confirm_path": "/c/"},
        ),
    ]
    return made


def rendered(kind: str, context: dict[str, Any], cast: Cast, language: str) -> RenderedMail:
    footer = {"unsubscribe_url": "https://example.org/u/x", "preferences_url": "https://x.org/p"}
    return render_mail(kind, {"recipient": cast.member, **footer, **context}, language=language)


@pytest.mark.parametrize("language", ["es", "de"])
def test_every_mail_kind_renders_with_no_english_left(cast: Cast, language: str) -> None:
    for kind, context in contexts(cast):
        mail = rendered(kind, context, cast, language)
        for part in (mail.subject, mail.text, mail.html):
            assert english_words(part) == [], (kind, context.get("change"), part)


@pytest.mark.parametrize(
    ("language", "day_format", "greeting", "meets", "footer"),
    [
        ("es", r"l j \d\e F", "Hola, Mina Member:", "Alpha se reúne el", "No recibir más estos"),
        ("de", "l, j. F", "Hallo Mina Member,", "Alpha trifft sich am", "Diese E-Mails abbest"),
    ],
)
def test_a_mail_greets_and_dates_in_the_language(
    now, cast: Cast, language: str, day_format: str, greeting: str, meets: str, footer: str
) -> None:
    meeting = make_meeting(cast.group, days=3)
    context = {"meeting": meeting, "group": cast.group, "members": [], "goals_to_review": []}
    mail = rendered("meeting_reminder", context, cast, language)
    with translation.override(language):
        day = date_format(timezone.localtime(meeting.starts_at), day_format)
    assert greeting in mail.text
    assert f"{meets} {day}" in mail.text
    assert footer in mail.text.split("https://example.org/u/x")[0].splitlines()[-1]
    assert f'<a href="https://example.org/u/x">{footer}' in mail.html


@counted(
    es=("Tu semana en Peercircle: 1 novedad", "Tu semana en Peercircle: 2 novedades"),
    de=("Deine Woche bei Peercircle: 1 Neuigkeit", "Deine Woche bei Peercircle: 2 Neuigkeiten"),
)
def test_the_digest_subject_counts_in_the_language(
    cast: Cast, settings, language: str, one: str, two: str
) -> None:
    settings.SITE_NAME = "Peercircle"
    item = SimpleNamespace(subject="Asunto", text="Texto")
    assert rendered("digest", {"items": [item]}, cast, language).subject == one
    assert rendered("digest", {"items": [item, item]}, cast, language).subject == two


@counted(
    es=("Un turno fue de desahogo.", "2 turnos fueron de desahogo."),
    de=("Ein Zeitblock war zum Dampfablassen.", "2 Zeitblöcke waren zum Dampfablassen."),
)
def test_a_summary_counts_venting_slots_in_the_language(
    cast: Cast, language: str, one: str, two: str
) -> None:
    meeting = make_meeting(cast.group, days=-1)
    base = {"meeting": meeting, "group": cast.group, "items": [], "attendees": [cast.member]}
    single = rendered("meeting_summary", {**base, "venting_slots": 1}, cast, language)
    double = rendered("meeting_summary", {**base, "venting_slots": 2}, cast, language)
    assert one in single.text and one in single.html
    assert two in double.text and two in double.html
