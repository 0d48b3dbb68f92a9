"""The goal form's SMART guidance for a goal not written in English: a note, no verdict.

Its permission checklist is in test_views.py with the other goals routes.
"""

from datetime import date, datetime

from django.urls import reverse
from django.utils.html import escape

from peercircle.goals.models import Goal
from tests.conftest import Cast
from tests.goals.helpers import meetings_around

NOTE = "SMART guidance is available for goals written in English."


def test_a_spanish_goal_gets_the_note_and_no_verdict(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    data = {"text": "Enviar el capítulo 2 a mi directora antes del viernes"}
    response = client.post(reverse("goal_guidance"), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count(escape(NOTE)) == 2  # the panel and the live summary
    assert "<strong>Specific</strong>" not in body
    assert "SMART check" not in body
    assert "data-deadline" not in body
    assert 'name="use_rewrite"' not in body


def test_a_german_goal_naming_the_next_meeting_gets_no_date_either(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    data = {
        "text": "Die Folien bis zum nächsten Treffen überarbeiten",
        "next_meeting": "2031-05-07",
    }
    response = client.post(reverse("goal_guidance"), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert escape(NOTE) in body
    assert "2031" not in body


def test_an_english_goal_still_gets_its_verdicts(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    data = {"text": "Send chapter 2 to Dr. Müller by Friday"}
    response = client.post(reverse("goal_guidance"), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert NOTE not in body
    assert "<strong>Specific</strong>: yes" in body


def test_a_german_goal_saved_without_a_date_is_due_at_the_next_meeting(
    now: datetime, cast: Cast
) -> None:
    _, soon, _ = meetings_around(cast.group)
    url = reverse("goal_new", args=[cast.group.pk]) + f"?meeting={soon.pk}"
    client = cast.client_for(cast.member)
    # "bis zum 15." would be a date to an English reader; the analyzer reads none here.
    text = "Die Interviews bis zum 15. transkribieren"
    client.post(url, {"text": text})
    goal = Goal.objects.get()
    assert (goal.text, goal.due_on) == (text, date(2026, 7, 8))


def test_the_note_is_in_the_members_language() -> None:
    from django.utils import translation

    from peercircle.goals.guidance import guide

    with translation.override("de"):
        guidance = guide("Kapitel 2 bis Freitag abgeben", today=date(2026, 7, 1), long_term=None)
    assert guidance.language_note == (
        "SMART-Hinweise gibt es für Ziele, die auf Englisch geschrieben sind."
    )
    assert guidance.dimensions == () and not guidance.all_hold
