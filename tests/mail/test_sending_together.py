"""A bulk send queues one send task per MAIL_BATCH_SIZE mails, not one per mail, and every
mail still arrives exactly once (a real SMTP server on loopback, tasks run on commit)."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from peercircle.groups.actions.membership import membership_add
from peercircle.mail import actions
from peercircle.mail.actions import mail_enqueue, sending_together
from peercircle.mail.delivery import mail_deliver_batch
from peercircle.mail.models import Outbox, Status
from peercircle.meetings.actions.meeting import meeting_move
from tests.conftest import make_meeting, make_user

pytestmark = pytest.mark.django_db


@dataclass
class Tasks:
    """Counts the send tasks queued, then runs them as the worker would."""

    single: list[int] = field(default_factory=list)
    many: list[list[int]] = field(default_factory=list)

    def run(self) -> None:
        for outbox_id in self.single:
            mail_deliver_batch(outbox_id=outbox_id)
        for outbox_ids in self.many:
            mail_deliver_batch(outbox_ids=outbox_ids)


@pytest.fixture
def tasks(monkeypatch) -> Iterator[Tasks]:
    found = Tasks()
    monkeypatch.setattr(actions, "mail_send", SimpleNamespace(enqueue=found.single.append))
    monkeypatch.setattr(actions, "mail_send_many", SimpleNamespace(enqueue=found.many.append))
    yield found


def seven_members(cast) -> None:
    for n in range(5):  # with the organizer and the member: seven
        membership_add(group=cast.group, user=make_user(f"extra{n}@example.org"))


def reminder(cast, n: int):
    meeting = cast.group.meetings.first() or make_meeting(cast.group, days=3)
    context = {"meeting": meeting, "group": cast.group, "members": []}
    return mail_enqueue(
        kind="meeting_reminder", to=cast.member, key=f"meeting_reminder:x:{n}:1", context=context
    )


@override_settings(MAIL_BATCH_SIZE=3)
def test_a_calendar_update_to_a_group_queues_one_task_per_batch(
    now: datetime, cast, smtp, tasks, django_capture_on_commit_callbacks
):
    seven_members(cast)
    meeting = make_meeting(cast.group, days=5)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_move(meeting=meeting, starts_at=meeting.starts_at.replace(hour=18), location="B")
    assert tasks.single == []
    assert [len(batch) for batch in tasks.many] == [3, 3, 1]
    tasks.run()
    assert len(smtp.messages) == 7
    assert len(set(smtp.recorder.message_ids())) == 7
    # One SMTP connection per task.
    assert len(set(smtp.recorder.peers)) == 3
    assert set(Outbox.objects.values_list("status", flat=True)) == {Status.SENT}
    tasks.run()  # a task run twice (a retried task) finds nothing left to send
    assert len(smtp.messages) == 7


@override_settings(MAIL_BATCH_SIZE=3)
@pytest.mark.parametrize("mails", [1, 4])  # with 4, a full batch waits for the commit too
def test_nothing_is_queued_when_the_block_fails(
    now: datetime, cast, tasks, django_capture_on_commit_callbacks, mails: int
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
        sending_together(),
    ):
        for n in range(mails):
            reminder(cast, n)
        raise RuntimeError("the caller's action failed")
    assert (tasks.single, tasks.many, Outbox.objects.count()) == ([], [], 0)


def test_nested_blocks_queue_once_when_the_outer_one_ends(
    now: datetime, cast, tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), sending_together():
        reminder(cast, 1)
        with sending_together():
            reminder(cast, 2)
        assert tasks.many == []
        reminder(cast, 3)
    ids = list(Outbox.objects.order_by("pk").values_list("pk", flat=True))
    assert (tasks.single, tasks.many) == ([], [ids])


def test_a_single_mail_outside_a_block_still_has_its_own_task(
    now: datetime, cast, tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = reminder(cast, 1)
    assert (tasks.single, tasks.many) == ([row.pk], [])


@override_settings(MAIL_BATCH_SIZE=3)
def test_the_scheduler_queues_a_producers_mails_in_batches(
    now: datetime, cast, smtp, tasks, django_capture_on_commit_callbacks
):
    seven_members(cast)
    make_meeting(cast.group, days=2)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_due_mail", stdout=out)
    assert "meeting_reminders: 7 queued" in out.getvalue()
    assert tasks.single == [] and [len(batch) for batch in tasks.many] == [3, 3, 1]
    tasks.run()
    assert sorted(m["To"] for m in smtp.messages) == sorted(
        Outbox.objects.values_list("to_email", flat=True)
    )
    assert len(smtp.messages) == 7


def test_a_batch_skips_the_named_rows_already_sent_or_held_elsewhere(now: datetime, cast, smtp):
    rows = [reminder(cast, n) for n in range(3)]
    assert mail_deliver_batch(outbox_ids=[rows[0].pk]) == {"sent": 3}  # fills up with due rows
    Outbox.objects.filter(pk=rows[1].pk).update(status=Status.PENDING)
    assert mail_deliver_batch(outbox_ids=[rows[0].pk, rows[1].pk]) == {"sent": 1}
    assert len(smtp.messages) == 4  # the row put back to pending went again, the sent one not


@pytest.mark.django_db(transaction=True)  # real commits, as in `send_due_mail`
@override_settings(MAIL_BATCH_SIZE=3)
def test_a_full_batch_is_queued_as_soon_as_it_is_full_not_when_the_block_ends(
    now: datetime, cast, smtp, tasks
):
    # Outside a transaction each mail commits at once, so the workers can start on the
    # first batches while the producer renders the rest.
    with sending_together():
        rows = [reminder(cast, n) for n in range(4)]
        assert tasks.many == [[row.pk for row in rows[:3]]]
    assert tasks.many == [[row.pk for row in rows[:3]], [rows[3].pk]]
    tasks.run()
    assert len(smtp.messages) == 4
    assert len(set(smtp.recorder.message_ids())) == 4
