"""The demo uses polls, schedules, hosts, RSVPs, invitations, feeds."""

import re
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from peercircle.accounts.models import User
from peercircle.groups.models import Invitation, Poll
from peercircle.meetings.models import Meeting, Rsvp, Schedule, Status


@pytest.fixture
def demo(now: datetime, db: None, settings) -> None:
    settings.DEBUG = True
    call_command("demo", stdout=StringIO())


def test_demo_groups_adopted_schedules_from_polls_and_one_poll_is_open(demo: None) -> None:
    assert Schedule.objects.count() == 3
    assert Poll.objects.filter(adopted_at__isnull=False).count() == 3
    assert Poll.objects.filter(adopted_at=None).count() == 1
    assert Meeting.objects.filter(original_starts_at__isnull=False).count() == 1
    assert Meeting.objects.filter(status=Status.CANCELLED).count() == 1
    assert Invitation.objects.filter(accepted_at=None, revoked_at=None).count() == 1
    assert Rsvp.objects.filter(meeting__status=Status.SCHEDULED).count() == 6
    upcoming = Meeting.objects.upcoming()
    assert not upcoming.filter(host__isnull=True).exists()


def test_a_demo_member_finds_the_feed_from_the_dashboard_and_it_needs_no_session(
    demo: None,
) -> None:
    luis = User.objects.get(email="luis.ortega@example.org")
    client = Client()
    client.force_login(luis)
    dashboard = client.get("/").content.decode()
    assert reverse("calendar_page") in dashboard
    page = client.get(reverse("calendar_page")).content.decode()
    match = re.search(r'value="http://127\.0\.0\.1:8000(/calendar/[^"]+\.ics)"', page)
    assert match is not None
    feed = Client().get(match.group(1))
    assert feed.status_code == 200
    uids = {str(e["UID"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")}
    mine = Meeting.objects.upcoming().filter(group__memberships__user=luis)
    assert mine.count() == 7
    assert {f"meeting-{m.pk}@127.0.0.1" for m in mine} <= uids
