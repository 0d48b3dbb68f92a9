"""Every goals view with its permission checklist, plus what each page shows."""

import csv
import io
from datetime import date, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peercircle.goals import actions
from peercircle.goals.models import Goal, LongTermGoal, Success
from tests.conftest import GROUP_READ, Cast, count_queries, make_user, page_text
from tests.goals.helpers import make_goal, meetings_around

OWNER_ONLY = [
    ("member", 200),
    ("organizer", 403),  # a fellow member sees the goal but cannot change it
    ("other_member", 404),
    ("coordinator", 403),
    ("outsider", 404),
]


# ---------------------------------------------------------------------------------------
# Setting a goal


@pytest.mark.parametrize(("who", "status"), GROUP_READ)
def test_new_goal_page_permissions(cast: Cast, who: str, status: int) -> None:
    url = reverse("goal_new", args=[cast.group.pk])
    assert cast.client_for(getattr(cast, who)).get(url).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [(w, 302 if s == 200 else s) for w, s in GROUP_READ],
)
def test_setting_a_goal_permissions(cast: Cast, who: str, status: int) -> None:
    url = reverse("goal_new", args=[cast.group.pk])
    response = cast.client_for(getattr(cast, who)).post(url, {"text": "Submit the abstract"})
    assert response.status_code == status
    assert Goal.objects.exists() == (status == 302)


def test_setting_a_goal_anonymous_and_wrong_method(cast: Cast) -> None:
    url = reverse("goal_new", args=[cast.group.pk])
    assert Client().post(url, {"text": "x"}).status_code == 302
    assert cast.client_for(cast.member).put(url).status_code == 405
    assert not Goal.objects.exists()


def test_a_date_in_the_goal_text_fills_an_empty_due_date(now: datetime, cast: Cast) -> None:
    client = cast.client_for(cast.member)
    url = reverse("goal_new", args=[cast.group.pk])
    client.post(url, {"text": "Submit the abstract by the end of the month"})
    goal = Goal.objects.get()
    assert goal.due_on == date(2026, 6, 30)


def test_a_due_date_the_member_typed_wins_over_the_text(now: datetime, cast: Cast) -> None:
    client = cast.client_for(cast.member)
    due = "2026-06-01"
    url = reverse("goal_new", args=[cast.group.pk])
    client.post(url, {"text": "Submit the abstract by the end of the month", "due_on": due})
    assert Goal.objects.get().due_on.isoformat() == due


def test_goal_set_at_a_meeting_belongs_to_it(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    url = reverse("goal_new", args=[cast.group.pk]) + f"?meeting={soon.pk}"
    response = cast.client_for(cast.member).post(url, {"text": "Write 500 words"})
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert goal.set_at == soon
    assert goal.due_on == date(2026, 7, 8)  # the meeting four weeks on


def test_another_groups_meeting_is_not_found(cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.other_group)
    url = reverse("goal_new", args=[cast.group.pk]) + f"?meeting={soon.pk}"
    assert cast.client_for(cast.member).get(url).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "x" * 10_000}, b"at most 500 characters"),
        ({"text": "ok", "due_on": "9999-12-31"}, b"within the next three years"),
        ({"text": "ok", "due_on": "10000-01-01"}, b"Enter a valid date"),
        ({"text": "nul\x00"}, b"Null characters are not allowed"),
        ({"text": "ok", "long_term": "999999"}, b"Select a valid choice"),
    ],
)
def test_bad_input_gets_a_form_error_not_a_500(cast: Cast, data: dict, message: bytes) -> None:
    url = reverse("goal_new", args=[cast.group.pk])
    response = cast.client_for(cast.member).post(url, data)
    assert response.status_code == 422
    assert message in response.content
    assert not Goal.objects.exists()


def test_the_rewrite_button_without_javascript_shows_the_new_wording_unsaved(cast: Cast) -> None:
    url = reverse("goal_new", args=[cast.group.pk])
    data = {"text": "Get my paper accepted", "use_rewrite": "submit it to … by …"}
    response = cast.client_for(cast.member).post(url, data)
    assert response.status_code == 200
    assert b"submit it to \xe2\x80\xa6 by \xe2\x80\xa6</textarea>" in response.content
    assert not Goal.objects.exists()


# ---------------------------------------------------------------------------------------
# Guidance while typing


def test_guidance_needs_a_login_and_a_post(cast: Cast) -> None:
    assert Client().post(reverse("goal_guidance"), {"text": "x"}).status_code == 302
    assert cast.client_for(cast.member).get(reverse("goal_guidance")).status_code == 405


# ---------------------------------------------------------------------------------------
# Editing a goal


@pytest.mark.parametrize(("who", "status"), OWNER_ONLY)
def test_edit_goal_permissions(now: datetime, cast: Cast, who: str, status: int) -> None:
    goal = make_goal(cast.member, cast.group)
    client = cast.client_for(getattr(cast, who))
    assert client.get(reverse("goal_edit", args=[goal.pk])).status_code == status
    data = {"text": "Changed", "due_on": goal.due_on.isoformat()}
    response = client.post(reverse("goal_edit", args=[goal.pk]), data)
    assert response.status_code == (302 if status == 200 else status)
    assert (Goal.objects.get().text == "Changed") == (status == 200)


def test_a_private_goal_does_not_exist_for_fellow_members(now: datetime, cast: Cast) -> None:
    goal = make_goal(cast.member, cast.group, private=True)
    response = cast.client_for(cast.organizer).get(reverse("goal_edit", args=[goal.pk]))
    assert response.status_code == 404


def test_edit_goal_anonymous_and_wrong_method(now: datetime, cast: Cast) -> None:
    goal = make_goal(cast.member, cast.group)
    url = reverse("goal_edit", args=[goal.pk])
    assert Client().get(url).status_code == 302
    assert cast.client_for(cast.member).delete(url).status_code == 405


# ---------------------------------------------------------------------------------------
# The review at a meeting


REVIEW = [
    ("member", 302),  # the owner
    ("organizer", 302),  # runs the meeting: records it with the member present
    ("other_member", 404),
    ("coordinator", 403),
    ("outsider", 404),
]


def _review_url(goal: Goal, meeting_pk: int) -> str:
    return reverse("goal_review", args=[goal.pk, meeting_pk])


@pytest.mark.parametrize(("who", "status"), REVIEW)
def test_review_permissions(now: datetime, cast: Cast, who: str, status: int) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group)
    data = {f"g{goal.pk}-status": "done", f"g{goal.pk}-note": "yes"}
    response = cast.client_for(getattr(cast, who)).post(_review_url(goal, soon.pk), data)
    assert response.status_code == status
    assert (Goal.objects.get(pk=goal.pk).status == "done") == (status == 302)


def test_a_member_who_does_not_run_the_meeting_cannot_review_anothers_goal(
    now: datetime, cast: Cast
) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.organizer, cast.group)
    data = {f"g{goal.pk}-status": "done"}
    response = cast.client_for(cast.member).post(_review_url(goal, soon.pk), data)
    assert response.status_code == 403
    assert Goal.objects.get(pk=goal.pk).is_open


def test_the_meetings_host_reviews_a_members_goal(now: datetime, cast: Cast) -> None:
    third = make_user("third@example.org")
    actions_membership(cast, third)
    _, soon, _ = meetings_around(cast.group)
    soon.host = third
    soon.save(update_fields=["host"])
    goal = make_goal(cast.member, cast.group)
    data = {f"g{goal.pk}-status": "partly"}
    assert cast.client_for(third).post(_review_url(goal, soon.pk), data).status_code == 302
    assert Goal.objects.get(pk=goal.pk).reviewed_by == third


def actions_membership(cast: Cast, user) -> None:
    from peercircle.groups.actions.membership import membership_add

    membership_add(group=cast.group, user=user)


def test_nobody_but_the_owner_reviews_a_private_goal(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group, private=True)
    data = {f"g{goal.pk}-status": "done"}
    response = cast.client_for(cast.organizer).post(_review_url(goal, soon.pk), data)
    assert response.status_code == 404
    assert cast.client_for(cast.member).post(_review_url(goal, soon.pk), data).status_code == 302


def test_review_at_another_groups_meeting_is_not_found(now: datetime, cast: Cast) -> None:
    _, elsewhere, _ = meetings_around(cast.other_group)
    goal = make_goal(cast.member, cast.group)
    data = {f"g{goal.pk}-status": "done"}
    response = cast.client_for(cast.member).post(_review_url(goal, elsewhere.pk), data)
    assert response.status_code == 404


def test_review_anonymous_wrong_method_and_bad_status(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group)
    url = _review_url(goal, soon.pk)
    assert Client().post(url, {f"g{goal.pk}-status": "done"}).status_code == 302
    client = cast.client_for(cast.member)
    assert client.put(url).status_code == 405
    response = client.post(url, {f"g{goal.pk}-status": "won"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert b"Select a valid choice" in response.content
    assert Goal.objects.get(pk=goal.pk).is_open


def test_htmx_review_returns_the_row_with_focus_on_the_result(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group)
    data = {f"g{goal.pk}-status": "carried_over", f"g{goal.pk}-note": "half"}
    response = cast.client_for(cast.member).post(
        _review_url(goal, soon.pk), data, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.strip().startswith("<li")
    assert 'tabindex="-1" autofocus>Saved: Carried over.' in body
    assert "comes back as a new goal due" in body
    assert Goal.objects.filter(carried_from=goal).count() == 1


# ---------------------------------------------------------------------------------------
# Lists and pages


@pytest.mark.parametrize(("who", "status"), GROUP_READ)
def test_group_goals_page_permissions(cast: Cast, who: str, status: int) -> None:
    url = reverse("group_goals", args=[cast.group.pk])
    assert cast.client_for(getattr(cast, who)).get(url).status_code == status


def test_group_goals_page_anonymous_and_wrong_method(cast: Cast) -> None:
    url = reverse("group_goals", args=[cast.group.pk])
    assert Client().get(url).status_code == 302
    assert cast.client_for(cast.member).post(url).status_code == 405


def test_group_goals_page_hides_private_text_and_queries_stay_flat(
    now: datetime, cast: Cast
) -> None:
    client = cast.client_for(cast.organizer)
    url = reverse("group_goals", args=[cast.group.pk])
    make_goal(cast.member, cast.group, "Visible one")
    few = count_queries(client, url)
    for index in range(5):
        make_goal(cast.member, cast.group, f"Hidden {index}", private=True)
        make_goal(cast.organizer, cast.group, f"Mine {index}")
    assert count_queries(client, url) == few
    body = page_text(client, url)
    assert "Visible one" in body and "Hidden" not in body
    assert "5 private goals" in body
    assert "<svg" in body and "<title" in body


@pytest.mark.parametrize("name", ["my_goals", "my_progress", "long_term_list", "goals_export"])
def test_personal_pages_show_only_the_callers_own(now: datetime, cast: Cast, name: str) -> None:
    make_goal(cast.member, cast.group, "Members goal", private=True)
    actions.long_term_add(owner=cast.member, text="Members dream", target_year=2030)
    for who in ("organizer", "coordinator", "outsider"):
        body = cast.client_for(getattr(cast, who)).get(reverse(name)).content
        assert b"Members goal" not in body and b"Members dream" not in body
    assert Client().get(reverse(name)).status_code == 302
    assert cast.client_for(cast.member).put(reverse(name)).status_code == 405


def test_my_goals_lists_open_and_reviewed_goals_with_flat_queries(
    now: datetime, cast: Cast
) -> None:
    _, soon, _ = meetings_around(cast.group)
    client = cast.client_for(cast.member)
    make_goal(cast.member, cast.group, "First")
    few = count_queries(client, reverse("my_goals"))
    for index in range(5):
        goal = make_goal(cast.member, cast.group, f"Goal {index}")
        actions.goal_review(goal=goal, status="done", note="n", meeting=soon, by=cast.member)
    assert count_queries(client, reverse("my_goals")) == few


def test_long_term_list_adds_and_says_reached_n_of_m(now: datetime, cast: Cast) -> None:
    client = cast.client_for(cast.member)
    year = timezone.localdate().year
    for text in ("A", "B", "C"):
        client.post(reverse("long_term_list"), {"text": text, "target_year": year + 2})
    goal = LongTermGoal.objects.get(text="A")
    response = client.post(
        reverse("long_term_edit", args=[goal.pk]),
        {"text": "A", "target_year": year + 2, "status": "reached"},
    )
    assert response.status_code == 302
    assert b"reached 1 of these 3 goals" in client.get(reverse("long_term_list")).content
    response = client.post(reverse("long_term_list"), {"text": "D", "target_year": 9999})
    assert response.status_code == 422


def test_long_term_list_queries_stay_flat(now: datetime, cast: Cast) -> None:
    client = cast.client_for(cast.member)
    actions.long_term_add(owner=cast.member, text="One", target_year=2030)
    few = count_queries(client, reverse("long_term_list"))
    for index in range(6):
        lt = actions.long_term_add(owner=cast.member, text=f"LT {index}", target_year=2030)
        actions.goal_set(owner=cast.member, group=cast.group, text=f"g{index}", long_term=lt)
    assert count_queries(client, reverse("long_term_list")) == few


@pytest.mark.parametrize("who", ["organizer", "other_member", "coordinator", "outsider"])
def test_someone_elses_long_term_goal_is_not_found(now: datetime, cast: Cast, who: str) -> None:
    goal = actions.long_term_add(owner=cast.member, text="Mine", target_year=2030)
    url = reverse("long_term_edit", args=[goal.pk])
    assert cast.client_for(getattr(cast, who)).get(url).status_code == 404
    assert cast.client_for(cast.member).get(url).status_code == 200
    assert cast.client_for(cast.member).put(url).status_code == 405
    assert Client().get(url).status_code == 302


def test_my_year_is_printable_and_bounded(now: datetime, cast: Cast) -> None:
    client = cast.client_for(cast.member)
    year = timezone.localdate().year
    make_goal(cast.member, cast.group, "A goal due this year")
    body = client.get(reverse("my_year", args=[year])).content.decode()
    assert "A goal due this year" in body and "print-page" in body and "<svg" in body
    assert client.get(reverse("my_year", args=[9999])).status_code == 404
    assert client.post(reverse("my_year", args=[year])).status_code == 405
    assert Client().get(reverse("my_year", args=[year])).status_code == 302


def test_export_is_the_members_own_goals_as_csv(now: datetime, cast: Cast) -> None:
    make_goal(cast.member, cast.group, "=HYPERLINK(1)", private=True)
    make_goal(cast.organizer, cast.group, "Not mine")
    response = cast.client_for(cast.member).get(reverse("goals_export"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert [r["goal"] for r in rows] == ["'=HYPERLINK(1)"]
    assert rows[0]["private"] == "True"


# ---------------------------------------------------------------------------------------
# Successes


@pytest.mark.parametrize(
    ("who", "status"),
    [(w, 302 if s == 200 else s) for w, s in GROUP_READ],
)
def test_sharing_a_success_permissions(now: datetime, cast: Cast, who: str, status: int) -> None:
    url = reverse("success_new", args=[cast.group.pk])
    data = {"text": "Won", "happened_on": timezone.localdate().isoformat()}
    assert cast.client_for(getattr(cast, who)).post(url, data).status_code == status
    assert Success.objects.exists() == (status == 302)


def test_sharing_a_success_anonymous_wrong_method_and_bad_date(now: datetime, cast: Cast) -> None:
    url = reverse("success_new", args=[cast.group.pk])
    assert Client().get(url).status_code == 302
    client = cast.client_for(cast.member)
    assert client.put(url).status_code == 405
    response = client.post(url, {"text": "Won", "happened_on": "9999-01-01"})
    assert response.status_code == 422
    assert b"past year" in response.content


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("member", 302),
        ("organizer", 403),
        ("other_member", 404),
        ("coordinator", 403),
        ("outsider", 404),
    ],
)
def test_removing_a_success_permissions(now: datetime, cast: Cast, who: str, status: int) -> None:
    success = actions.success_add(
        owner=cast.member, group=cast.group, text="Won", happened_on=timezone.localdate()
    )
    url = reverse("success_delete", args=[success.pk])
    assert cast.client_for(getattr(cast, who)).post(url).status_code == status
    assert Success.objects.exists() == (status != 302)
    assert cast.client_for(cast.member).get(url).status_code in {405, 404}


def test_removing_a_success_from_the_meeting_page_returns_there(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    success = actions.success_add(
        owner=cast.member, group=cast.group, text="Won", happened_on=timezone.localdate()
    )
    client = cast.client_for(cast.member)
    page = client.get(reverse("meeting_detail", args=[soon.pk])).content.decode()
    url = reverse("success_delete", args=[success.pk]) + f"?meeting={soon.pk}"
    assert url in page.replace("&amp;", "&")
    response = client.post(url)
    assert response["Location"] == reverse("meeting_detail", args=[soon.pk])
    assert not Success.objects.exists()


def test_the_rewrite_button_on_the_edit_page_saves_nothing(now: datetime, cast: Cast) -> None:
    goal = make_goal(cast.member, cast.group, "Get my paper accepted")
    data = {"text": "Get my paper accepted", "use_rewrite": "submit it to … by …"}
    response = cast.client_for(cast.member).post(reverse("goal_edit", args=[goal.pk]), data)
    assert response.status_code == 200
    assert Goal.objects.get().text == "Get my paper accepted"


def test_a_second_tab_cannot_undo_a_carry_over_and_is_told_why(now: datetime, cast: Cast) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group)
    client = cast.client_for(cast.member)
    url = _review_url(goal, soon.pk)
    client.post(url, {f"g{goal.pk}-status": "carried_over"}, HTTP_HX_REQUEST="true")
    response = client.post(url, {f"g{goal.pk}-status": "done"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert b"review the goal it became instead" in response.content
    assert Goal.objects.get(pk=goal.pk).status == "carried_over"


@pytest.mark.parametrize("who", ["member", "other_member", "coordinator", "outsider"])
def test_guidance_is_for_anyone_signed_in_and_reads_only_what_they_typed(
    cast: Cast, who: str
) -> None:
    response = cast.client_for(getattr(cast, who)).post(
        reverse("goal_guidance"), {"text": "Write the intro by Friday"}
    )
    assert response.status_code == 200
    assert b"<strong>Specific</strong>" in response.content


@pytest.mark.parametrize(("who", "status"), REVIEW)
def test_review_page_without_htmx_permissions(
    now: datetime, cast: Cast, who: str, status: int
) -> None:
    _, soon, _ = meetings_around(cast.group)
    goal = make_goal(cast.member, cast.group, "Review me on a page")
    response = cast.client_for(getattr(cast, who)).get(_review_url(goal, soon.pk))
    assert response.status_code == (200 if status == 302 else status)
    if response.status_code == 200:
        assert b"Review me on a page" in response.content
        assert b"Save review" in response.content


def test_the_rewrite_button_is_never_the_goal_forms_default_button(
    now: datetime, cast: Cast
) -> None:
    url = reverse("goal_new", args=[cast.group.pk])
    data = {"text": "Get my paper accepted in Nature by Friday", "due_on": "not a date"}
    response = cast.client_for(cast.member).post(url, data)
    assert response.status_code == 422
    page = response.content.decode()
    goal_form = page.split("data-goal-form", 1)[1].split("</form>", 1)[0]
    assert 'form="goal-rewrite"' in goal_form  # submits the small form after the goal form
    assert '<form id="goal-rewrite"' in page


def test_my_goals_marks_overdue_open_goals(now: datetime, cast: Cast) -> None:
    make_goal(cast.member, cast.group, "Late one", due_in_days=-3)
    body = cast.client_for(cast.member).get(reverse("my_goals")).content.decode()
    assert "overdue" in body
