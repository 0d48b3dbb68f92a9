"""allauth's mails name the configured site, link to SITE_URL and share our look."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import make_user


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://circle.example.edu"
    settings.SITE_NAME = "Gateway Peer Circles"
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]


def test_the_sign_up_confirmation_names_the_site_from_settings(db, site, settings):
    response = Client(HTTP_HOST="localhost").post(
        reverse("account_signup"),
        {
            "display_name": "New Person",
            "timezone": "Europe/Berlin",
            "email": "new@example.org",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject.startswith("[Peercircle] ")  # the prefix is read at start-up
    assert "Hello from" not in message.body
    assert "localhost" not in message.body
    assert "https://circle.example.edu/accounts/confirm-email/" in message.body
    assert "Gateway Peer Circles" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Gateway Peer Circles" in html
    assert "https://circle.example.edu/accounts/confirm-email/" in html


def test_the_password_reset_mail_links_to_the_configured_site(db, site):
    make_user("member@example.org")
    response = Client(HTTP_HOST="localhost").post(
        reverse("account_reset_password"), {"email": "member@example.org"}
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert "https://circle.example.edu/accounts/password/reset/key/" in message.body
    assert "localhost" not in message.body
