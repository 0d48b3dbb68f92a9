"""mail_enqueue and delivery, against a real SMTP server on loopback."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from peercircle.mail.actions import (
    mail_due_ids,
    mail_enqueue,
    mail_fail_stuck,
    mail_unsubscribe,
    preference_update,
)
from peercircle.mail.delivery import mail_deliver, retry_delay
from peercircle.mail.kinds import optional_kinds
from peercircle.mail.links import unsubscribe_read
from peercircle.mail.models import Delivery, Outbox, Status
from peercircle.meetings.reminders import agenda_lines
from tests.conftest import make_meeting
from tests.mail.smtp import SMTPServer, free_port

OPTIONAL = [kind.name for kind in optional_kinds()]


def reminder(cast, key="", **extra):
    meeting = cast.group.meetings.first() or make_meeting(cast.group, days=3, host=cast.organizer)
    key = key or f"meeting_reminder:{meeting.pk}:1:{cast.member.pk}"
    context = {"meeting": meeting, "group": cast.group, "members": [cast.member]}
    return mail_enqueue(kind="meeting_reminder", to=cast.member, key=key, context=context, **extra)


def set_preferences(user, **changes):
    values = {
        "enabled_kinds": OPTIONAL,
        "optional_kinds": OPTIONAL,
        "delivery": Delivery.SINGLE,
        "reminder_days": 3,
        "quiet_start": None,
        "quiet_end": None,
        **changes,
    }
    return preference_update(user=user, **values)


def test_a_queued_mail_is_sent_once_the_transaction_commits(
    now: datetime, cast, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = reminder(cast)
        assert smtp.messages == []
    row.refresh_from_db()
    assert row.status == Status.SENT
    assert row.attempts == 1
    assert row.sent_at is not None
    [message] = smtp.messages
    assert message["To"] == "member@example.org"
    assert message["Subject"].startswith("Alpha meets ")


def test_a_rolled_back_action_sends_nothing(
    now: datetime, cast, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                reminder(cast)
                raise RuntimeError("the caller's action failed")
        except RuntimeError:
            pass
    assert Outbox.objects.count() == 0
    assert smtp.messages == []


def test_a_reminder_carries_one_click_unsubscribe_headers_and_both_bodies(
    now: datetime, cast, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = reminder(cast)
    [message] = smtp.messages
    assert message["Message-ID"] == row.message_id
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message["List-Unsubscribe"].strip().strip("<>")
    assert url.startswith("http://127.0.0.1:8000/mail/unsubscribe/")
    token = url.rstrip("/").rsplit("/", 1)[1]
    wanted = unsubscribe_read(token)
    assert wanted is not None
    assert (wanted.user_id, wanted.kind) == (cast.member.pk, "meeting_reminder")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    meeting_url = f"http://127.0.0.1:8000/meetings/{row.key.split(':')[1]}/"
    assert "Hello Mina Member" in text
    assert "http://127.0.0.1:8000/meetings/" in text
    assert "Check in for the meeting" in html
    assert meeting_url in html
    assert url in text  # the footer link is the same as the header's


def test_a_host_reminder_has_the_agenda(
    now: datetime, cast, smtp, django_capture_on_commit_callbacks
):
    meeting = make_meeting(cast.group, days=0, host=cast.organizer)
    context = {
        "meeting": meeting,
        "group": cast.group,
        "members": [cast.member],
        "agenda": agenda_lines(meeting),
    }
    with django_capture_on_commit_callbacks(execute=True):
        mail_enqueue(
            kind="host_reminder", to=cast.organizer, key="host_reminder:x", context=context
        )
    [message] = smtp.messages
    assert message["Subject"].startswith("You host Alpha today at ")
    text = message.get_body(("plain",)).get_content()
    # The same agenda as the meeting's page: its blocks, with their minutes.
    assert "1. Opening roundtable (2 min)" in text
    assert "3. New goals (4 min)" in text
    assert f"/meetings/{meeting.pk}/" in text


def test_an_invitation_to_an_address_has_no_unsubscribe_link(
    cast, smtp, django_capture_on_commit_callbacks, settings, tmp_path
):
    # The test's own templates come first, ahead of the real invitation's.
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail/invitation_subject.txt").write_text("Join {{ group.name }}")
    (tmp_path / "mail/invitation.txt").write_text(
        '{% extends "mail/base.txt" %}{% block body %}Join us & {{ group.name }}{% endblock %}'
    )
    (tmp_path / "mail/invitation.html").write_text(
        '{% extends "mail/base.html" %}{% block body %}Join {{ group.name }}{% endblock %}'
    )
    with django_capture_on_commit_callbacks(execute=True):
        mail_enqueue(
            kind="invitation",
            to="new.person@example.org",
            key="invitation:1:1:new.person@example.org",
            context={"group": cast.group},
            attachments=[("meeting.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )
    [message] = smtp.messages
    assert message["List-Unsubscribe"] is None
    text = message.get_body(("plain",)).get_content()
    assert "Join us & Alpha" in text  # text mails are not HTML-escaped
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "meeting.ics"


def test_the_same_key_twice_queues_one_mail_and_keeps_the_callers_transaction(
    now: datetime, cast, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = reminder(cast, key="k")
        second = reminder(cast, key="k")
        assert first.pk == second.pk
        cast.member.display_name = "Still writable"
        cast.member.save(update_fields=["display_name"])
    assert Outbox.objects.count() == 1
    assert len(smtp.messages) == 1


def test_a_key_is_never_sent_twice_even_across_transactions(
    now: datetime, cast, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = reminder(cast, key="k")
    with django_capture_on_commit_callbacks(execute=True):
        reminder(cast, key="k")
    assert mail_deliver(outbox_id=row.pk) == "not_claimed"
    assert len(smtp.messages) == 1


def test_keys_must_be_short_and_present(now: datetime, cast):
    with pytest.raises(ValueError):
        mail_enqueue(kind="meeting_reminder", to=cast.member, key="", context={})
    with pytest.raises(ValueError):
        mail_enqueue(kind="meeting_reminder", to=cast.member, key="x" * 201, context={})


def test_a_kind_the_recipient_turned_off_is_recorded_as_skipped(
    now: datetime, cast, smtp, django_capture_on_commit_callbacks
):
    set_preferences(cast.member, enabled_kinds=["host_reminder"])
    with django_capture_on_commit_callbacks(execute=True):
        row = reminder(cast)
    assert row.status == Status.SKIPPED
    assert smtp.messages == []


def test_invitations_cannot_be_turned_off(cast):
    assert mail_unsubscribe(user=cast.member, kind="invitation") == []
    assert "invitation" not in OPTIONAL


def test_unsubscribing_drops_the_mails_of_that_kind_not_yet_sent(now: datetime, cast):
    row = reminder(cast, now=timezone.now() + timedelta(days=1))
    mail_unsubscribe(user=cast.member, kind="meeting_reminder")
    row.refresh_from_db()
    assert row.status == Status.SKIPPED


def test_a_mail_due_in_quiet_hours_waits_until_they_end(now: datetime, cast, smtp):
    cast.member.timezone = "Europe/Berlin"
    cast.member.save(update_fields=["timezone"])
    set_preferences(cast.member, quiet_start=time(22, 0), quiet_end=time(7, 0))
    late = datetime(2026, 6, 10, 21, 30, tzinfo=UTC)  # 23:30 in Berlin
    row = reminder(cast, now=late)
    assert row.status == Status.PENDING
    assert row.next_attempt_at == late.replace(day=11, hour=5, minute=0)
    assert mail_deliver(outbox_id=row.pk, now=late) == "not_claimed"
    assert mail_deliver(outbox_id=row.pk, now=row.next_attempt_at) == "sent"
    assert len(smtp.messages) == 1


def test_smtp_down_then_up_delivers_after_a_retry(
    now: datetime, cast, django_capture_on_commit_callbacks
):
    server = SMTPServer(port=free_port())  # nothing listens on the port yet
    with override_settings(**server.settings()):
        with django_capture_on_commit_callbacks(execute=True):
            row = reminder(cast)
        row.refresh_from_db()
        assert row.status == Status.PENDING
        assert row.attempts == 1
        assert "ConnectionRefusedError" in row.last_error
        assert row.next_attempt_at > timezone.now() + retry_delay(1) - timedelta(seconds=5)
        assert mail_due_ids(now=timezone.now()) == []  # backing off
        server.start()
        try:
            later = row.next_attempt_at
            assert mail_due_ids(now=later) == [row.pk]
            assert mail_deliver(outbox_id=row.pk, now=later) == "sent"
        finally:
            server.stop()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 2, "")
    assert len(server.messages) == 1


def test_retries_back_off_exponentially_and_give_up_after_the_last_attempt(
    now: datetime, cast, settings
):
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert retry_delay(30) == timedelta(hours=6)
    settings.MAIL_MAX_ATTEMPTS = 2
    server = SMTPServer(port=free_port())
    with override_settings(**server.settings()):
        row = reminder(cast)
        assert mail_deliver(outbox_id=row.pk) == "retry"
        row.refresh_from_db()
        assert mail_deliver(outbox_id=row.pk, now=row.next_attempt_at) == "failed"
    row.refresh_from_db()
    assert row.status == Status.FAILED
    assert mail_due_ids(now=row.next_attempt_at + timedelta(days=1)) == []


def test_a_row_claimed_by_a_worker_that_died_is_sent_after_the_lease(
    now: datetime, cast, smtp, settings
):
    row = reminder(cast)
    Outbox.objects.filter(pk=row.pk).update(
        status=Status.SENDING, claim="dead-worker", lease_until=now + timedelta(seconds=30)
    )
    assert mail_deliver(outbox_id=row.pk, now=now) == "not_claimed"
    assert mail_due_ids(now=now) == []
    after = now + timedelta(seconds=31)
    assert mail_due_ids(now=after) == [row.pk]
    assert mail_deliver(outbox_id=row.pk, now=after) == "sent"
    assert len(smtp.messages) == 1


def test_a_worker_whose_lease_ran_out_does_not_overwrite_the_new_claim(now: datetime, cast, smtp):
    from peercircle.mail import delivery

    row = reminder(cast)
    claim = delivery._claim(row.pk, now)
    assert claim is not None
    later = now + timedelta(seconds=settings_lease() + 1)
    assert mail_deliver(outbox_id=row.pk, now=later) == "sent"  # a second worker took over
    delivery._mark_sent(claim, later)  # the first one comes back: nothing changes
    row.refresh_from_db()
    assert row.status == Status.SENT
    assert row.attempts == 2


def settings_lease():
    from django.conf import settings

    return settings.MAIL_LEASE_SECONDS


def test_digest_mode_holds_summaries_but_not_reminders(now: datetime, cast):
    set_preferences(cast.member, delivery=Delivery.DIGEST)
    assert reminder(cast).status == Status.PENDING


def test_going_back_to_single_mails_releases_what_was_held(
    now: datetime, cast, smtp, settings, tmp_path
):
    set_preferences(cast.member, delivery=Delivery.DIGEST)
    row = Outbox.objects.create(
        key="goal_nudge:1:1:1",
        kind="goal_nudge",
        user=cast.member,
        to_email=cast.member.email,
        subject="A goal is due",
        text="Finish the draft.",
        message_id="<x@localhost>",
        status=Status.HELD,
        next_attempt_at=timezone.now(),
    )
    set_preferences(cast.member, delivery=Delivery.SINGLE)
    row.refresh_from_db()
    assert row.status == Status.PENDING


def test_locmem_backend_still_works_for_other_apps_tests(
    now: datetime, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reminder(cast)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_mail_that_cannot_be_built_fails_at_once_instead_of_retrying(now: datetime, cast, smtp):
    row = reminder(cast)
    Outbox.objects.filter(pk=row.pk).update(subject="Injected\nBcc: everyone@example.org")
    assert mail_deliver(outbox_id=row.pk) == "failed"
    row.refresh_from_db()
    assert row.status == Status.FAILED
    assert "BadHeaderError" in row.last_error or "newline" in row.last_error
    assert smtp.messages == []


def test_a_mail_that_kills_its_worker_every_time_is_given_up(now: datetime, cast, settings):
    row = reminder(cast)
    Outbox.objects.filter(pk=row.pk).update(
        status=Status.SENDING,
        attempts=settings.MAIL_MAX_ATTEMPTS,
        lease_until=now - timedelta(seconds=1),
    )
    assert mail_fail_stuck(now=now) == 1
    row.refresh_from_db()
    assert row.status == Status.FAILED
    assert mail_due_ids(now=now) == []


def test_a_mail_whose_recipient_was_deleted_meanwhile_is_not_sent(now: datetime, cast, smtp):
    row = reminder(cast)
    cast.member.delete()
    assert mail_deliver(outbox_id=row.pk) == "not_claimed"
    assert smtp.messages == []


def held_nudge(user, n: int) -> Outbox:
    return Outbox.objects.create(
        key=f"goal_nudge:{n}:1:{user.pk}",
        kind="goal_nudge",
        user=user,
        to_email=user.email,
        subject="A goal is due",
        text="Finish the draft.",
        message_id=f"<held{n}@localhost>",
        status=Status.HELD,
        next_attempt_at=timezone.now(),
    )


def send_tasks(callbacks: list) -> list:
    """The callbacks run on commit, but for the new version tokens of what pages show."""
    return [c for c in callbacks if c.__module__ != "peercircle.lib.versions"]


def test_released_mails_go_out_together_over_one_connection(
    now: datetime, cast, smtp, django_capture_on_commit_callbacks
):
    set_preferences(cast.member, delivery=Delivery.DIGEST)
    rows = [held_nudge(cast.member, n) for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        set_preferences(cast.member, delivery=Delivery.SINGLE)
    assert len(send_tasks(callbacks)) == 1  # one send task for the three, not one each
    assert sorted(str(m["Message-ID"]) for m in smtp.messages) == sorted(
        row.message_id for row in rows
    )
    assert len(set(smtp.recorder.peers)) == 1


def test_mails_released_in_quiet_hours_wait_for_them_to_end(
    now: datetime, cast, smtp, django_capture_on_commit_callbacks
):
    set_preferences(cast.member, delivery=Delivery.DIGEST)
    row = held_nudge(cast.member, 1)
    whole_day = {"quiet_start": time(0, 0), "quiet_end": time(23, 59)}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        set_preferences(cast.member, delivery=Delivery.SINGLE, **whole_day)
    row.refresh_from_db()
    assert (row.status, send_tasks(callbacks), smtp.messages) == (Status.PENDING, [], [])
    assert row.next_attempt_at > now
