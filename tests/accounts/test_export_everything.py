"""The export holds everything the site holds about a person, in the documented layout."""

import csv
import io
import json
from datetime import datetime
from pathlib import Path

from django.urls import reverse

from peercircle.accounts import personal_data
from tests.accounts.everything import NAME, SECOND_ADDRESS, WRITTEN, every_kind_of_row, make_person
from tests.conftest import Cast

POLICY = (Path(__file__).parents[2] / "docs" / "data-policy.md").read_text()


def test_every_key_of_the_export_is_documented(now: datetime, cast: Cast) -> None:
    person = make_person(cast)
    every_kind_of_row(cast, person)
    data = cast.client_for(person).get(reverse("account_data_json")).json()
    assert data["format"] == personal_data.EXPORT_FORMAT and personal_data.EXPORT_FORMAT in POLICY
    for label, section in data.items():
        if not isinstance(section, dict):
            assert f"`{label}`" in POLICY, label
            continue
        for key in section:
            documented = f"`{key}`" if label == "accounts" else f"`{label}.{key}`"
            assert documented in POLICY, f"{label}.{key} is not in docs/data-policy.md"


def test_every_declared_model_is_in_the_policy_table() -> None:
    for label in personal_data.covered():
        assert f"| `{label}` |" in POLICY, label


def test_a_person_finds_every_text_they_wrote_and_every_kind_of_row(
    now: datetime, cast: Cast
) -> None:
    person = make_person(cast)
    every_kind_of_row(cast, person)
    response = cast.client_for(person).get(reverse("account_data_json"))
    assert response.status_code == 200
    text = response.content.decode()
    for name, written in WRITTEN.items():
        assert written in text, name
    assert NAME in text and SECOND_ADDRESS in text
    data = json.loads(text)
    # Each place the registry names holds a row for this person.
    for covers in personal_data.covered().values():
        if covers.erase is personal_data.Erase.NOT_PERSONAL or " " in covers.export:
            continue
        label, _, key = covers.export.partition(".")
        assert data[label][key] if key else data[label], covers.model
    # The mail sent to them, by account and by address: kind, subject and date.
    mails = {m["to"]: m for m in data["mail"]["mail_sent_to_you"]}
    assert set(mails) == {"member@example.org", SECOND_ADDRESS}
    assert mails[SECOND_ADDRESS]["kind"] == "meeting_reminder"
    assert mails["member@example.org"]["subject"].startswith("About Mailbody-ZQ")
    assert mails["member@example.org"]["queued_at"] == "2026-06-10T09:00:00Z"
    # Nothing of the people they met beyond what they need: no one else's check-in.
    assert "organizer@example.org" not in text


def test_the_csv_tables_hold_the_same_rows(now: datetime, cast: Cast) -> None:
    person = make_person(cast)
    every_kind_of_row(cast, person)
    client = cast.client_for(person)
    assert personal_data.table_names() == [
        "attendance",
        "checkins",
        "goals",
        "mail",
        "notes",
        "rsvps",
    ]
    page = client.get(reverse("account_data")).content.decode()
    assert "Check-ins as CSV" in page and "Mail as CSV" in page
    response = client.get(reverse("account_data_csv", args=["checkins"]))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["topic"], r["notes"]) for r in rows] == [
        (WRITTEN["checkin_topic"], WRITTEN["checkin_notes"])
    ]
    notes = client.get(reverse("account_data_csv", args=["notes"])).content.decode()
    assert WRITTEN["note_private"] in notes and WRITTEN["note_shared"] in notes
