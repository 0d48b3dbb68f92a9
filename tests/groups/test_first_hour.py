"""Issue 20, the newcomer's first hour: the dashboard, the sign-in message, the sign-up from an
invitation, the confirmation page and the account mails' subjects."""

from datetime import time

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peercircle.groups.actions.invitations import invitation_send
from peercircle.groups.models import RecurrenceKind
from peercircle.meetings.actions.schedule import schedule_set
from tests.conftest import Cast, make_user, page_text
from tests.groups.test_invitations import invite

SIGN_UP = {
    "display_name": "Nora New",
    "email": "nora@example.org",
    "password1": "a-long-test-password",
    "password2": "a-long-test-password",
    "timezone": "Europe/Berlin",
}


def test_the_first_dashboard_offers_the_two_next_steps_and_nothing_else(cast: Cast) -> None:
    nora = make_user("nora@example.org", display_name="Nora New")
    text = page_text(cast.client_for(nora), "/")
    assert "You are not in a group yet" in text
    assert reverse("group_start") in text and "Wait for an invitation" in text
    assert "coordinator will invite you" not in text
    assert "Your calendar" not in text and "time zone" not in text
    assert "add your department" not in text  # nobody to tell yet


def test_the_first_dashboard_lists_invitations_waiting_for_the_address(cast: Cast) -> None:
    nora = make_user("nora@example.org", display_name="Nora New")
    invitation_send(group=cast.group, email="NORA@example.org", invited_by=cast.organizer)
    text = page_text(cast.client_for(nora), "/")
    assert "Join the group you were invited to" in text
    assert "Alpha" in text and "Olu Organizer" in text
    assert "Wait for an invitation" not in text


def test_the_sign_up_link_of_an_invitation_prefills_the_invited_address(cast: Cast) -> None:
    path = invite(cast, cast.client_for(cast.organizer), email="nora@example.org")
    landing = page_text(Client(), path)
    assert "email=nora%40example.org" in landing
    signup = page_text(Client(), reverse("account_signup") + "?email=nora%40example.org")
    assert 'value="nora@example.org"' in signup


def test_the_confirmation_page_shows_the_address_not_a_username(
    db: None, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("account_signup"), SIGN_UP)
    (message,) = mail.outbox
    assert message.subject == "Confirm your email address"  # sentence case, no "[Site]"
    link = next(word for word in str(message.body).split() if "/confirm-email/" in word)
    text = page_text(Client(), link[link.index("/accounts/") :])
    assert "nora@example.org" in text and "for user" not in text


def test_the_first_sign_in_welcomes_and_later_ones_welcome_back(
    db: None, django_capture_on_commit_callbacks
) -> None:
    client = Client()  # the same browser: allauth signs in on confirming only there
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGN_UP)
    link = next(word for word in str(mail.outbox[0].body).split() if "/confirm-email/" in word)
    response = client.post(link[link.index("/accounts/") :], follow=True)
    assert b"Welcome, Nora New: you are signed in." in response.content
    assert b"Welcome back" not in response.content


def test_a_failed_start_lists_its_errors_in_a_focusable_summary(cast: Cast) -> None:
    response = cast.client_for(cast.member).post(reverse("group_start"), {"name": ""})
    assert response.status_code == 422
    body = response.content.decode()
    summary = body[body.index("data-error-summary") - 80 :]
    assert 'role="alert" tabindex="-1"' in summary
    assert 'href="#id_name"' in summary


def test_a_dashboard_row_says_not_scheduled_before_the_group_has_a_schedule(cast: Cast) -> None:
    text = page_text(cast.client_for(cast.member), "/")
    assert "Not scheduled yet" in text
    assert cast.group.get_cadence_display() not in text


def test_a_dashboard_row_shows_what_the_schedule_says(cast: Cast) -> None:
    schedule_set(
        group=cast.group, kind=RecurrenceKind.MONTHLY_NTH, weekday=1, nth=2, rrule="",
        start_date=timezone.localdate(), start_time=time(18, 0), duration_minutes=90,
        zone="Europe/Berlin", place="", notify_members=False,
    )  # fmt: skip
    text = page_text(cast.client_for(cast.member), "/")
    assert "(Europe/Berlin)" in text and "Not scheduled yet" not in text


def test_the_group_page_offers_to_leave_once(cast: Cast) -> None:
    response = cast.client_for(cast.member).get(reverse("group_detail", args=[cast.group.pk]))
    assert response.content.decode().count(reverse("group_leave", args=[cast.group.pk])) == 1
