"""Telling people what a poll needs from them: the mail when it opens, the dashboard card,
the reminder before the deadline, the deadline closing it, the organizer told."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from peercircle.groups.actions.polls import TimeChoice, poll_answer, poll_create, polls_due
from peercircle.mail.actions import mail_unsubscribe
from peercircle.mail.models import Outbox, Status
from tests.conftest import Cast, page_text

pytestmark = pytest.mark.django_db


def open_poll(cast: Cast, now: datetime):
    return poll_create(
        group=cast.group,
        author=cast.organizer,
        deadline=now + timedelta(days=3),
        times=[TimeChoice(weekday=2, at=time(18, 0))],
    )


def answer_all(poll, user):
    poll_answer(poll=poll, user=user, answers={o.pk: "yes" for o in poll.options.all()})


def test_opening_a_poll_mails_the_members_but_not_its_author(now: datetime, cast: Cast):
    poll = open_poll(cast, now)
    [row] = Outbox.objects.filter(kind="poll_opened")
    assert (row.to_email, row.status) == ("member@example.org", Status.PENDING)
    assert row.subject == "Answer the poll for Alpha by Sat 13 Jun"
    assert f"/polls/{poll.pk}/" in row.text
    assert row.unsubscribe_url in row.text


def test_a_member_who_turned_poll_mails_off_gets_none(now: datetime, cast: Cast):
    mail_unsubscribe(user=cast.member, kind="poll_opened")
    open_poll(cast, now)
    assert Outbox.objects.get(kind="poll_opened").status == Status.SKIPPED


def test_the_dashboard_asks_members_to_answer_until_they_have(now: datetime, cast: Cast):
    poll = open_poll(cast, now)
    client = cast.client_for(cast.member)
    body = page_text(client, reverse("dashboard"))
    assert "Answer the poll for Alpha by" in body
    assert reverse("poll_detail", args=[poll.pk]) in body
    answer_all(poll, cast.member)
    assert "Answer the poll for Alpha by" not in page_text(client, reverse("dashboard"))
    assert "Answer the poll for" not in page_text(cast.client_for(cast.other_member), "/")


def test_a_day_before_the_deadline_those_who_have_not_answered_are_reminded(
    now: datetime, cast: Cast
):
    poll = open_poll(cast, now)
    answer_all(poll, cast.organizer)
    assert polls_due(now + timedelta(days=1)) == 0
    assert polls_due(now + timedelta(days=2, minutes=1)) == 1
    assert polls_due(now + timedelta(days=2, minutes=2)) == 1  # counted, not created twice
    [row] = Outbox.objects.filter(kind="poll_reminder")
    assert row.to_email == "member@example.org"
    assert Outbox.objects.filter(kind="poll_reminder").count() == 1


def test_the_organizer_is_told_when_everyone_has_answered(now: datetime, cast: Cast):
    poll = open_poll(cast, now)
    answer_all(poll, cast.organizer)
    assert not Outbox.objects.filter(kind="poll_result").exists()
    answer_all(poll, cast.member)
    [row] = Outbox.objects.filter(kind="poll_result")
    assert (row.to_email, row.subject) == (
        "organizer@example.org",
        "Everyone answered your poll for Alpha",
    )


def test_the_deadline_closes_the_poll_and_tells_the_organizer(now: datetime, cast: Cast):
    poll = open_poll(cast, now)
    assert polls_due(now + timedelta(days=3)) == 1
    assert polls_due(now + timedelta(days=3, minutes=1)) == 0
    poll.refresh_from_db()
    assert poll.closed_at == now + timedelta(days=3)
    assert poll.is_open  # the organizer may still adopt a time
    [row] = Outbox.objects.filter(kind="poll_result")
    assert row.subject == "Your poll for Alpha has closed"
    with pytest.raises(ValidationError, match="deadline has passed"):
        answer_all(poll, cast.member)


def test_poll_times_show_in_the_viewers_own_zone_beside_the_groups(now: datetime, cast: Cast):
    poll = open_poll(cast, now)  # Wednesday 18:00 in the group's zone (UTC)
    cast.member.timezone = "Asia/Tokyo"
    cast.member.save(update_fields=["timezone"])
    url = reverse("poll_detail", args=[poll.pk])
    body = page_text(cast.client_for(cast.member), url)
    assert (
        'Wednesday 18:00</strong> <span class="muted">(Thursday 03:00 your time (Asia/Tokyo))'
        in body
    )
    assert "your time" not in page_text(cast.client_for(cast.organizer), url)


def test_a_closed_poll_shows_no_answer_form(now: datetime, cast: Cast):
    poll = open_poll(cast, now)
    polls_due(now + timedelta(days=3))
    body = page_text(cast.client_for(cast.member), reverse("poll_detail", args=[poll.pk]))
    assert "Answers closed on" in body
    assert "Save my answers" not in body
