"""Delivery rules: quiet hours on every attempt, permanent refusals, the lease without the
scheduler's grace, the host's reminder before the meeting, honest counts."""

from datetime import UTC, datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from peercircle.mail.actions import mail_due_ids, mail_enqueue, mail_requeue, preference_update
from peercircle.mail.delivery import mail_deliver, mail_deliver_batch
from peercircle.mail.kinds import optional_kinds
from peercircle.mail.models import Delivery, Outbox, Status
from peercircle.meetings.actions.meeting import meeting_schedule
from peercircle.meetings.reminders import host_reminder_due, host_reminders
from tests.conftest import make_meeting, make_user

pytestmark = pytest.mark.django_db
OPTIONAL = [kind.name for kind in optional_kinds()]


def quiet(user, start, end):
    preference_update(
        user=user,
        enabled_kinds=OPTIONAL,
        optional_kinds=OPTIONAL,
        delivery=Delivery.SINGLE,
        reminder_days=3,
        quiet_start=start,
        quiet_end=end,
    )


def queue(cast, key="meeting_reminder:x:1:1"):
    return mail_enqueue(
        kind="goal_nudge",
        to=cast.member,
        key=key,
        context={"goal": {"group": cast.group, "due_on": None, "text": "x"}},
    )


@override_settings(MAIL_RETRY_BASE_SECONDS=3600)
def test_a_retry_waits_out_the_recipients_quiet_hours(now: datetime, cast, smtp):
    # 09:00 UTC now; the retry would be at 10:00, inside quiet hours 09:30-12:00.
    quiet(cast.member, time(9, 30), time(12, 0))
    smtp.recorder.before_accept = lambda message: "451 4.3.0 try later"
    row = queue(cast)
    assert mail_deliver(outbox_id=row.pk, now=now) == "retry"
    row.refresh_from_db()
    assert (row.status, row.next_attempt_at) == (
        Status.PENDING,
        datetime(2026, 6, 10, 12, 0, tzinfo=UTC),
    )


def test_a_requeued_mail_waits_out_the_recipients_quiet_hours(now: datetime, cast):
    quiet(cast.member, time(8, 0), time(10, 0))
    row = queue(cast)
    Outbox.objects.filter(pk=row.pk).update(status=Status.FAILED, last_error="boom")
    mail_requeue(outbox_id=row.pk, now=now)
    row.refresh_from_db()
    assert (row.status, row.next_attempt_at, row.last_error) == (
        Status.PENDING,
        datetime(2026, 6, 10, 10, 0, tzinfo=UTC),
        "",
    )


def test_releasing_held_mail_waits_out_the_quiet_hours(now: datetime, cast):
    preference_update(
        user=cast.member,
        enabled_kinds=OPTIONAL,
        optional_kinds=OPTIONAL,
        delivery=Delivery.DIGEST,
        reminder_days=3,
        quiet_start=None,
        quiet_end=None,
    )
    held = mail_enqueue(
        kind="meeting_summary",
        to=cast.member,
        key="meeting_summary:1:1:1",
        context={
            "group": cast.group,
            "meeting": make_meeting(cast.group, days=3),
            "items": [],
            "attendees": [],
        },
    )
    assert held.status == Status.HELD
    quiet(cast.member, time(8, 0), time(11, 0))  # back to single mails, in quiet hours
    held.refresh_from_db()
    assert (held.status, held.next_attempt_at) == (
        Status.PENDING,
        datetime(2026, 6, 10, 11, 0, tzinfo=UTC),
    )


def test_a_permanent_refusal_fails_at_once_and_the_outbox_page_says_why(now: datetime, cast, smtp):
    smtp.recorder.before_accept = lambda message: "550 5.1.1 mailbox unavailable"
    row = queue(cast)
    assert mail_deliver(outbox_id=row.pk, now=now) == "failed"
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.FAILED, 1)
    assert row.last_error == "The relay answered 550 5.1.1 mailbox unavailable"
    admin = make_user("admin@example.org")
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    response = cast.client_for(admin).get(reverse("mail_outbox"), {"status": "failed"})
    assert response.status_code == 200
    assert b"The relay answered 550 5.1.1 mailbox unavailable" in response.content


def test_a_temporary_refusal_is_tried_again(now: datetime, cast, smtp):
    smtp.recorder.before_accept = lambda message: "452 4.2.2 mailbox full"
    row = queue(cast)
    assert mail_deliver(outbox_id=row.pk, now=now) == "retry"
    row.refresh_from_db()
    assert (row.status, row.last_error) == (
        Status.PENDING,
        "The relay answered 452 4.2.2 mailbox full",
    )


def test_a_dead_workers_mail_is_due_when_its_lease_ends_not_a_grace_later(now: datetime, cast):
    stuck = queue(cast, "a:1:1:1")
    fresh = queue(cast, "b:1:1:1")
    Outbox.objects.filter(pk=stuck.pk).update(
        status=Status.SENDING, lease_until=now - timedelta(seconds=1)
    )
    assert mail_due_ids(now=now, grace=timedelta(seconds=60)) == [stuck.pk]
    assert fresh.pk in mail_due_ids(now=now + timedelta(seconds=61), grace=timedelta(seconds=60))


def test_the_hosts_reminder_comes_before_quiet_hours_when_they_would_hold_it_too_long(
    now: datetime, cast
):
    # Quiet 22:00-08:00 UTC, meeting at 07:30: at 06:30 it would wait until 08:00.
    quiet(cast.organizer, time(22, 0), time(8, 0))
    meeting = meeting_schedule(
        group=cast.group, starts_at=datetime(2026, 6, 20, 7, 30, tzinfo=UTC), host=cast.organizer
    )
    assert host_reminder_due(meeting, cast.organizer) == datetime(2026, 6, 19, 21, 30, tzinfo=UTC)
    assert host_reminders(datetime(2026, 6, 19, 21, 29, tzinfo=UTC)) == 0
    assert host_reminders(datetime(2026, 6, 19, 21, 30, tzinfo=UTC)) == 1
    row = Outbox.objects.get(kind="host_reminder")
    assert row.next_attempt_at == datetime(2026, 6, 19, 21, 30, tzinfo=UTC)


def test_a_host_reminder_that_cannot_arrive_in_time_is_not_sent(now: datetime, cast):
    quiet(cast.organizer, time(22, 0), time(8, 0))
    meeting = meeting_schedule(
        group=cast.group, starts_at=datetime(2026, 6, 20, 7, 30, tzinfo=UTC), host=cast.organizer
    )
    # The producer was not run before quiet hours began (the meeting was set at 23:00).
    assert host_reminders(datetime(2026, 6, 19, 23, 0, tzinfo=UTC)) == 0
    assert not Outbox.objects.filter(kind="host_reminder").exists()
    assert meeting.host_id == cast.organizer.pk


def test_the_preferences_page_says_when_the_hosts_reminder_comes(cast):
    response = cast.client_for(cast.member).get(reverse("mail_preferences"))
    assert response.status_code == 200
    assert b"comes just before your quiet hours begin the evening before" in response.content


def test_send_due_mail_counts_the_mails_it_created_not_its_attempts(now: datetime, cast):
    meeting_schedule(group=cast.group, starts_at=now + timedelta(days=2), host=cast.organizer)
    first, second = StringIO(), StringIO()
    call_command("send_due_mail", stdout=first)
    call_command("send_due_mail", stdout=second)
    assert "meeting_reminders: 2 queued" in first.getvalue()
    assert "queued" not in second.getvalue().replace("retry", "")


def test_a_batch_goes_over_one_smtp_connection(now: datetime, cast, smtp):
    rows = [queue(cast, f"goal_nudge:{n}:1:1") for n in range(5)]
    assert mail_deliver_batch(outbox_id=rows[0].pk, now=now) == {"sent": 5}
    assert len(smtp.messages) == 5
    assert len(set(smtp.recorder.peers)) == 1
    assert set(Outbox.objects.values_list("status", flat=True)) == {Status.SENT}


def test_a_failure_in_a_batch_reconnects_for_the_next_mail(now: datetime, cast, smtp):
    rows = [queue(cast, f"goal_nudge:{n}:1:1") for n in range(4)]
    refused = str(rows[1].message_id)
    smtp.recorder.before_accept = lambda m: (
        "451 4.3.0 later" if m["Message-ID"] == refused else None
    )
    assert mail_deliver_batch(now=now) == {"sent": 3, "retry": 1}
    assert len(set(smtp.recorder.peers)) == 2
    assert Outbox.objects.get(pk=rows[1].pk).status == Status.PENDING


def test_a_row_another_worker_holds_is_not_in_the_batch(now: datetime, cast, smtp):
    rows = [queue(cast, f"goal_nudge:{n}:1:1") for n in range(3)]
    Outbox.objects.filter(pk=rows[2].pk).update(
        status=Status.SENDING, claim="other", lease_until=now + timedelta(minutes=5)
    )
    assert mail_deliver_batch(now=now) == {"sent": 2}
    assert Outbox.objects.get(pk=rows[2].pk).claim == "other"
