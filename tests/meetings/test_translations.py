"""Groups and meetings pages in Spanish and German: no English of ours left, plurals right.

"Ours" is every sentence marked in the groups and meetings templates whose translation
differs from the English (Agenda, Status and Feedback read the same in German): none may
show on a page rendered in the other language. Names, group names and what members wrote
are data and stay as they were written.
"""

import json
import re
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path

import polib  # type: ignore[import-untyped]
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from peercircle.accounts.models import User
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.actions.polls import PlaceChoice, TimeChoice, poll_create
from peercircle.groups.models import RecurrenceKind
from peercircle.mail.models import Outbox
from peercircle.meetings.actions.calendar_feed import calendar_feed_regenerate
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.meeting import meeting_cancel
from peercircle.meetings.actions.schedule import schedule_set
from peercircle.meetings.calendar import feed_token
from tests.conftest import Cast, make_meeting, make_user, page_text, run_meeting_now

OURS = ("templates/groups/", "templates/meetings/")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """A request activates its person's language for the thread and leaves it active: the
    tests after these ones must not run in German."""
    yield
    translation.deactivate()


def client_in(user: User, language: str) -> Client:
    """A signed-in client whose pages come in `language`, the person's own choice."""
    user.language = language
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


# The goals app's blocks on these pages are translated with the goals app (its own part).
GOALS_BLOCKS = (
    r"(?s)<section[^>]*aria-labelledby="
    r'"(meeting-review|meeting-successes|group-goals-link)-title".*?</section>'
)


def visible_text(html: str) -> str:
    html = re.sub(GOALS_BLOCKS, " ", html)
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def our_untranslated_english(language: str, text: str) -> list[str]:
    """Our sentences (placeholders and markup cut out) that show in English on the page."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    left = []
    for entry in polib.pofile(str(path)):
        if not any(where.startswith(OURS) for where, _line in entry.occurrences):
            continue
        english = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        translated = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for source in english:
            pieces = re.split(r"%\(\w+\)s|<[^>]+>", source)
            # Short or shared pieces ("min", "Agenda", "Status") prove nothing; nor does a
            # fragment cut out between placeholders ("What is said in") unless it is long.
            shortest = 12 if len(pieces) == 1 else 20
            for piece in pieces:
                piece = piece.strip(" .,:;()·")
                if len(piece) < shortest or any(piece in t for t in translated):
                    continue
                if piece in text:
                    left.append(piece)
    return left


@pytest.mark.parametrize("language", ["es", "de"])
def test_group_and_meeting_pages_show_none_of_our_english(
    now: datetime, cast: Cast, language: str
) -> None:
    meeting = make_meeting(cast.group, days=2, host=cast.organizer)
    live = run_meeting_now(cast)
    client = client_in(cast.organizer, language)
    pages = [
        reverse("dashboard"),
        reverse("group_detail", args=[cast.group.pk]),
        reverse("agreement_detail", args=[cast.group.pk]),
        reverse("group_invitations", args=[cast.group.pk]),
        reverse("poll_new", args=[cast.group.pk]),
        reverse("schedule_edit", args=[cast.group.pk]),
        reverse("group_leave", args=[cast.group.pk]),
        reverse("meeting_detail", args=[meeting.pk]),
        reverse("meeting_checkin", args=[meeting.pk]),
        reverse("meeting_agenda", args=[meeting.pk]),
        reverse("meeting_move", args=[meeting.pk]),
        reverse("meeting_run", args=[live.pk]),
        reverse("calendar_page"),
    ]
    for url in pages:
        text = visible_text(page_text(client, url))
        assert our_untranslated_english(language, text) == [], url


def test_the_live_meeting_speaks_german(now: datetime, cast: Cast) -> None:
    live = run_meeting_now(cast)
    text = visible_text(
        page_text(client_in(cast.organizer, "de"), reverse("meeting_run", args=[live.pk]))
    )
    assert "Punkt 1 von 5" in text or "Punkt 1 von 6" in text
    assert "Zeitblock von Mina Member" in text
    assert "Unterstützung: Topic-M" in text  # the check-in's kind translated, the topic as typed


def test_agenda_reasons_are_explained_in_spanish(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=2, host=cast.organizer)
    checkin_save(meeting=meeting, user=cast.member, response="support", minutes=10, topic="Beca")
    text = visible_text(
        page_text(client_in(cast.member, "es"), reverse("meeting_detail", args=[meeting.pk]))
    )
    assert "Turno de Mina Member" in text
    assert "Apoyo: Beca" in text


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", "Mensual, el segundo jueves a las 18:00"),
        ("de", "Monatlich am zweiten Donnerstag um 18:00"),
        ("en", "Monthly on the second Thursday at 18:00"),
    ],
)
def test_the_schedule_is_said_in_the_readers_language(
    now: datetime, cast: Cast, language: str, words: str
) -> None:
    schedule_set(
        group=cast.group,
        kind=RecurrenceKind.MONTHLY_NTH,
        weekday=3,
        nth=2,
        rrule="",
        start_date=timezone.localdate(),
        start_time=time(18, 0),
        duration_minutes=90,
        zone="Europe/Berlin",
        place="Room 12",
        notify_members=False,
    )
    url = reverse("group_detail", args=[cast.group.pk])
    assert words in visible_text(page_text(client_in(cast.member, language), url))


def test_a_refused_schedule_is_explained_in_german(now: datetime, cast: Cast) -> None:
    response = client_in(cast.organizer, "de").post(
        reverse("schedule_edit", args=[cast.group.pk]),
        {
            "kind": RecurrenceKind.CUSTOM,
            "weekday": 3,
            "nth": 1,
            "rrule": "FREQ=WEEKLY;COUNT=3",
            "start_date": timezone.localdate().isoformat(),
            "start_time": "18:00",
            "duration_minutes": 90,
            "timezone": "Europe/Berlin",
            "place": "Room 12",
        },
    )
    assert response.status_code == 422
    assert "Lass COUNT aus der Regel weg" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "members", "words"),
    [
        ("de", 1, "0 von 1 Mitglied hat geantwortet"),
        ("de", 2, "0 von 2 Mitgliedern haben geantwortet"),
        ("es", 1, "Ha respondido 0 de 1 miembro"),
        ("es", 2, "Han respondido 0 de 2 miembros"),
    ],
)
def test_poll_answer_counts_take_the_right_plural(
    now: datetime, cast: Cast, language: str, members: int, words: str
) -> None:
    group = cast.other_group  # one member: its organizer
    if members == 2:
        membership_add(group=group, user=make_user("second@example.org", display_name="Sam"))
    poll = poll_create(
        group=group,
        author=cast.other_member,
        deadline=timezone.now() + timedelta(days=3),
        times=[TimeChoice(3, time(18, 0), 2)],
        places=[PlaceChoice("campus", "Room 12")],
    )
    url = reverse("poll_detail", args=[poll.pk])
    text = visible_text(page_text(client_in(cast.other_member, language), url))
    assert words in text
    # The option reads in the language too: "2nd Thursday 18:00", "Campus room: Room 12".
    assert {"de": "2. Donnerstag 18:00", "es": "2.º Jueves 18:00"}[language] in text


@pytest.mark.parametrize(
    ("language", "host_line", "cancelled"),
    [
        ("de", "Gastgeber:in: Olu Organizer", "Abgesagt: Alpha"),
        ("es", "Anfitrión/a: Olu Organizer", "Cancelada: Alpha"),
        ("en", "Host: Olu Organizer", "Cancelled: Alpha"),
    ],
)
def test_the_calendar_feed_speaks_its_owners_language_whoever_fetches_it(
    now: datetime, cast: Cast, language: str, host_line: str, cancelled: str
) -> None:
    make_meeting(cast.group, days=2, host=cast.organizer)
    meeting_cancel(meeting=make_meeting(cast.group, days=9, host=cast.organizer))
    cast.member.language = language
    cast.member.save(update_fields=["language"])
    url = reverse("calendar_feed", args=[feed_token(calendar_feed_regenerate(user=cast.member))])
    # A calendar app fetches the feed with no session and its own Accept-Language.
    response = Client(HTTP_ACCEPT_LANGUAGE="en" if language != "en" else "de").get(url)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    descriptions = [str(e.get("description")) for e in events]
    assert all(d.startswith(host_line) for d in descriptions), descriptions
    assert cancelled in [str(e.get("summary")) for e in events]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", ["Queda %(count)s segundo", "Quedan %(count)s segundos", "Se acabó el tiempo"]),
        ("de", ["Noch %(count)s Minute", "Noch %(count)s Minuten", "Keine Verbindung"]),
    ],
)
def test_the_live_timers_words_reach_the_script_in_its_language(
    now: datetime, cast: Cast, language: str, words: list[str]
) -> None:
    live = run_meeting_now(cast)
    client = client_in(cast.organizer, language)
    page = page_text(client, reverse("meeting_run", args=[live.pk]))
    catalog = reverse("javascript-catalog")
    # The catalogue is loaded before the script that uses it.
    assert page.index(f'src="{catalog}"') < page.index("js/meeting-run")
    script = page_text(client, catalog)
    for word in words:
        assert json.dumps(word)[1:-1] in script


def test_a_schedule_mail_speaks_each_members_language_not_the_senders(
    now: datetime, cast: Cast
) -> None:
    cast.member.language = "de"
    cast.member.save(update_fields=["language"])
    cast.organizer.language = "es"
    cast.organizer.save(update_fields=["language"])
    with translation.override("es"):  # the organizer's request sets the schedule
        schedule_set(
            group=cast.group,
            kind=RecurrenceKind.MONTHLY_NTH,
            weekday=3,
            nth=2,
            rrule="",
            start_date=timezone.localdate(),
            start_time=time(18, 0),
            duration_minutes=90,
            zone="Europe/Berlin",
            place="Room 12",
        )
    german = Outbox.objects.get(kind="calendar_update", user=cast.member)
    spanish = Outbox.objects.get(kind="calendar_update", user=cast.organizer)
    assert "Monatlich am zweiten Donnerstag um 18:00" in german.text
    assert "Mensual, el segundo jueves a las 18:00" in spanish.text
    ics = german.attachments.get().content
    description = str(Calendar.from_ical(bytes(ics)).walk("VEVENT")[0].get("description"))
    assert description.startswith("Gastgeber:in: ")
    assert "Seite des Treffens: " in description
