"""The profile and data pages kept as cached parts (lib/versions.py): a save shows on the
next visit, each person sees their own, and no part holds a CSRF token."""

from typing import Any

import pytest
from django.urls import reverse

from peercircle.accounts.models import User
from tests.conftest import Cast, count_queries, page_text

PROFILE = {
    "display_name": "Mina M.",
    "pronouns": "she/her",
    "timezone": "Europe/Berlin",
    "language": "en",
    "department": "Plant Biology",
    "lab": "Root Lab",
    "career_stage": "postdoc",
}


def test_a_saved_profile_shows_on_the_next_visit(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client = cast.client_for(cast.member)
    assert 'value="Mina Member"' in page_text(client, reverse("profile"))  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("profile"), PROFILE).status_code == 302
    page = page_text(client, reverse("profile"))
    assert 'value="Mina M."' in page and 'value="Root Lab"' in page
    assert '<option value="Europe/Berlin" selected>' in page


def test_each_person_sees_their_own_profile_and_a_fresh_csrf_token(cast: Cast) -> None:
    member = page_text(cast.client_for(cast.member), reverse("profile"))
    organizer_client = cast.client_for(cast.organizer)
    organizer = page_text(organizer_client, reverse("profile"))
    assert 'value="Olu Organizer"' in organizer and "Mina Member" not in organizer
    assert 'value="Mina Member"' in member
    # The token is the organizer's own, so their form posts: it is never cached.
    organizer_client.enforce_csrf_checks = True  # type: ignore[attr-defined]
    token = organizer.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    data = {**PROFILE, "display_name": "Olu O.", "csrfmiddlewaretoken": token}
    assert organizer_client.post(reverse("profile"), data).status_code == 302


def test_a_refused_profile_shows_the_input_and_the_saved_one_after(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    page_text(client, reverse("profile"))
    refused = client.post(reverse("profile"), {**PROFILE, "timezone": "Mars/Olympus"})
    assert refused.status_code == 422 and b'value="Mina M."' in refused.content
    page = page_text(client, reverse("profile"))
    assert 'value="Mina Member"' in page and "Select a valid choice" not in page


def test_the_data_page_speaks_of_coordinating_only_to_coordinators(cast: Cast) -> None:
    coordinator = page_text(cast.client_for(cast.coordinator), reverse("account_data"))
    member = page_text(cast.client_for(cast.member), reverse("account_data"))
    assert "You coordinate 1 program" in coordinator
    assert "You coordinate" not in member
    User.objects.filter(pk=cast.member.pk).update(is_staff=True)
    staff = page_text(cast.client_for(User.objects.get(pk=cast.member.pk)), reverse("account_data"))
    assert "You are a site admin" in staff and "You coordinate" not in staff


def test_a_wrong_password_on_the_data_page_shows_its_error_then_an_empty_box(
    cast: Cast,
) -> None:
    client = cast.client_for(cast.member)
    page_text(client, reverse("account_data"))
    refused = client.post(reverse("account_delete"), {"password": "wrong-one"})
    assert refused.status_code == 422 and b"That is not your password." in refused.content
    assert "That is not your password." not in page_text(client, reverse("account_data"))


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("profile", 1),  # the signed-in user (the test client has no user cache)
        ("account_data", 2),  # and whether they coordinate programs
    ],
)
def test_a_second_visit_reads_the_parts_instead_of_the_rows(
    cast: Cast, name: str, queries: int
) -> None:
    client = cast.client_for(cast.member)
    page_text(client, reverse(name))
    assert count_queries(client, reverse(name), cached=True) == queries
