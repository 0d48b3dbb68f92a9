"""allauth's mails name the configured site, link to SITE_URL and share our look."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from peercircle.mail.models import Outbox, Status
from tests.conftest import make_user
from tests.mail.smtp import free_port


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://circle.example.edu"
    settings.SITE_NAME = "Gateway Peer Circles"
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]


SIGN_UP = {
    "display_name": "New Person",
    "timezone": "Europe/Berlin",
    "email": "new@example.org",
    "password1": "a-long-pass-phrase",
    "password2": "a-long-pass-phrase",
}


def sign_up(capture):
    with capture(execute=True):
        return Client(HTTP_HOST="localhost").post(reverse("account_signup"), SIGN_UP)


def test_the_sign_up_confirmation_names_the_site_from_settings(
    db, site, settings, django_capture_on_commit_callbacks
):
    response = sign_up(django_capture_on_commit_callbacks)
    assert response.status_code == 302
    [message] = mail.outbox
    # Account mails read like every other mail: a sentence, no "[Site]" prefix.
    assert message.subject == "Confirm your email address"
    assert "Hello from" not in message.body
    assert "localhost" not in message.body
    assert "https://circle.example.edu/accounts/confirm-email/" in message.body
    assert "Gateway Peer Circles" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Gateway Peer Circles" in html
    assert "https://circle.example.edu/accounts/confirm-email/" in html
    assert "http://" not in html and "http://" not in message.body
    # Through the outbox, as a transactional mail: no unsubscribe link, automatic.
    row = Outbox.objects.get()
    assert (row.kind, row.status, row.to_email, row.unsubscribe_url) == (
        "account",
        Status.SENT,
        "new@example.org",
        "",
    )
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert "List-Unsubscribe" not in message.extra_headers


def test_signing_up_with_the_relay_down_works_and_the_mail_waits_in_the_outbox(
    db, site, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    response = sign_up(django_capture_on_commit_callbacks)
    assert response.status_code == 302
    row = Outbox.objects.get()
    assert (row.kind, row.status, row.attempts) == ("account", Status.PENDING, 1)
    assert "ConnectionRefusedError" in row.last_error


def test_signing_up_again_before_confirming_sends_a_fresh_confirmation(
    now, db, site, django_capture_on_commit_callbacks
):
    assert sign_up(django_capture_on_commit_callbacks).status_code == 302
    # allauth sends at most one confirmation to an address every few minutes.
    with time_machine.travel(now + timedelta(minutes=10), tick=False):
        again = sign_up(django_capture_on_commit_callbacks)
    assert again.status_code == 302
    first, second = mail.outbox
    assert "/accounts/confirm-email/" in first.body
    assert "/accounts/confirm-email/" in second.body
    assert "already" not in second.body.lower()
    assert Outbox.objects.filter(kind="account").count() == 2


def test_signing_up_again_with_a_confirmed_address_says_the_account_exists(
    db, site, django_capture_on_commit_callbacks
):
    make_user("new@example.org")
    assert sign_up(django_capture_on_commit_callbacks).status_code == 302
    [message] = mail.outbox
    assert "/accounts/confirm-email/" not in message.body
    assert "password/reset" in message.body


def test_the_password_reset_mail_links_to_the_configured_site(
    db, site, django_capture_on_commit_callbacks
):
    make_user("member@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = Client(HTTP_HOST="localhost").post(
            reverse("account_reset_password"), {"email": "member@example.org"}
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert "https://circle.example.edu/accounts/password/reset/key/" in message.body
    assert "localhost" not in message.body
