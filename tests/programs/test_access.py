"""The permission checklist for every coordinator page of a program."""

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.programs.access import (
    ProgramAccess,
    ProgramRole,
    can_manage_program,
    get_program_for_user,
    knows_program_exists,
)
from peercircle.programs.models import Program
from tests.conftest import Cast
from tests.programs.conftest import formed, make_signups

# (url name, needs a sign-up id, method that works)
PAGES = [
    ("program_detail", False, "get"),
    ("program_edit", False, "get"),
    ("program_figures_csv", False, "get"),
    ("signup_list", False, "get"),
    ("signup_import", False, "get"),
    ("signup_export", False, "get"),
    ("signup_edit", True, "get"),
    ("signup_withdraw", True, "post"),
    ("formation_page", False, "get"),
    ("formation_run", False, "post"),
    ("formation_progress", False, "get"),
    ("formation_lock", False, "post"),
    ("formation_publish", False, "get"),
    ("formation_publish", False, "post"),
]
# Members of the program's groups learn the program exists (403); others learn nothing (404).
WHO = [("member", 403), ("other_member", 403), ("outsider", 404)]
GET_ONLY = {"program_detail", "program_figures_csv", "signup_list", "signup_export"}
GET_AND_POST = {"formation_publish"}  # the confirmation page, and publishing from it


def url_for(name: str, program: Program, signup_pk: int | None) -> str:
    if signup_pk is not None:
        return reverse(name, args=[program.pk, signup_pk])
    return reverse(name, args=[program.pk])


@pytest.fixture
def signup_pk(cast: Cast) -> int:
    """A sign-up, in a program whose groups are formed and waiting for review."""
    signups = make_signups(cast.program, 6)
    formed(cast.program, cast.coordinator)
    return signups[0].pk


@pytest.mark.parametrize(("name", "needs_signup", "method"), PAGES)
@pytest.mark.parametrize(("who", "status"), WHO)
def test_only_coordinators_reach_program_pages(
    cast: Cast, signup_pk: int, name: str, needs_signup: bool, method: str, who: str, status: int
) -> None:
    url = url_for(name, cast.program, signup_pk if needs_signup else None)
    response = getattr(cast.client_for(getattr(cast, who)), method)(url)
    assert response.status_code == status


@pytest.mark.parametrize(("name", "needs_signup", "method"), PAGES)
def test_anonymous_visitors_are_sent_to_log_in(
    cast: Cast, signup_pk: int, name: str, needs_signup: bool, method: str
) -> None:
    url = url_for(name, cast.program, signup_pk if needs_signup else None)
    response = getattr(Client(), method)(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize(("name", "needs_signup", "method"), PAGES)
def test_coordinators_reach_every_program_page(
    cast: Cast, signup_pk: int, name: str, needs_signup: bool, method: str
) -> None:
    url = url_for(name, cast.program, signup_pk if needs_signup else None)
    response = getattr(cast.client_for(cast.coordinator), method)(url)
    assert response.status_code in (200, 204, 302)


@pytest.mark.parametrize(("name", "needs_signup", "method"), PAGES)
def test_program_pages_refuse_the_wrong_method(
    cast: Cast, signup_pk: int, name: str, needs_signup: bool, method: str
) -> None:
    url = url_for(name, cast.program, signup_pk if needs_signup else None)
    client = cast.client_for(cast.coordinator)
    wrong = client.put(url) if method == "get" and name not in GET_ONLY else None
    if method == "post":
        wrong = client.put(url) if name in GET_AND_POST else client.get(url)
    elif name in GET_ONLY:
        wrong = client.post(url)
    assert wrong is not None and wrong.status_code == 405


def test_a_coordinator_of_another_program_is_an_outsider(cast: Cast, signup_pk: int) -> None:
    from peercircle.programs.actions.program import program_create

    program_create(name="Elsewhere", coordinators=[cast.outsider])
    client = cast.client_for(cast.outsider)
    assert client.get(reverse("signup_list", args=[cast.program.pk])).status_code == 404
    edit = reverse("signup_edit", args=[cast.program.pk, signup_pk])
    assert client.get(edit).status_code == 404


def test_a_sign_up_is_reached_only_through_its_own_program(cast: Cast, signup_pk: int) -> None:
    from peercircle.programs.actions.program import program_create

    mine = program_create(name="Mine too", coordinators=[cast.coordinator])
    url = reverse("signup_edit", args=[mine.pk, signup_pk])
    assert cast.client_for(cast.coordinator).get(url).status_code == 404


def test_only_coordinators_may_manage_a_program() -> None:
    assert can_manage_program(ProgramRole.COORDINATOR)
    assert not can_manage_program(ProgramRole.MEMBER)
    assert not can_manage_program(ProgramRole.OUTSIDER)


def test_members_know_the_program_exists_and_outsiders_do_not() -> None:
    assert knows_program_exists(ProgramRole.MEMBER)
    assert not knows_program_exists(ProgramRole.OUTSIDER)


def test_the_funnel_returns_what_it_found(cast: Cast) -> None:
    access = get_program_for_user(cast.coordinator, cast.program.pk)
    assert access == ProgramAccess(
        program=cast.program, user=cast.coordinator, role=ProgramRole.COORDINATOR
    )
