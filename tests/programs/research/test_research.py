"""Consent to the research export, the export itself and its dictionary."""

import csv
import io
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.groups.actions.membership import membership_add
from peercircle.programs.access import get_program_for_member, get_program_for_user
from peercircle.programs.actions.program import program_create
from peercircle.programs.actions.research import consent_give, research_settings_set
from peercircle.programs.models import ResearchConsent
from peercircle.programs.research.dictionary import HEADER
from tests.conftest import Cast, make_user, page_text

ETHICS = "Approved by the Gateway ethics board, ref ETH-27."


@pytest.fixture
def asking(now: datetime, cast: Cast) -> Cast:
    access = get_program_for_user(cast.coordinator, cast.program.pk)
    research_settings_set(access=access, enabled=True, ethics_text=ETHICS)
    return cast


def consent_url(cast: Cast) -> str:
    return reverse("research_consent", args=[cast.program.pk])


def test_consent_is_off_by_default_and_needs_ethics_text(cast: Cast) -> None:
    assert not cast.program.research_consent_enabled
    client = cast.client_for(cast.member)
    assert "does not ask" in page_text(client, consent_url(cast))
    assert client.post(consent_url(cast), {"agree": "on"}).status_code == 422
    coordinator = cast.client_for(cast.coordinator)
    settings_url = reverse("program_research", args=[cast.program.pk])
    assert coordinator.post(settings_url, {"enabled": "on"}).status_code == 422
    assert not ResearchConsent.objects.exists()


def test_a_member_consents_explicitly_sees_the_ethics_text_and_revokes(asking: Cast) -> None:
    client = asking.client_for(asking.member)
    assert ETHICS in page_text(client, consent_url(asking))
    assert client.post(consent_url(asking), {}).status_code == 422  # box not ticked
    assert client.post(consent_url(asking), {"agree": "on"}).status_code == 302
    consent = ResearchConsent.objects.get(user=asking.member)
    assert consent.study_id.startswith("S-") and consent.revoked_at is None
    assert "Revoke" in page_text(client, consent_url(asking))
    assert client.post(consent_url(asking), {"choice": "revoke"}).status_code == 302
    consent.refresh_from_db()
    assert consent.revoked_at is not None
    client.post(consent_url(asking), {"agree": "on"})
    again = ResearchConsent.objects.get(user=asking.member)
    assert again.revoked_at is None and again.study_id != consent.study_id


@pytest.mark.parametrize(("who", "status"), [("coordinator", 403), ("outsider", 404)])
def test_only_members_reach_the_consent_page(asking: Cast, who: str, status: int) -> None:
    assert asking.client_for(getattr(asking, who)).get(consent_url(asking)).status_code == status
    assert Client().get(consent_url(asking)).status_code == 302


@pytest.mark.parametrize(
    "name", ["program_research", "program_research_csv", "program_research_dictionary"]
)
def test_the_export_is_for_the_program_coordinators_only(asking: Cast, name: str) -> None:
    url = reverse(name, args=[asking.program.pk])
    assert asking.client_for(asking.member).get(url).status_code == 403
    program_create(name="Elsewhere", coordinators=[asking.outsider])
    assert asking.client_for(asking.outsider).get(url).status_code == 404


def test_the_export_is_refused_below_the_floor_and_holds_no_identity(asking: Cast) -> None:
    client = asking.client_for(asking.coordinator)
    url = reverse("program_research_csv", args=[asking.program.pk])
    people = [
        make_user(f"p{i}@example.org", department="Physics", display_name=f"Pat Q{i}")
        for i in range(6)
    ]
    for person in people:
        membership_add(group=asking.group, user=person)
    for person in people[:4]:
        consent_give(access=get_program_for_member(person, asking.program.pk), now=asking_now())
    assert client.get(url).status_code == 409
    consent_give(access=get_program_for_member(people[4], asking.program.pk), now=asking_now())
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == HEADER and len(rows) == 6
    assert {row[2] for row in rows[1:]} == {"physics"}
    assert all(len(row[3]) == 7 for row in rows[1:])  # YYYY-MM, never a day
    for person in people:
        assert person.email not in body and person.display_name not in body
    # Revoking takes a member out of later exports (and below the floor, it is refused).
    ResearchConsent.objects.filter(user=people[0]).update(revoked_at=asking_now())
    assert client.get(url).status_code == 409


def test_the_dictionary_names_every_column_and_why_survey_answers_are_left_out(
    asking: Cast,
) -> None:
    client = asking.client_for(asking.coordinator)
    body = client.get(reverse("program_research_dictionary", args=[asking.program.pk]))
    text = body.content.decode("utf-8-sig")
    for column in HEADER:
        assert f'"{column}"' in text
    assert "Survey answers are not included" in text
    assert "study_id" in page_text(client, reverse("program_research", args=[asking.program.pk]))


def test_the_dashboard_links_to_the_consent_page(asking: Cast) -> None:
    assert consent_url(asking) in asking.client_for(asking.member).get("/").content.decode()


def asking_now() -> datetime:
    from django.utils import timezone

    return timezone.now()
