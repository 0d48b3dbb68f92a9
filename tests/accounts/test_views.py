import re
from pathlib import Path
from unittest.mock import patch

import pytest
from django.conf import settings
from django.core import mail
from django.db import OperationalError, connection
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import reverse

from peercircle.accounts.models import User
from tests.conftest import Cast, page_text


def test_healthz_is_public(db: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_answers_plain_http_probes_while_pages_redirect(db: None) -> None:
    assert Client().get("/healthz").status_code == 200
    assert Client().get(reverse("account_login")).status_code == 301


def test_healthz_fails_when_the_database_is_unreachable(db: None) -> None:
    refused = OperationalError("connection refused")
    with patch.object(connection, "cursor", side_effect=refused):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["database unreachable"]


def test_healthz_fails_when_the_static_manifest_is_missing(db: None, tmp_path: Path) -> None:
    manifest = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": manifest}}
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert "collectstatic" in response.json()["problems"][0]


def test_server_error_page_is_styled_and_stands_alone(db: None) -> None:
    html = render_to_string("500.html")
    assert "Something went wrong" in html and "peercircle.css" in html


def test_a_crashing_page_answers_with_the_styled_500(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    client.raise_request_exception = False
    with patch("peercircle.groups.views.group.render", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert (
        b"Something went wrong on our side" in response.content and b"boom" not in response.content
    )


def test_csrf_failure_page_says_what_to_do(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.member)
    response = client.post(reverse("profile"), {"display_name": "x"})
    assert response.status_code == 403
    assert b"That form had expired" in response.content and b"reload the page" in response.content


@pytest.mark.parametrize("name", ["profile", "account_email"])
def test_private_pages_send_anonymous_to_login(db: None, name: str) -> None:
    response = Client().get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


SIGN_UP = {
    "display_name": "Ada Lovelace",
    "email": "New.Person@Example.org",
    "password1": "correct horse battery",
    "password2": "correct horse battery",
    "timezone": "Europe/London",
}


@override_settings(SITE_URL="https://circle.example.edu", SITE_NAME="Circle")
def test_sign_up_asks_for_a_name_and_confirming_the_email_signs_in(
    db: None, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends on commit
        response = client.post(reverse("account_signup"), SIGN_UP)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = str(mail.outbox[0].body)
    # The mail names the site from settings and links to it, not to the request's host.
    assert "testserver" not in body and "Circle" in body
    link = re.search(r"https://circle\.example\.edu(/accounts/confirm-email/\S+)", body)
    assert link is not None
    # Until the email is confirmed, logging in is refused.
    assert client.get(reverse("profile")).status_code != 200
    response = client.post(link.group(1))
    assert response.status_code == 302
    response = client.get(reverse("dashboard"))
    assert b"Hello, Ada Lovelace" in response.content
    user = User.objects.get(email="new.person@example.org")
    assert (user.display_name, user.timezone) == ("Ada Lovelace", "Europe/London")


@pytest.mark.parametrize(
    ("field", "value"),
    [("display_name", ""), ("display_name", "x" * 10_000), ("timezone", "Africa/Asmera")],
)
def test_sign_up_refuses_a_missing_name_or_an_old_zone_name(
    db: None, field: str, value: str
) -> None:
    response = Client().post(reverse("account_signup"), {**SIGN_UP, field: value})
    assert response.status_code == 200 and b'class="error"' in response.content
    assert not User.objects.exists()


def test_sign_up_page_orders_fields_and_proposes_the_browser_zone(db: None) -> None:
    html = Client().get(reverse("account_signup")).content.decode()
    order = [html.index(f'name="{name}"') for name in SIGN_UP]
    assert order == sorted(order)
    assert "data-browser-zone" in html and "browser-time-zone.js" in html
    assert html.index("America/Chicago") < html.index("Africa/Abidjan")  # common zones first


def test_log_in_and_sign_up_use_one_wording(db: None) -> None:
    for name in ("account_login", "account_signup"):
        html = page_text(Client(), reverse(name))
        assert "Sign In" not in html and "Sign Up" not in html and "sign in" not in html
    assert "<h1>Log in</h1>" in Client().get(reverse("account_login")).content.decode()


def test_remember_me_sits_before_its_label(db: None) -> None:
    html = Client().get(reverse("account_login")).content.decode()
    assert re.search(r'<input type="checkbox" name="remember"[^>]*>\s*<label', html)


def test_email_page_puts_each_radio_before_its_address_and_sets_remove_apart(
    cast: Cast,
) -> None:
    html = cast.client_for(cast.member).get(reverse("account_email")).content.decode()
    assert re.search(r'<input type="radio"[^>]*>\s*<label[^>]*>member@example.org', html)
    assert 'name="action_remove" class="danger"' in html


def test_password_reset_link_is_on_the_site_url(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    with (
        override_settings(SITE_URL="https://circle.example.edu"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        Client().post(reverse("account_reset_password"), {"email": "member@example.org"})
    assert "https://circle.example.edu/accounts/password/reset/key/" in mail.outbox[0].body


def test_login_with_email_and_password(cast: Cast) -> None:
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": "member@example.org", "password": "a-long-test-password"},
    )
    assert response.status_code == 302
    assert b"Alpha" in client.get("/").content


def test_password_reset_sends_a_link(cast: Cast, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(reverse("account_reset_password"), {"email": "member@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body


PROFILE = {
    "display_name": "Mina M.",
    "pronouns": "she/her",
    "timezone": "Europe/Berlin",
    "department": "Plant Biology",
    "lab": "Root Lab",
    "career_stage": "postdoc",
}


def test_profile_saves_every_field(cast: Cast) -> None:
    response = cast.client_for(cast.member).post(reverse("profile"), PROFILE)
    assert response.status_code == 302
    user = User.objects.get(pk=cast.member.pk)
    assert (user.display_name, user.timezone, user.career_stage) == (
        "Mina M.",
        "Europe/Berlin",
        "postdoc",
    )


def test_profile_rejects_unknown_time_zone_and_stage(cast: Cast) -> None:
    data = {**PROFILE, "timezone": "Mars/Olympus", "career_stage": "wizard"}
    response = cast.client_for(cast.member).post(reverse("profile"), data)
    assert response.status_code == 422
    # Each error once beside its field and once in the error summary at the top.
    assert response.content.count(b"Select a valid choice") == 4
    assert b'href="#id_timezone"' in response.content
    assert User.objects.get(pk=cast.member.pk).display_name == "Mina Member"


def test_profile_refuses_other_methods(cast: Cast) -> None:
    assert cast.client_for(cast.member).delete(reverse("profile")).status_code == 405


def test_favicon_ico_leads_to_the_svg_icon(db: None) -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.svg")


@override_settings(SITE_URL="https://circle.example.edu")
def test_signing_up_with_a_taken_address_mails_links_on_the_site_url(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("account_signup"), {**SIGN_UP, "email": "member@example.org"})
    assert len(mail.outbox) == 1
    assert "testserver" not in mail.outbox[0].body
    assert "https://circle.example.edu/accounts/" in mail.outbox[0].body


def test_logging_in_and_out_say_so_in_the_sites_words(cast: Cast) -> None:
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": "member@example.org", "password": "a-long-test-password"},
        follow=True,
    )
    # A first visit is welcomed, not welcomed back.
    assert b"Welcome, Mina Member: you are signed in." in response.content
    response = client.post(reverse("account_logout"), follow=True)
    assert b"You are logged out." in response.content
    response = client.post(
        reverse("account_login"),
        {"login": "member@example.org", "password": "a-long-test-password"},
        follow=True,
    )
    assert b"Welcome back, Mina Member: you are logged in." in response.content
