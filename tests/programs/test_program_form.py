"""Creating and editing a program in the browser: who may, and what the form refuses."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.programs.actions.coordinator import coordinator_grant
from peercircle.programs.models import DEFAULT_SLOTS, Program
from tests.conftest import Cast, make_user, page_text


def valid(**changes: Any) -> dict[str, Any]:
    data = {
        "name": "Spring circles",
        "institution": "Gateway University",
        "description": "",
        "career_stages": ["graduate", "postdoc"],
        "slots": "\n".join(DEFAULT_SLOTS),
        "min_size": 5,
        "target_size": 6,
        "max_size": 8,
        "stage_mode": "same",
        "signup_opens": "2026-12-01T09:00",
        "signup_closes": "2027-01-15T17:00",
        "co_coordinators": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def granted(cast: Cast) -> Client:
    coordinator_grant(user=cast.coordinator)
    return cast.client_for(cast.coordinator)


def test_a_coordinator_creates_a_program_with_default_slots(granted: Client, cast: Cast) -> None:
    form = granted.get(reverse("program_new"))
    assert "Weekday breakfast" in form.content.decode()
    response = granted.post(reverse("program_new"), valid())
    program = Program.objects.get(name="Spring circles")
    assert response.status_code == 302
    assert program.slots == DEFAULT_SLOTS
    assert (program.min_size, program.target_size, program.max_size) == (5, 6, 8)
    assert list(program.coordinators.all()) == [cast.coordinator]


def test_co_coordinators_are_added_by_email(granted: Client, cast: Cast) -> None:
    make_user("co@example.org")
    granted.post(reverse("program_new"), valid(co_coordinators="CO@example.org"))
    emails = set(
        Program.objects.get(name="Spring circles").coordinators.values_list("email", flat=True)
    )
    assert emails == {"coordinator@example.org", "co@example.org"}


def test_an_unknown_co_coordinator_is_a_form_error(granted: Client) -> None:
    response = granted.post(reverse("program_new"), valid(co_coordinators="nobody@example.org"))
    assert response.status_code == 422
    assert "nobody@example.org" in response.content.decode()
    assert not Program.objects.filter(name="Spring circles").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"min_size": 9, "max_size": 8}, "is above the largest"),
        ({"target_size": 9}, "preferred size must be between"),
        ({"min_size": 1}, "greater than or equal to 2"),
        ({"slots": "  \n "}, "at least one meeting slot"),
        ({"slots": "Lunch\nlunch"}, "listed twice"),
        ({"slots": "Mon; Tue"}, "cannot contain"),
        ({"signup_closes": "2026-11-01T09:00"}, "must close after it opens"),
        ({"signup_opens": "9999-01-01T09:00"}, "between 2000 and 2100"),
        ({"name": "x" * 10_000}, "at most 120 characters"),
        ({"name": "bad\x00name"}, "Null characters are not allowed"),
        ({"stage_mode": "mixed"}, "Select a valid choice"),
    ],
)
def test_impossible_settings_are_clear_form_errors(
    granted: Client, changes: dict[str, Any], message: str
) -> None:
    response = granted.post(reverse("program_new"), valid(**changes))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert (
        not Program.objects.exists() or not Program.objects.filter(name="Spring circles").exists()
    )


def test_the_same_name_twice_is_a_form_message(granted: Client) -> None:
    granted.post(reverse("program_new"), valid())
    response = granted.post(reverse("program_new"), valid())
    assert response.status_code == 422
    assert Program.objects.filter(name="Spring circles").count() == 1


@pytest.mark.parametrize("who", ["coordinator", "member", "outsider"])
def test_only_people_a_site_admin_chose_may_start_programs(cast: Cast, who: str) -> None:
    client = cast.client_for(getattr(cast, who))
    assert client.get(reverse("program_new")).status_code == 403
    assert client.post(reverse("program_new"), valid()).status_code == 403


def test_anonymous_visitors_cannot_start_programs(db: None) -> None:
    assert Client().get(reverse("program_new")).status_code == 302


def test_site_admins_make_coordinators(cast: Cast) -> None:
    admin = make_user("admin@example.org")
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    client = cast.client_for(admin)
    assert client.get(reverse("coordinator_grant")).status_code == 200
    response = client.post(reverse("coordinator_grant"), {"email": "Outsider@example.org"})
    assert response.status_code == 302
    cast.outsider.refresh_from_db()
    outsider = type(cast.outsider).objects.get(pk=cast.outsider.pk)
    assert outsider.has_perm("programs.add_program")
    assert (
        client.post(reverse("coordinator_grant"), {"email": "ghost@example.org"}).status_code == 422
    )


@pytest.mark.parametrize("who", ["coordinator", "member", "outsider"])
def test_only_site_admins_make_coordinators(cast: Cast, who: str) -> None:
    client = cast.client_for(getattr(cast, who))
    assert client.get(reverse("coordinator_grant")).status_code == 403
    assert (
        client.post(reverse("coordinator_grant"), {"email": "member@example.org"}).status_code
        == 403
    )


def test_editing_keeps_the_editor_a_coordinator_and_saves_new_sizes(cast: Cast) -> None:
    client = cast.client_for(cast.coordinator)
    url = reverse("program_edit", args=[cast.program.pk])
    assert "Weekday lunch" in client.get(url).content.decode()
    response = client.post(url, valid(name="Renamed", min_size=4, target_size=5, max_size=6))
    assert response.status_code == 302
    program = Program.objects.get(pk=cast.program.pk)
    assert (program.name, program.min_size, program.max_size) == ("Renamed", 4, 6)
    assert list(program.coordinators.all()) == [cast.coordinator]


def test_dashboard_leads_with_the_coordinators_programs(cast: Cast) -> None:
    body = page_text(cast.client_for(cast.coordinator), reverse("dashboard"))
    assert "Programs you coordinate" in body and "Test program" in body
    assert "You are not in a group yet" not in body


def test_dashboard_of_a_member_shows_no_programs(cast: Cast) -> None:
    body = page_text(cast.client_for(cast.member), reverse("dashboard"))
    assert "Programs you coordinate" not in body


def test_the_right_to_start_programs_comes_from_the_person_or_an_auth_group(cast: Cast) -> None:
    from django.contrib.auth.models import Group as AuthGroup
    from django.contrib.auth.models import Permission

    from peercircle.programs.access import can_create_program

    right = Permission.objects.get(content_type__app_label="programs", codename="add_program")
    other = Permission.objects.get(content_type__app_label="programs", codename="change_program")
    starters = AuthGroup.objects.create(name="Program starters")
    starters.permissions.add(right)
    editors = AuthGroup.objects.create(name="Editors")
    editors.permissions.add(other)
    cast.member.groups.add(editors)
    cast.outsider.user_permissions.add(other)
    assert not can_create_program(cast.member) and not can_create_program(cast.outsider)
    cast.member.groups.add(starters)
    cast.outsider.user_permissions.add(right)
    assert can_create_program(cast.member) and can_create_program(cast.outsider)
    assert cast.client_for(cast.member).get(reverse("program_new")).status_code == 200
    cast.member.is_active = False
    assert not can_create_program(cast.member)
