"""The SMART guidance fragment the goal form asks for while the member types (htmx).

Its permission checklist is in test_views.py with the other goals routes.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from peercircle.goals import actions
from peercircle.goals.guidance import guide
from tests.conftest import Cast


def test_guidance_says_which_dimensions_hold_and_hints_for_the_others(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    response = client.post(
        reverse("goal_guidance"), {"text": "get my paper accepted"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Specific</strong>: yes" in body
    expected = guide("get my paper accepted", today=timezone.localdate(), long_term=None)
    assert f"<strong>Attainable</strong>: {escape(expected.dimensions[2].hint)}" in body
    assert "<strong>Time-bound</strong>: Add a deadline" in body
    assert "not linked to a long-term goal" in body
    assert expected.rewrite
    assert f'name="use_rewrite" value="{escape(expected.rewrite)}"' in body
    assert 'hx-swap-oob="innerHTML:#smart-summary"' in body
    assert "autofocus" not in body  # focus stays in the text while typing


def test_guidance_shows_the_deadline_found_and_the_linked_long_term_goal(cast: Cast) -> None:
    lt = actions.long_term_add(owner=cast.member, text="Finish the PhD", target_year=2030)
    client = cast.client_for(cast.member)
    data = {"text": "Write the methods section by the end of the month", "long_term": lt.pk}
    body = client.post(reverse("goal_guidance"), data).content.decode()
    assert "data-deadline=" in body
    assert "serves “Finish the PhD”" in body
    assert "<strong>Attainable</strong>: yes" in body


def test_guidance_ignores_someone_elses_long_term_goal(cast: Cast) -> None:
    lt = actions.long_term_add(owner=cast.organizer, text="Secret plan", target_year=2030)
    client = cast.client_for(cast.member)
    body = client.post(reverse("goal_guidance"), {"text": "x", "long_term": lt.pk}).content
    assert b"Secret plan" not in body


def test_guidance_copes_with_huge_and_strange_input(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    for text in ("x" * 10_000, "<script>alert(1)</script> by Friday", "\x00", ""):
        response = client.post(reverse("goal_guidance"), {"text": text})
        assert response.status_code == 200
        assert b"<script>alert" not in response.content
