"""The welcome page after a first university sign-in: time zone (and name) once, then on."""

import pytest
from django.urls import reverse

from peercircle.accounts.models import User
from peercircle.accounts.sso.welcome import welcome_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(django_user_model) -> User:
    user: User = django_user_model.objects.create_user(
        username="ada", email="ada@example.edu", first_name="Ada", last_name="Lovelace"
    )
    return user


def test_permission_checklist(client, ada):
    url = reverse("sso_welcome")
    assert client.get(url)["Location"].startswith(reverse("account_login"))  # anonymous
    client.force_login(ada)
    assert client.get(url).status_code == 200  # only ever about the signed-in person
    assert client.put(url).status_code == 405


def test_proposes_the_name_the_idp_gave(client, ada):
    client.force_login(ada)
    page = client.get(reverse("sso_welcome"))
    assert b'value="Ada Lovelace"' in page.content
    assert b"data-browser-zone" in page.content


def test_saves_name_and_zone_and_goes_on_to_next(client, ada):
    client.force_login(ada)
    response = client.post(
        welcome_url("/programs/"),
        {"display_name": "Ada L.", "timezone": "Europe/London", "next": "/programs/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/programs/"
    ada.refresh_from_db()
    assert (ada.display_name, ada.timezone) == ("Ada L.", "Europe/London")


def test_never_goes_on_to_another_site(client, ada):
    client.force_login(ada)
    response = client.post(
        reverse("sso_welcome"),
        {"display_name": "Ada", "timezone": "UTC", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("dashboard")


@pytest.mark.parametrize("wanted", ["dashboard", "\u00ff\u00fe", "//evil.example/", ""])
def test_a_next_that_is_not_a_path_here_goes_to_the_dashboard(client, ada, wanted):
    client.force_login(ada)
    response = client.post(
        reverse("sso_welcome"), {"display_name": "Ada", "timezone": "UTC", "next": wanted}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_an_unknown_zone_is_refused_and_nothing_saved(client, ada):
    client.force_login(ada)
    response = client.post(reverse("sso_welcome"), {"display_name": "Ada", "timezone": "Mars/Base"})
    assert response.status_code == 422
    ada.refresh_from_db()
    assert ada.display_name == ""
