"""The public sign-up form, its email confirmation, and the coordinator's sign-up pages."""

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peercircle.programs.models import Program, SignUp, SignupStatus
from tests.conftest import Cast
from tests.programs.conftest import make_signups


@pytest.fixture(autouse=True)
def fresh_cache(db: None) -> None:
    cache.clear()


def answers(**changes: Any) -> dict[str, Any]:
    data = {
        "name": "Ada Byron",
        "email": "Ada@Example.edu",
        "department": "Mathematics",
        "lab": "Babbage Lab",
        "stage": "graduate",
        "availability": ["Weekday lunch", "Weekend brunch"],
        "avoid_text": "",
        "hopes": "Feedback on my thesis plan.",
        "website": "",
    }
    data.update(changes)
    return data


def sign_up(program: Program, **changes: Any) -> Any:
    return Client().post(reverse("signup_public", args=[program.pk]), answers(**changes))


def test_anyone_signs_up_without_an_account_and_confirms_by_email(
    now: datetime, program: Program, django_capture_on_commit_callbacks: Any
) -> None:
    assert Client().get(reverse("signup_public", args=[program.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(program)
    assert response.status_code == 302
    signup = SignUp.objects.get(program=program)
    assert (signup.email, signup.status) == ("ada@example.edu", SignupStatus.PENDING)
    assert signup.availability == ["Weekday lunch", "Weekend brunch"]
    (message,) = mail.outbox
    link = re.search(r"http://\S+/programs/signup/confirm/\S+/", str(message.body))
    assert link is not None
    path = link.group(0).split("8000", 1)[1]
    confirm = Client().get(path)
    assert confirm.status_code == 200 and SignUp.objects.get().status == SignupStatus.PENDING
    Client().post(path)
    assert SignUp.objects.get().status == SignupStatus.CONFIRMED


def test_a_tampered_confirmation_link_is_refused(now: datetime, program: Program) -> None:
    response = Client().get(reverse("signup_confirm", args=["1:abc:def"]))
    assert response.status_code == 404
    assert "does not work" in response.content.decode()


def test_signing_up_twice_changes_nothing_and_says_the_same(
    program: Program, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(program)
        second = sign_up(program, name="Someone Else", email="ada@example.edu")
    assert first["Location"] == second["Location"]
    assert SignUp.objects.get().name == "Ada Byron"
    assert len(mail.outbox) == 1


def test_sign_up_is_closed_outside_its_window(now: datetime, program: Program) -> None:
    program.signup_closes = timezone.now() - timedelta(minutes=1)
    program.save(update_fields=["signup_closes"])
    page = Client().get(reverse("signup_public", args=[program.pk]))
    assert page.status_code == 200 and "Sign-up is closed" in page.content.decode()
    response = sign_up(program)
    assert "Sign-up is closed" in response.content.decode()
    assert not SignUp.objects.exists()


def test_sign_up_is_closed_before_a_window_is_set(now: datetime, cast: Cast) -> None:
    page = Client().get(reverse("signup_public", args=[cast.program.pk]))
    assert "not taking sign-ups" in page.content.decode()


def test_a_bot_filling_the_trap_field_is_told_nothing_and_stored_nowhere(program: Program) -> None:
    response = sign_up(program, website="http://spam.example")
    assert response.status_code == 302
    assert not SignUp.objects.exists()


def test_one_address_cannot_post_the_form_endlessly(program: Program) -> None:
    for index in range(12):
        sign_up(program, email=f"bot{index}@example.edu")
    assert SignUp.objects.count() == 10


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"availability": []}, "This field is required"),
        ({"availability": ["Midnight"]}, "Select a valid choice"),
        ({"stage": "staff"}, "Select a valid choice"),
        ({"name": "x" * 10_000}, "at most 120 characters"),
        ({"hopes": "x" * 10_000}, "at most 2000 characters"),
        ({"department": "bio\x00logy"}, "Null characters are not allowed"),
    ],
)
def test_bad_answers_are_clear_errors_and_store_nothing(
    program: Program, changes: dict[str, Any], message: str
) -> None:
    response = sign_up(program, **changes)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not SignUp.objects.exists()


def test_markup_in_answers_is_shown_as_text(now: datetime, program: Program, cast: Cast) -> None:
    sign_up(program, name="<script>alert(1)</script>")
    body = cast.client_for(cast.coordinator).get(reverse("signup_list", args=[program.pk]))
    assert body.status_code == 200
    assert b"<script>alert(1)</script>" not in body.content
    assert b"&lt;script&gt;" in body.content


def test_coordinators_search_sign_ups(now: datetime, cast: Cast) -> None:
    make_signups(cast.program, 3)
    make_signups(cast.program, 2, prefix="zed")
    client = cast.client_for(cast.coordinator)
    response = client.get(reverse("signup_list", args=[cast.program.pk]), {"q": "zed"})
    assert response.context["page"].paginator.count == 2


def test_sign_up_list_pages_and_its_queries_do_not_grow(now: datetime, cast: Cast) -> None:
    from tests.conftest import count_queries

    client = cast.client_for(cast.coordinator)
    url = reverse("signup_list", args=[cast.program.pk])
    make_signups(cast.program, 3)
    before = count_queries(client, url)
    make_signups(cast.program, 80, prefix="more")
    assert count_queries(client, url) == before
    assert len(client.get(url).context["page"]) == 50


def test_coordinators_edit_a_sign_up_and_confirm_who_to_avoid(now: datetime, cast: Cast) -> None:
    alice, bob, _ = make_signups(cast.program, 3)
    alice.avoid_text = "Person 1"
    alice.save(update_fields=["avoid_text"])
    client = cast.client_for(cast.coordinator)
    url = reverse("signup_edit", args=[cast.program.pk, alice.pk])
    form = client.get(url)
    assert [s.pk for s in form.context["form"].fields["avoid"].queryset] == [bob.pk]
    data = answers(name="Alice A", email=alice.email, avoid=[bob.pk])
    data.pop("website")
    assert client.post(url, data).status_code == 302
    alice.refresh_from_db()
    assert alice.name == "Alice A" and list(alice.avoid.all()) == [bob]


def test_an_edit_to_an_email_taken_in_the_program_is_a_form_message(
    now: datetime, cast: Cast
) -> None:
    alice, bob = make_signups(cast.program, 2)
    data = answers(email=bob.email)
    data.pop("website")
    url = reverse("signup_edit", args=[cast.program.pk, alice.pk])
    response = cast.client_for(cast.coordinator).post(url, data)
    assert response.status_code == 422
    assert "has this email" in response.content.decode()


def test_coordinators_withdraw_a_sign_up(now: datetime, cast: Cast) -> None:
    (signup,) = make_signups(cast.program, 1)
    url = reverse("signup_withdraw", args=[cast.program.pk, signup.pk])
    cast.client_for(cast.coordinator).post(url)
    signup.refresh_from_db()
    assert signup.status == SignupStatus.WITHDRAWN


@pytest.mark.parametrize("method", ["put", "delete"])
def test_public_pages_refuse_other_methods(now: datetime, program: Program, method: str) -> None:
    response = getattr(Client(), method)(reverse("signup_public", args=[program.pk]))
    assert response.status_code == 405


def test_sign_up_for_an_unknown_program_is_404(now: datetime, db: None) -> None:
    assert Client().get(reverse("signup_public", args=[999_999])).status_code == 404


def test_someone_signed_in_finds_their_profile_filled_in(
    now: datetime, program: Program, cast: Cast
) -> None:
    from peercircle.accounts.actions import profile_update

    profile_update(
        user=cast.outsider,
        display_name="Oona Outsider",
        pronouns="",
        timezone="UTC",
        department="Geology",
        lab="Rocks Lab",
        career_stage="postdoc",
    )
    form = cast.client_for(cast.outsider).get(reverse("signup_public", args=[program.pk]))
    initial = form.context["form"].initial
    assert (initial["email"], initial["department"], initial["stage"]) == (
        "outsider@example.org",
        "Geology",
        "postdoc",
    )


def test_the_sent_page_is_public_names_the_program_and_refuses_posts(
    now: datetime, cast: Cast
) -> None:
    url = reverse("signup_sent", args=[cast.program.pk])
    response = Client().get(url)
    assert response.status_code == 200 and cast.program.name in response.content.decode()
    assert Client().post(url).status_code == 405
    assert Client().get(reverse("signup_sent", args=[cast.program.pk + 99])).status_code == 404


def test_the_sign_up_list_sorts_numbers_as_a_person_reads_them(now: datetime, cast: Cast) -> None:
    make_signups(cast.program, 11, prefix="person")
    client = cast.client_for(cast.coordinator)
    response = client.get(reverse("signup_list", args=[cast.program.pk]))
    names = [signup.name for signup in response.context["page"]]
    assert names[:3] == ["Person 0", "Person 1", "Person 2"]
    assert names[-1] == "Person 10"


def test_the_public_form_chooses_no_career_stage_for_the_person(program: Program) -> None:
    body = Client().get(reverse("signup_public", args=[program.pk])).content.decode()
    assert '<option value="" selected>Choose one</option>' in body
    response = sign_up(program, stage="")
    assert response.status_code == 422 or "This field is required" in response.content.decode()
    assert not SignUp.objects.filter(program=program).exists()


def test_the_sign_up_link_uses_the_address_the_coordinator_came_from(
    cast: Cast, settings: Any
) -> None:
    settings.ALLOWED_HOSTS = ["peers.example.edu", "testserver"]
    client = cast.client_for(cast.coordinator)
    response = client.get(
        reverse("signup_list", args=[cast.program.pk]), headers={"host": "peers.example.edu"}
    )
    assert response.context["signup_url"].startswith("http://peers.example.edu/")


def test_the_form_and_the_csv_page_say_how_people_to_avoid_are_given(cast: Cast) -> None:
    program = open_window_for(cast)
    form = Client().get(reverse("signup_public", args=[program.pk])).content.decode()
    assert "Names or emails, separated by commas" in form
    assert "they match each one to a sign-up" in form
    client = cast.client_for(cast.coordinator)
    page = client.get(reverse("signup_import", args=[program.pk])).content.decode()
    assert "by their <code>id</code> or email in this file" in page


def open_window_for(cast: Cast) -> Program:
    from tests.programs.conftest import open_window

    return open_window(cast.program)
