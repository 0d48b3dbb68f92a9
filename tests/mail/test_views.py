"""Mail preferences, one-click unsubscribe, and the site admin's outbox page."""

from datetime import datetime, time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peercircle.mail.actions import preference_for
from peercircle.mail.links import unsubscribe_token
from peercircle.mail.models import Outbox, Status
from tests.conftest import count_queries, make_user, page_text

CAST = ["coordinator", "organizer", "member", "other_member", "outsider"]
PREFERENCES = reverse("mail_preferences")
OUTBOX = reverse("mail_outbox")


def queued(user, key, status=Status.SENT, **fields):
    values = {
        "key": key,
        "kind": "meeting_reminder",
        "user": user,
        "to_email": user.email,
        "subject": f"Subject {key}",
        "message_id": f"<{key}@localhost>",
        "status": status,
        "next_attempt_at": timezone.now(),
        **fields,
    }
    return Outbox.objects.create(**values)


def form(**changes):
    return {
        "kinds": ["meeting_reminder", "host_reminder"],
        "delivery": "single",
        "reminder_days": "3",
        "quiet_start": "",
        "quiet_end": "",
        **changes,
    }


# --- preferences ---


@pytest.mark.parametrize("who", CAST)
def test_everyone_signed_in_sees_their_own_preferences(cast, who):
    response = cast.client_for(getattr(cast, who)).get(PREFERENCES)
    assert response.status_code == 200
    assert b"Quiet hours" in response.content


def test_anonymous_visitors_are_sent_to_log_in(db):
    response = Client().get(PREFERENCES)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_preferences_refuse_other_methods(cast):
    assert cast.client_for(cast.member).put(PREFERENCES).status_code == 405


def test_the_profile_page_links_to_the_preferences(cast):
    response = cast.client_for(cast.member).get(reverse("profile"))
    assert PREFERENCES.encode() in response.content


def test_saving_preferences_turns_kinds_off_and_sets_quiet_hours(now: datetime, cast):
    client = cast.client_for(cast.member)
    data = form(kinds=["host_reminder"], delivery="digest", quiet_start="22:00", quiet_end="07:00")
    response = client.post(PREFERENCES, data)
    assert response.status_code == 302
    preference = preference_for(cast.member)
    assert "meeting_reminder" in preference.disabled_kinds
    assert "host_reminder" not in preference.disabled_kinds
    assert preference.delivery == "digest"
    assert (preference.quiet_start, preference.quiet_end) == (time(22), time(7))
    assert preference_for(cast.organizer).pk is None  # nobody else's changed


@pytest.mark.parametrize(
    "changes",
    [
        {"quiet_start": "22:00"},
        {"quiet_start": "22:00", "quiet_end": "22:00"},
        {"reminder_days": "0"},
        {"reminder_days": "99"},
        {"reminder_days": "x" * 10_000},
        {"kinds": ["invitation"]},
        {"kinds": ["no_such_kind\x00"]},
        {"delivery": "<script>"},
        {"quiet_start": "25:99", "quiet_end": "07:00"},
    ],
)
def test_bad_preferences_are_refused_with_a_message_and_change_nothing(cast, changes):
    response = cast.client_for(cast.member).post(PREFERENCES, form(**changes))
    assert response.status_code == 422
    assert b'class="error"' in response.content or b"form-errors" in response.content
    assert preference_for(cast.member).pk is None


# --- unsubscribe ---


def unsubscribe_url(user, kind="meeting_reminder"):
    return reverse("mail_unsubscribe", args=[unsubscribe_token(user_id=user.pk, kind=kind)])


def test_opening_the_link_asks_first_and_changes_nothing(cast):
    response = Client().get(unsubscribe_url(cast.member))
    assert response.status_code == 200
    assert b"Stop these mails?" in response.content
    assert preference_for(cast.member).disabled_kinds == []


def test_one_click_unsubscribe_works_without_logging_in(now: datetime, cast):
    pending = queued(cast.member, "waiting", status=Status.PENDING)
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_url(cast.member), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert b"You are unsubscribed" in response.content
    assert preference_for(cast.member).disabled_kinds == ["meeting_reminder"]
    pending.refresh_from_db()
    assert pending.status == Status.SKIPPED
    assert preference_for(cast.organizer).pk is None


def test_unsubscribing_twice_is_harmless(now: datetime, cast):
    url = unsubscribe_url(cast.member)
    Client().post(url)
    assert Client().post(url).status_code == 200
    assert preference_for(cast.member).disabled_kinds == ["meeting_reminder"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_is_refused_and_changes_nothing(now: datetime, cast, method):
    token = unsubscribe_token(user_id=cast.member.pk, kind="meeting_reminder")
    forged = unsubscribe_token(user_id=cast.organizer.pk, kind="meeting_reminder")
    tampered = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        forged.split(":")[0] + ":" + token.split(":", 1)[1],
        "garbage",
        "x" * 5000,
    ]
    for bad in tampered:
        response = getattr(Client(), method)(reverse("mail_unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert b"This link does not work" in response.content
    assert preference_for(cast.member).pk is None
    assert preference_for(cast.organizer).pk is None


def test_a_token_for_a_deleted_account_is_refused(cast):
    url = unsubscribe_url(cast.outsider)
    cast.outsider.delete()
    assert Client().post(url).status_code == 400


def test_the_digest_link_turns_off_what_the_digest_gathers(now: datetime, cast):
    Client().post(unsubscribe_url(cast.member, kind="digest"))
    assert preference_for(cast.member).disabled_kinds == ["goal_nudge", "meeting_summary"]


def test_the_unsubscribe_page_refuses_other_methods(cast):
    assert Client().put(unsubscribe_url(cast.member)).status_code == 405


# --- the outbox page ---


@pytest.fixture
def admin(db):
    user = make_user("admin@example.org", display_name="Ada Admin")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_site_admins_see_the_outbox_with_failures(cast, admin):
    queued(cast.member, "fine")
    queued(cast.member, "broken", status=Status.FAILED, attempts=8, last_error="SMTP said no")
    client = cast.client_for(admin)
    response = client.get(OUTBOX)
    assert response.status_code == 200
    assert b"Subject fine" in response.content
    assert b"SMTP said no" in response.content
    assert b"Failed (1)" in response.content
    filtered = client.get(OUTBOX, {"status": "failed"})
    assert b"Subject fine" not in filtered.content
    assert client.get(OUTBOX, {"status": "<nonsense>"}).status_code == 200


def test_the_dashboard_links_site_admins_to_the_outbox(cast, admin):
    assert OUTBOX.encode() in cast.client_for(admin).get(reverse("dashboard")).content
    assert OUTBOX not in page_text(cast.client_for(cast.member), reverse("dashboard"))


@pytest.mark.parametrize("who", CAST)
def test_nobody_but_site_admins_learns_the_outbox_exists(cast, who):
    client = cast.client_for(getattr(cast, who))
    assert client.get(OUTBOX).status_code == 404


def test_anonymous_visitors_cannot_see_the_outbox(db):
    assert Client().get(OUTBOX).status_code == 302


def test_the_outbox_page_query_count_does_not_grow_with_rows(cast, admin):
    queued(cast.member, "one")
    client = cast.client_for(admin)
    few = count_queries(client, OUTBOX)
    for number in range(20):
        queued(cast.organizer, f"more-{number}")
    assert count_queries(client, OUTBOX) == few


def test_a_site_admin_can_retry_a_failed_mail(cast, admin, django_capture_on_commit_callbacks):
    row = queued(cast.member, "broken", status=Status.FAILED, attempts=8)
    url = reverse("mail_outbox_retry", args=[row.pk])
    for who in CAST:
        assert cast.client_for(getattr(cast, who)).post(url).status_code == 404
    assert Client().post(url).status_code == 302  # anonymous: to the login page
    assert cast.client_for(admin).get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client_for(admin).post(url)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == Status.SENT
    sent = queued(cast.member, "sent-already")
    assert (
        cast.client_for(admin).post(reverse("mail_outbox_retry", args=[sent.pk])).status_code == 404
    )
