"""A person's language: proposed from the browser, chosen on the profile or in the footer
(`language_choose`), used for every page and every mail; the scripts' words come from
`javascript-catalog`."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.accounts.models import User
from peercircle.lib.email import render_mail
from peercircle.mail.actions import mail_enqueue
from tests.accounts.test_views import SIGN_UP
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _lang(response: Any) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_a_visitor_gets_the_language_their_browser_asks_for() -> None:
    response = Client().get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert _lang(response) == "de"
    assert response["Content-Language"] == "de"
    assert "Accept-Language" in response["Vary"]


def test_a_language_we_do_not_ship_falls_back_to_the_sites() -> None:
    response = Client().get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="ja")
    assert _lang(response) == "en"


def test_a_signed_in_person_gets_their_own_language_whatever_the_browser_says() -> None:
    user = make_user("ana@example.org", language="es")
    client = Client()
    client.force_login(user)
    response = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="de")
    assert _lang(response) == "es"
    assert response["Content-Language"] == "es"


def test_the_footer_menu_sets_a_visitors_language_and_goes_back() -> None:
    client = Client()
    response = client.post(
        reverse("language_choose"), {"language": "de", "next": reverse("account_login")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert _lang(client.get(reverse("account_login"))) == "de"


def test_the_footer_menu_never_sends_a_visitor_off_the_site() -> None:
    response = Client().post(
        reverse("language_choose"), {"language": "de", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_a_language_we_do_not_ship_changes_nothing() -> None:
    user = make_user("ana@example.org")
    client = Client()
    client.force_login(user)
    client.post(reverse("language_choose"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"
    assert _lang(client.get(reverse("dashboard"))) == "en"


def test_a_signed_in_persons_choice_in_the_footer_is_saved_for_their_mail() -> None:
    user = make_user("ana@example.org")
    client = Client()
    client.force_login(user)
    client.post(reverse("language_choose"), {"language": "es", "next": "/"})
    user.refresh_from_db()
    assert user.language == "es"


def test_the_profile_saves_the_language_and_keeps_it_when_left_out() -> None:
    user = make_user("ana@example.org", timezone="Europe/Berlin")
    client = Client()
    client.force_login(user)
    form = {"display_name": "Ana", "timezone": "Europe/Berlin", "career_stage": "postdoc"}
    assert client.post(reverse("profile"), {**form, "language": "de"}).status_code == 302
    user.refresh_from_db()
    assert user.language == "de"
    assert client.post(reverse("profile"), form).status_code == 302
    user.refresh_from_db()
    assert user.language == "de"
    response = client.post(reverse("profile"), {**form, "language": "fr"})
    assert response.status_code == 422
    user.refresh_from_db()
    assert user.language == "de"


def test_sign_up_proposes_the_browsers_language_and_keeps_the_choice() -> None:
    page = Client().get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<option value="es" lang="es" selected>' in page or 'value="es" selected' in page
    Client().post(reverse("account_signup"), {**SIGN_UP, "language": "de"})
    assert User.objects.get(email="new.person@example.org").language == "de"


def test_sign_up_without_a_choice_takes_the_pages_language() -> None:
    Client().post(reverse("account_signup"), SIGN_UP, HTTP_ACCEPT_LANGUAGE="es")
    assert User.objects.get(email="new.person@example.org").language == "es"


def test_mail_is_rendered_in_the_recipients_language_not_the_senders() -> None:
    reader = make_user("leser@example.org", language="de")
    sender = Client()
    sender.force_login(make_user("sender@example.org", language="es"))
    sender.get(reverse("dashboard"))  # the sender's language was active a moment ago
    row = mail_enqueue(kind="goal_nudge", to=reader, key="test:language:1", context={})
    assert 'lang="de"' in row.html


def test_mail_to_an_address_is_in_the_language_given_or_the_sites() -> None:
    assert 'lang="en"' in render_mail("goal_nudge", {}).html
    assert 'lang="es"' in render_mail("goal_nudge", {}, language="es").html


def test_the_scripts_catalogue_is_served_to_anyone() -> None:
    response = Client().get(reverse("javascript-catalog"), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
    assert "django.gettext" in response.content.decode()


def test_the_language_is_in_the_data_export_and_goes_with_the_account() -> None:
    user = make_user("ana@example.org", language="de")
    client = Client()
    client.force_login(user)
    exported = client.get(reverse("account_data_json")).json()
    assert exported["accounts"]["language"] == "de"
    assert client.post(reverse("account_delete"), {"password": PASSWORD}).status_code == 302
    user.refresh_from_db()
    assert user.language == "en"  # the site's, like everyone who never chose
