"""What every automatic mail carries, read off a real SMTP server on loopback."""

from datetime import datetime
from types import SimpleNamespace

import pytest

from peercircle.mail.actions import mail_enqueue
from peercircle.mail.delivery import mail_deliver
from peercircle.mail.models import Outbox
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.meeting import meeting_cancel
from peercircle.meetings.actions.run import run_control
from peercircle.meetings.models import RunState
from tests.conftest import make_meeting, run_meeting_now

pytestmark = pytest.mark.django_db


def deliver_all(smtp):
    for pk in Outbox.objects.order_by("pk").values_list("pk", flat=True):
        mail_deliver(outbox_id=pk)
    return smtp.messages


def bodies(message):
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def finished_meeting_with_a_venting_slot(cast):
    meeting = run_meeting_now(cast)
    checkin_save(meeting=meeting, user=cast.member, response="venting", minutes=15, topic="X")
    run = RunState.objects.get(meeting=meeting)
    run_control(meeting=meeting, by=cast.organizer, command="finish", version=run.version)
    return meeting


def test_every_mail_with_list_unsubscribe_shows_the_link_in_both_bodies(now: datetime, cast, smtp):
    finished_meeting_with_a_venting_slot(cast)
    meeting_cancel(meeting=make_meeting(cast.group, days=4))
    messages = deliver_all(smtp)
    kinds = {row.kind for row in Outbox.objects.all()}
    assert kinds == {"meeting_summary", "calendar_update"}
    for message in messages:
        assert message["Auto-Submitted"] == "auto-generated"
        link = str(message["List-Unsubscribe"]).strip(" <>")
        text, html = bodies(message)
        assert f"Stop these mails: {link}" in text
        assert f'<a href="{link}">Stop these mails</a>' in html
        assert "Choose which mails you get" in text


def test_a_summary_says_how_many_slots_were_for_venting_never_whose(now: datetime, cast, smtp):
    finished_meeting_with_a_venting_slot(cast)
    [message, *_] = [m for m in deliver_all(smtp) if m["To"] == "member@example.org"]
    text, html = bodies(message)
    assert "(venting)" not in text and "(venting)" not in html
    assert "- Mina Member's slot:" in text
    assert "One slot was for venting." in text
    assert "<p>One slot was for venting.</p>" in html


def test_a_goal_nudge_has_the_unsubscribe_link_in_its_body(now: datetime, cast, smtp):
    goal = SimpleNamespace(group=cast.group, due_on=now.date(), text="Ship it")
    mail_enqueue(kind="goal_nudge", to=cast.member, key="goal_nudge:1:1:1", context={"goal": goal})
    [message] = deliver_all(smtp)
    assert message["Auto-Submitted"] == "auto-generated"
    text, html = bodies(message)
    assert str(message["List-Unsubscribe"]).strip(" <>") in text
    assert "Stop these mails" in html
