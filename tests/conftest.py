"""The fixed cast every test uses: a coordinator, two members of one group (one organizes),
a member of another group in the same program, and an outsider."""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from hypothesis import settings as hypothesis_settings

from peercircle.accounts.actions import user_create
from peercircle.accounts.models import User
from peercircle.groups.actions.group import group_create
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.models import Group, Role
from peercircle.meetings.access import MeetingAccess, get_meeting_for_user
from peercircle.meetings.actions.meeting import meeting_schedule
from peercircle.meetings.models import Meeting
from peercircle.programs.actions.program import program_create
from peercircle.programs.models import Program

PASSWORD = "a-long-test-password"

# The instant the `now` fixture pins the clock to: a Wednesday morning in mid-June, weeks
# from a month end and months from a DST change in Europe or America, so "in three days"
# or "this month" never straddles a boundary unless a test travels there on purpose.
NOW = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)

# Property tests take their example count from the profile: CI (env CI set) runs fewer, the
# same examples every run, with no deadline that a busy runner could miss.
hypothesis_settings.register_profile("dev", max_examples=200, deadline=None)
hypothesis_settings.register_profile(
    "ci", max_examples=50, deadline=None, derandomize=True, database=None
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def fresh_page_parts() -> Iterator[None]:
    """Versions and cached page parts start empty: ids come back after a rollback, and a part
    cached for another test's group 1 must not show in this one's."""
    from django.core.cache import caches

    from peercircle.groups import access as group_access
    from peercircle.meetings import access as meeting_access
    from peercircle.meetings import polling

    caches["versions"].clear()
    group_access.forget_programs_of_groups()
    meeting_access.forget_groups_of_meetings()
    polling.forget_here()
    yield


@pytest.fixture(autouse=True)
def site_language() -> Iterator[None]:
    """Each test starts and ends in the site's language: a request in Spanish leaves Spanish
    active in this thread (Django activates a request's language and never deactivates it)."""
    translation.activate("en")
    yield
    translation.activate("en")


# The permission checklist for a group's content, as (member of the cast, expected status).
# Outsiders learn nothing (404); the program's coordinator is told no (403).
GROUP_READ = [
    ("organizer", 200),
    ("member", 200),
    ("other_member", 404),
    ("coordinator", 403),
    ("outsider", 404),
]
# Changing it: organizers succeed and are redirected; plain members are refused.
GROUP_WRITE = [
    ("organizer", 302),
    ("member", 403),
    ("other_member", 404),
    ("coordinator", 403),
    ("outsider", 404),
]


@pytest.fixture
def now() -> Iterator[datetime]:
    """The clock stands still at NOW for the whole test (and for a live server's thread).

    Request it before `cast` and other data fixtures so their rows are made at NOW too.
    A test that needs time to pass moves it with `time_machine.travel(now + ...)`."""
    with time_machine.travel(NOW, tick=False):
        yield NOW


def make_user(email: str, **profile: str) -> User:
    return user_create(email=email, password=PASSWORD, email_verified=True, **profile)


def count_queries(client: Client, url: str, *, cached: bool = False) -> int:
    """How many queries one successful GET of `url` makes with nothing cached (as on the
    first view after a write, and on a site without Redis): the count a page must keep flat.
    `cached`: with what earlier requests left in the versions cache."""
    from django.core.cache import caches

    if not cached:
        caches["versions"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def page_text(client: Client, url: str) -> str:
    """The body of a GET that succeeded: text missing from an error page proves nothing."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def make_meeting(group: Group, *, days: int, host: User | None = None) -> Meeting:
    starts_at = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return meeting_schedule(group=group, starts_at=starts_at, host=host, allow_past=days <= 0)


@dataclass
class Cast:
    coordinator: User
    organizer: User
    member: User
    other_member: User
    outsider: User
    program: Program
    group: Group
    other_group: Group

    def client_for(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def cast(db: None) -> Cast:
    coordinator = make_user("coordinator@example.org", display_name="Cora Coordinator")
    organizer = make_user("organizer@example.org", display_name="Olu Organizer")
    member = make_user("member@example.org", display_name="Mina Member")
    other_member = make_user("other@example.org", display_name="Otto Other")
    outsider = make_user("outsider@example.org", display_name="Oona Outsider")
    program = program_create(name="Test program", coordinators=[coordinator])
    group = group_create(program_id=program.pk, name="Alpha", meeting_place="Room 101")
    other_group = group_create(program_id=program.pk, name="Beta")
    membership_add(group=group, user=organizer, role=Role.ORGANIZER)
    membership_add(group=group, user=member)
    membership_add(group=other_group, user=other_member, role=Role.ORGANIZER)
    return Cast(coordinator, organizer, member, other_member, outsider, program, group, other_group)


def aware(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


def load_demo() -> None:
    """The demo data, as `make demo` loads it (the command refuses to run with DEBUG off)."""
    with override_settings(DEBUG=True):
        call_command("demo", stdout=StringIO())


# --- a meeting run through the actions ---


def run_meeting_now(cast: Cast, *, host: User | None = None) -> Meeting:
    """A meeting of cast.group that started a minute ago, checked into and started by `host`."""
    from peercircle.meetings.actions.checkin import checkin_save
    from peercircle.meetings.actions.run import run_start

    host = host or cast.organizer
    meeting = meeting_schedule(
        group=cast.group,
        starts_at=timezone.now() - timedelta(minutes=1),
        host=host,
        allow_past=True,
    )
    checkin_save(
        meeting=meeting, user=cast.organizer, response="feedback", minutes=10, topic="Topic-O"
    )
    checkin_save(meeting=meeting, user=cast.member, response="support", minutes=15, topic="Topic-M")
    run_start(access=access_for(host, meeting), present={cast.organizer.pk, cast.member.pk})
    return meeting


def access_for(user: User, meeting: Meeting) -> MeetingAccess:
    """What a meeting view's funnel hands its actions: the meeting and the caller's standing."""
    return get_meeting_for_user(user, meeting.pk)
