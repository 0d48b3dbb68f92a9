"""The SMART guidance fragment the goal form asks for while the member types (htmx).

Its permission checklist is in test_views.py with the other goals routes.
"""

from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from peercircle.goals import actions
from peercircle.goals.guidance import guide
from peercircle.goals.models import Goal
from tests.conftest import Cast
from tests.goals.helpers import meetings_around


def test_guidance_says_which_dimensions_hold_and_hints_for_the_others(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    response = client.post(
        reverse("goal_guidance"), {"text": "get my paper accepted"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Specific</strong>: yes" in body
    expected = guide("get my paper accepted", today=timezone.localdate(), long_term=None)
    # The analyzer's hints are its own English, marked so for screen readers.
    hint = escape(expected.dimensions[2].hint)
    assert f'<strong>Attainable</strong>: <span lang="en">{hint}</span>' in body
    assert '<strong>Time-bound</strong>: <span lang="en">Add a deadline' in body
    assert "not linked to a long-term goal" in body
    assert expected.rewrite == ""  # a rewrite with a blank to fill is no one-tap button
    assert 'name="use_rewrite"' not in body
    assert 'hx-swap-oob="innerHTML:#smart-summary"' in body
    assert "autofocus" not in body  # focus stays in the text while typing


def test_guidance_offers_a_rewrite_that_holds_on_all_four_parts(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    text = "get my paper accepted in Nature by the end of the month"
    response = client.post(reverse("goal_guidance"), {"text": text}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    expected = "Submit my paper to Nature by the end of the month"
    assert f'name="use_rewrite" value="{escape(expected)}"' in body


def test_guidance_resolves_the_next_meeting_to_the_date_the_form_was_given(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    data = {
        "text": "Send the revised figures to Ana by the next meeting",
        "next_meeting": "2031-05-07",
    }
    response = client.post(reverse("goal_guidance"), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-deadline="2031-05-07"' in body
    assert "Due at the group's next meeting: Wed 7 May 2031." in body
    assert "<strong>Time-bound</strong>: yes" in body


def test_guidance_without_a_next_meeting_keeps_the_goal_time_bound_without_a_date(
    cast: Cast,
) -> None:
    client = cast.client_for(cast.member)
    data = {"text": "Send the revised figures to Ana by the next meeting", "next_meeting": "x"}
    response = client.post(reverse("goal_guidance"), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "data-deadline=" not in body
    assert "<strong>Time-bound</strong>: yes" in body


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


def test_the_form_resolves_by_the_next_meeting_to_the_groups_next_meeting(
    now: datetime, cast: Cast
) -> None:
    _, soon, _ = meetings_around(cast.group)
    url = reverse("goal_new", args=[cast.group.pk]) + f"?meeting={soon.pk}"
    client = cast.client_for(cast.member)
    page = client.get(url)
    assert page.status_code == 200
    assert b'<input type="hidden" name="next_meeting" value="2026-07-08">' in page.content
    text = "Send the revised figures to Ana by the next meeting"
    response = client.post(url, {"text": text, "due_on": "9999-12-31"})
    assert response.status_code == 422
    assert b"Due at the group's next meeting: Wed 8 Jul 2026." in response.content
    client.post(url, {"text": text})
    assert Goal.objects.get().due_on == date(2026, 7, 8)


def test_a_date_that_falls_on_the_next_meeting_is_still_the_date_the_goal_names() -> None:
    """Only "by the next meeting" is due at the next meeting; "by Friday" stays a date found
    in the goal, even in a week when the group meets on that Friday."""
    from datetime import date

    from peercircle.goals.guidance import guide

    friday = date(2026, 12, 4)
    named = guide(
        "Submit the draft by Friday", today=date(2026, 12, 3), long_term=None, next_meeting=friday
    )
    assert (named.deadline, named.due_at_next_meeting) == (friday, False)
    meeting = guide(
        "Submit the draft by the next meeting",
        today=date(2026, 12, 3),
        long_term=None,
        next_meeting=friday,
    )
    assert (meeting.deadline, meeting.due_at_next_meeting) == (friday, True)


def test_the_form_never_offers_a_rewrite_the_analyzer_cannot_vouch_for(
    cast: Cast, monkeypatch
) -> None:
    from peercircle.smart import hints

    client = cast.client_for(cast.member)
    text = "get my paper accepted in Nature by the end of the month"
    monkeypatch.setattr(hints, "rewrite_sure", lambda goal, deadline: False)
    response = client.post(reverse("goal_guidance"), {"text": text}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="use_rewrite"' not in body
    assert "depends on others" in body  # the hint stays, without a button


def test_a_pattern_that_would_be_bent_to_fit_gets_hints_and_no_button(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    text = "Get my paper selected for a talk by the end of the month"  # "send … for a talk"
    response = client.post(reverse("goal_guidance"), {"text": text}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="use_rewrite"' not in body
    assert "<strong>Attainable</strong>: " in body and "depends on others" in body
