"""A member downloads what the site holds about them, and can delete their account."""

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.accounts import personal_data
from peercircle.accounts.actions import FORMER_MEMBER
from peercircle.accounts.models import User
from peercircle.groups.models import Membership
from tests.conftest import PASSWORD, Cast, make_meeting


@pytest.mark.parametrize("name", ["account_data", "account_data_json"])
def test_anonymous_visitors_are_sent_to_log_in(db: None, name: str) -> None:
    response = Client().get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_export_holds_the_callers_profile_groups_and_hosted_meetings(cast: Cast) -> None:
    make_meeting(cast.group, days=3, host=cast.member)
    response = cast.client_for(cast.member).get(reverse("account_data_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="peercircle-data-')
    data = json.loads(response.content)
    assert data["accounts"]["email"] == "member@example.org"
    assert data["accounts"]["email_addresses"][0]["verified"] is True
    assert data["groups"]["memberships"][0]["group"] == "Alpha"
    assert data["meetings"]["hosted_meetings"][0]["group"] == "Alpha"
    # Nothing about anyone else.
    assert "organizer@example.org" not in response.content.decode()


def test_export_of_a_coordinator_lists_their_programs(cast: Cast) -> None:
    data = cast.client_for(cast.coordinator).get(reverse("account_data_json")).json()
    assert data["programs"]["coordinated_programs"] == [{"name": "Test program", "institution": ""}]


def test_other_apps_add_csv_tables_through_the_registry(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = personal_data.Share(
        label="notebook",
        export=lambda user: {},
        tables=lambda user: {"notebook": [{"text": "=HYPERLINK(1)", "status": "done"}]},
        table_names=("notebook",),
    )
    monkeypatch.setitem(personal_data._SHARES, "notebook", share)
    client = cast.client_for(cast.member)
    assert b"Notebook as CSV" in client.get(reverse("account_data")).content
    response = client.get(reverse("account_data_csv", args=["notebook"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["text", "status"], ["'=HYPERLINK(1)", "done"]]  # never run as a formula


def test_unknown_csv_table_is_not_found(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    assert client.get(reverse("account_data_csv", args=["passwords"])).status_code == 404


def test_deletion_needs_the_password_and_changes_nothing_without_it(cast: Cast) -> None:
    response = cast.client_for(cast.member).post(reverse("account_delete"), {"password": "nope"})
    assert response.status_code == 422 and b"That is not your password." in response.content
    assert User.objects.get(pk=cast.member.pk).email == "member@example.org"


def test_deletion_refuses_get(cast: Cast) -> None:
    assert cast.client_for(cast.member).get(reverse("account_delete")).status_code == 405


def test_deleting_an_account_erases_the_person_and_keeps_group_history(cast: Cast) -> None:
    hosted = make_meeting(cast.group, days=-7, host=cast.member)
    client = cast.client_for(cast.member)
    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(pk=cast.member.pk)
    assert (user.email, user.display_name, user.department, user.is_active) == (
        "",
        FORMER_MEMBER,
        "",
        False,
    )
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    assert client.get(reverse("profile")).status_code == 302  # logged out
    # The group keeps the meeting; its host now reads "a former member".
    page = cast.client_for(cast.organizer).get(reverse("meeting_detail", args=[hosted.pk]))
    assert FORMER_MEMBER in page.content.decode() and "Mina" not in page.content.decode()
    # The address is free again.
    assert not Client().login(username="member@example.org", password=PASSWORD)


def test_deleting_a_coordinator_keeps_the_program(cast: Cast) -> None:
    cast.client_for(cast.coordinator).post(reverse("account_delete"), {"password": PASSWORD})
    cast.program.refresh_from_db()
    assert list(cast.program.coordinators.all()) == []


def test_coordinators_and_admins_are_told_what_deletion_keeps(cast: Cast) -> None:
    html = cast.client_for(cast.coordinator).get(reverse("account_data")).content.decode()
    assert "You coordinate 1 program: it stays" in html
    assert (
        "You coordinate"
        not in cast.client_for(cast.member).get(reverse("account_data")).content.decode()
    )
    cast.outsider.is_staff = True
    cast.outsider.save(update_fields=["is_staff"])
    html = cast.client_for(cast.outsider).get(reverse("account_data")).content.decode()
    assert "You are a site admin" in html


def test_the_delete_page_states_what_is_erased_and_what_stays(cast: Cast) -> None:
    response = cast.client_for(cast.member).get(reverse("account_data"))
    assert response.status_code == 200
    html = response.content.decode()
    for said in [
        "check-ins (topics, notes, successes, venting), notes whether shared or private, goals "
        "whether private or not",
        "Your calendar feed and every link made for you",
        "Mail addressed to you, queued or sent",
        "That a meeting was held, with how many people",
        "kept for 30 days after it went out",
    ]:
        assert said in html, said
