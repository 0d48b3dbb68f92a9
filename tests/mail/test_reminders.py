"""The due-mail producers and `manage.py send_due_mail`."""

from datetime import UTC, datetime, timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from peercircle.groups.actions.membership import membership_add
from peercircle.mail.actions import preference_update
from peercircle.mail.kinds import optional_kinds
from peercircle.mail.models import Delivery, Outbox, Status
from peercircle.mail.scheduler import weekly_digests
from peercircle.meetings.actions.meeting import meeting_schedule
from peercircle.meetings.models import Meeting
from peercircle.meetings.models import Status as MeetingStatus
from peercircle.meetings.reminders import host_reminders, meeting_reminders

OPTIONAL = [kind.name for kind in optional_kinds()]
START = datetime(2026, 12, 10, 17, 0, tzinfo=UTC)


def schedule(cast, starts_at=START):
    # The producers take the clock as an argument, so a fixed date works whatever the real
    # date is: the meeting is recorded as history once that date has passed.
    return meeting_schedule(
        group=cast.group, starts_at=starts_at, host=cast.organizer, allow_past=True
    )


def prefer(user, **changes):
    values = {
        "enabled_kinds": OPTIONAL,
        "optional_kinds": OPTIONAL,
        "delivery": Delivery.SINGLE,
        "reminder_days": 3,
        "quiet_start": None,
        "quiet_end": None,
        **changes,
    }
    preference_update(user=user, **values)


def test_members_are_reminded_three_days_before_by_default(now: datetime, cast):
    meeting = schedule(cast)
    assert meeting_reminders(START - timedelta(days=3, minutes=1)) == 0
    assert meeting_reminders(START - timedelta(days=3)) == 2
    recipients = set(Outbox.objects.values_list("to_email", flat=True))
    assert recipients == {"organizer@example.org", "member@example.org"}
    assert Outbox.objects.filter(key__startswith=f"meeting_reminder:{meeting.pk}:").count() == 2


def test_each_person_chooses_how_many_days_before(now: datetime, cast):
    schedule(cast)
    prefer(cast.member, reminder_days=7)
    assert meeting_reminders(START - timedelta(days=7)) == 1
    assert Outbox.objects.get().to_email == "member@example.org"


def test_running_the_producer_again_queues_nothing_new(now: datetime, cast):
    schedule(cast)
    now = START - timedelta(days=2)
    assert meeting_reminders(now) == 2
    assert meeting_reminders(now) == 0
    assert meeting_reminders(now + timedelta(hours=1)) == 0
    assert Outbox.objects.count() == 2


def test_a_moved_meeting_is_reminded_again(now: datetime, cast):
    meeting = schedule(cast)
    meeting_reminders(START - timedelta(days=2))
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=START + timedelta(days=1))
    assert meeting_reminders(START - timedelta(days=1)) == 2
    assert Outbox.objects.count() == 4


def test_cancelled_and_past_meetings_get_no_reminder(now: datetime, cast):
    meeting = schedule(cast)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED)
    assert meeting_reminders(START - timedelta(days=1)) == 0
    schedule(cast, starts_at=START + timedelta(days=30))
    assert meeting_reminders(START + timedelta(days=31)) == 0


def test_other_groups_members_get_no_reminder(now: datetime, cast):
    schedule(cast)
    meeting_reminders(START - timedelta(days=1))
    assert not Outbox.objects.filter(to_email__in=["other@example.org", "outsider@example.org"])


def test_the_reminder_query_count_does_not_grow_with_the_group(
    now: datetime, cast, django_assert_max_num_queries
):
    from tests.conftest import make_user

    schedule(cast)
    meeting_reminders(START - timedelta(days=1))
    for index in range(6):
        membership_add(group=cast.group, user=make_user(f"extra{index}@example.org"))
    assert meeting_reminders(START - timedelta(days=1)) == 6
    with django_assert_max_num_queries(4):
        assert meeting_reminders(START - timedelta(days=1)) == 0


def test_the_host_is_reminded_at_seven_on_the_day_in_their_own_zone(now: datetime, cast):
    cast.organizer.timezone = "America/Chicago"  # 17:00 UTC on the 10th is 11:00 there
    cast.organizer.save(update_fields=["timezone"])
    schedule(cast)
    assert host_reminders(datetime(2026, 12, 10, 12, 59, tzinfo=UTC)) == 0  # 06:59 in Chicago
    assert host_reminders(datetime(2026, 12, 10, 13, 0, tzinfo=UTC)) == 1
    row = Outbox.objects.get()
    assert (row.kind, row.to_email) == ("host_reminder", "organizer@example.org")
    assert "Agenda" in row.text
    assert host_reminders(datetime(2026, 12, 10, 14, 0, tzinfo=UTC)) == 0


def test_a_host_whose_meeting_is_before_seven_is_reminded_an_hour_before(now: datetime, cast):
    cast.organizer.timezone = "Asia/Tokyo"  # 17:00 UTC on the 10th is 02:00 on the 11th there
    cast.organizer.save(update_fields=["timezone"])
    schedule(cast)
    assert host_reminders(datetime(2026, 12, 10, 15, 59, tzinfo=UTC)) == 0
    assert host_reminders(datetime(2026, 12, 10, 16, 0, tzinfo=UTC)) == 1


def test_other_apps_can_add_the_goals_to_review_to_a_reminder(now: datetime, cast, monkeypatch):
    from peercircle.meetings import reminders

    def goals(meeting, user):
        return {"goals_to_review": [f"Draft chapter 2 <{user.name}>"]}

    monkeypatch.setattr(reminders, "_REMINDER_PARTS", [goals])
    schedule(cast)
    meeting_reminders(START - timedelta(days=1))
    row = Outbox.objects.get(to_email="member@example.org")
    assert "- Draft chapter 2 <Mina Member>" in row.text
    assert "<li>Draft chapter 2 &lt;Mina Member&gt;</li>" in row.html


def test_held_mails_become_one_weekly_digest_on_monday_morning(
    now: datetime, cast, django_capture_on_commit_callbacks
):
    prefer(cast.member, delivery=Delivery.DIGEST)
    for number in range(3):
        Outbox.objects.create(
            key=f"goal_nudge:{number}:1:{cast.member.pk}",
            kind="goal_nudge",
            user=cast.member,
            to_email=cast.member.email,
            subject=f"Goal {number} is due",
            text=f"Body {number}",
            message_id=f"<{number}@localhost>",
            status=Status.HELD,
            next_attempt_at=timezone.now(),
        )
    Outbox.objects.update(created_at=timezone.now() - timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        assert weekly_digests(timezone.now()) == 1
        assert weekly_digests(timezone.now()) == 0
    digest = Outbox.objects.get(kind="digest")
    assert digest.key.startswith(f"digest:{cast.member.pk}:")
    assert digest.subject == "Your week in Peercircle: 3 updates"
    assert "Goal 2 is due" in digest.text
    assert Outbox.objects.filter(status=Status.DIGESTED, digest=digest).count() == 3
    [sent] = mail.outbox
    assert sent.subject == digest.subject


def test_send_due_mail_queues_reminders_and_retries_what_is_due(
    now: datetime, cast, django_capture_on_commit_callbacks
):
    schedule(cast, starts_at=timezone.now() + timedelta(days=2))
    stuck = Outbox.objects.create(
        key="host_reminder:stuck",
        kind="host_reminder",
        user=cast.organizer,
        to_email=cast.organizer.email,
        subject="Stuck",
        text="Stuck",
        message_id="<stuck@localhost>",
        status=Status.SENDING,
        lease_until=timezone.now() - timedelta(minutes=2),
        next_attempt_at=timezone.now() - timedelta(minutes=10),
        attempts=1,
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_due_mail", stdout=out)
    assert "meeting_reminders: 2 queued" in out.getvalue()
    assert "retry: 1 queued" in out.getvalue()
    stuck.refresh_from_db()
    assert stuck.status == Status.SENT
    assert sorted(m.subject for m in mail.outbox)[-1] == "Stuck"
    assert len(mail.outbox) == 3
