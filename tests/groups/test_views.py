from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.groups.actions.group import group_create
from peercircle.groups.actions.membership import membership_add
from tests.conftest import (
    GROUP_READ,
    GROUP_WRITE,
    Cast,
    count_queries,
    make_meeting,
    make_user,
    page_text,
)


def test_landing_page_is_public() -> None:
    response = Client().get("/")
    assert response.status_code == 200
    assert b"Sign up" in response.content


def test_dashboard_lists_my_groups_and_their_next_meeting(now: datetime, cast: Cast) -> None:
    make_meeting(cast.group, days=-30)
    upcoming = make_meeting(cast.group, days=3)
    make_meeting(cast.group, days=33)
    response = cast.client_for(cast.member).get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alpha" in body and "Beta" not in body
    assert reverse("meeting_detail", args=[upcoming.pk]) in body


def test_dashboard_shows_coordinators_their_programs(cast: Cast) -> None:
    body = cast.client_for(cast.coordinator).get("/").content.decode()
    assert reverse("program_detail", args=[cast.program.pk]) in body


def test_dashboard_queries_do_not_grow_with_groups(now: datetime, cast: Cast) -> None:
    def count() -> int:
        return count_queries(cast.client_for(cast.member), "/")

    make_meeting(cast.group, days=1)
    before = count()
    for index in range(5):
        group = group_create(program_id=cast.program.pk, name=f"Extra {index}")
        membership_add(group=group, user=cast.member)
        make_meeting(group, days=index + 1)
    assert count() == before


@pytest.mark.parametrize(
    ("who", "status"),
    GROUP_READ,
)
def test_group_page_permissions(cast: Cast, who: str, status: int) -> None:
    response = cast.client_for(getattr(cast, who)).get(
        reverse("group_detail", args=[cast.group.pk])
    )
    assert response.status_code == status


def test_group_page_sends_anonymous_to_login(cast: Cast) -> None:
    response = Client().get(reverse("group_detail", args=[cast.group.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_group_page_shows_members_and_meetings(now: datetime, cast: Cast) -> None:
    make_meeting(cast.group, days=5, host=cast.member)
    body = page_text(cast.client_for(cast.member), reverse("group_detail", args=[cast.group.pk]))
    assert "Mina Member" in body and "Olu Organizer" in body
    assert "hosted by Mina Member" in body
    assert "Edit details" not in body


def test_coordinator_is_told_why_group_content_is_closed(cast: Cast) -> None:
    response = cast.client_for(cast.coordinator).get(reverse("group_detail", args=[cast.group.pk]))
    assert b"stays in the group" in response.content


EDIT = {"name": "Alpha Circle", "cadence": "biweekly", "meeting_place": "Café", "video_url": ""}


@pytest.mark.parametrize(
    ("who", "status"),
    GROUP_WRITE,
)
def test_group_edit_permissions(cast: Cast, who: str, status: int) -> None:
    client = cast.client_for(getattr(cast, who))
    response = client.post(reverse("group_edit", args=[cast.group.pk]), EDIT)
    assert response.status_code == status
    cast.group.refresh_from_db()
    assert (cast.group.name == "Alpha Circle") == (status == 302)


def test_group_edit_sends_anonymous_to_login(cast: Cast) -> None:
    response = Client().post(reverse("group_edit", args=[cast.group.pk]), EDIT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    cast.group.refresh_from_db()
    assert cast.group.name == "Alpha"


def test_group_edit_refuses_other_methods(cast: Cast) -> None:
    response = cast.client_for(cast.organizer).delete(reverse("group_edit", args=[cast.group.pk]))
    assert response.status_code == 405


def test_group_edit_with_htmx_returns_the_card(cast: Cast) -> None:
    client = cast.client_for(cast.organizer)
    url = reverse("group_edit", args=[cast.group.pk])
    response = client.post(url, EDIT, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="group-details"' in body and "Every other week" in body
    assert "<html" not in body


def test_group_edit_reports_bad_input_and_saves_nothing(cast: Cast) -> None:
    client = cast.client_for(cast.organizer)
    url = reverse("group_edit", args=[cast.group.pk])
    response = client.post(url, {**EDIT, "name": "", "video_url": "not a url"})
    assert response.status_code == 422
    assert b"This field is required" in response.content
    assert b"Enter a valid URL" in response.content
    cast.group.refresh_from_db()
    assert cast.group.name == "Alpha"


def test_group_edit_refuses_a_name_taken_in_the_program(cast: Cast) -> None:
    client = cast.client_for(cast.organizer)
    response = client.post(reverse("group_edit", args=[cast.group.pk]), {**EDIT, "name": "Beta"})
    assert response.status_code == 422
    assert b"Another group in this program is already called Beta" in response.content
    assert b"<h1>Alpha</h1>" in response.content
    cast.group.refresh_from_db()
    assert cast.group.name == "Alpha"


def test_unknown_address_gets_a_plain_404(cast: Cast) -> None:
    response = cast.client_for(cast.member).get("/no/such/page/")
    assert response.status_code == 404
    assert b"We couldn't find that page" in response.content
    assert b"Resolver404" not in response.content


def test_dashboard_asks_for_a_profile_until_it_is_filled_in(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    # Sign-up asked for the name and time zone already: only the department is missing.
    text = page_text(client, "/")
    assert "add your department" in text and "time zone" not in text
    cast.member.department = "Chemistry"
    cast.member.save(update_fields=["department"])
    assert "add your department" not in page_text(client, "/")


def test_group_page_queries_do_not_grow_with_members_or_meetings(now: datetime, cast: Cast) -> None:
    url = reverse("group_detail", args=[cast.group.pk])

    def count() -> int:
        return count_queries(cast.client_for(cast.member), url)

    make_meeting(cast.group, days=1, host=cast.member)
    make_meeting(cast.group, days=-1, host=cast.organizer)
    before = count()
    for index in range(4):
        user = make_user(f"extra{index}@example.org")
        membership_add(group=cast.group, user=user)
        make_meeting(cast.group, days=index + 2, host=user)
        make_meeting(cast.group, days=-index - 2, host=user)
    assert count() == before
