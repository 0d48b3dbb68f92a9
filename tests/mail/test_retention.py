"""The outbox keeps a mail's body for 30 days after it went out, then only its headers."""

from datetime import datetime, timedelta
from io import StringIO

import time_machine
from django.core.management import call_command

from peercircle.mail.actions import mail_enqueue
from peercircle.mail.models import Outbox, OutboxAttachment, Status
from peercircle.mail.retention import mail_bodies_purge, purge_old_mail_bodies
from peercircle.mail.scheduler import producers
from tests.conftest import Cast, make_meeting

HEADERS = ["key", "kind", "user_id", "to_email", "message_id", "status", "sent_at"]


def _mail(cast: Cast, key: str, status: str, sent_at: datetime | None) -> Outbox:
    meeting = cast.group.meetings.first() or make_meeting(cast.group, days=3, host=cast.organizer)
    row = mail_enqueue(
        kind="meeting_reminder",
        to=cast.member,
        key=key,
        context={"meeting": meeting, "group": cast.group, "members": [cast.member]},
        attachments=[("invite.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )
    Outbox.objects.filter(pk=row.pk).update(status=status, sent_at=sent_at, last_error="x")
    return Outbox.objects.get(pk=row.pk)


def test_bodies_older_than_30_days_go_and_the_headers_stay(now: datetime, cast: Cast) -> None:
    old = _mail(cast, "old", Status.SENT, now - timedelta(days=31))
    recent = _mail(cast, "recent", Status.SENT, now - timedelta(days=29))
    waiting = _mail(cast, "waiting", Status.PENDING, None)
    failed = _mail(cast, "failed", Status.FAILED, None)
    Outbox.objects.filter(pk__in=[waiting.pk, failed.pk]).update(
        created_at=now - timedelta(days=60)
    )
    headers = Outbox.objects.filter(pk=old.pk).values(*HEADERS).get()
    assert old.text and old.html and old.subject
    assert mail_bodies_purge(now=now) == 1
    purged = Outbox.objects.get(pk=old.pk)
    assert (
        purged.subject,
        purged.text,
        purged.html,
        purged.unsubscribe_url,
        purged.last_error,
    ) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert Outbox.objects.filter(pk=old.pk).values(*HEADERS).get() == headers
    assert list(OutboxAttachment.objects.values_list("outbox__key", flat=True).order_by("pk")) == [
        "recent",
        "waiting",
        "failed",
    ]
    for kept in (recent, waiting, failed):  # too young, not sent yet, or for an admin's retry
        assert Outbox.objects.get(pk=kept.pk).text == kept.text
    assert mail_bodies_purge(now=now) == 0  # nothing left to do


def test_a_purged_mail_is_still_sent_only_once(now: datetime, cast: Cast) -> None:
    old = _mail(cast, "meeting_reminder:1:1:1", Status.SENT, now - timedelta(days=31))
    mail_bodies_purge(now=now)
    again = _mail(cast, "meeting_reminder:1:1:1", Status.SENT, old.sent_at)
    assert again.pk == old.pk and Outbox.objects.count() == 1


def test_a_digested_or_skipped_mail_counts_from_when_it_was_queued(
    now: datetime, cast: Cast
) -> None:
    with time_machine.travel(now - timedelta(days=31), tick=False):
        _mail(cast, "digested", Status.DIGESTED, None)
        _mail(cast, "skipped", Status.SKIPPED, None)
    assert mail_bodies_purge(now=now) == 2


def test_the_scheduler_and_a_command_apply_it(now: datetime, cast: Cast) -> None:
    assert purge_old_mail_bodies in producers()
    _mail(cast, "old", Status.SENT, now - timedelta(days=31))
    out = StringIO()
    call_command("send_due_mail", stdout=out)
    assert Outbox.objects.get(key="old").text == ""
    _mail(cast, "older", Status.SENT, now - timedelta(days=40))
    out = StringIO()
    call_command("purge_mail_bodies", stdout=out)
    assert out.getvalue() == "purged 1 mail bodies older than 30 days\n"
