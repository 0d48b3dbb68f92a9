"""The dashboard is cached per person (issue 23): every write it shows, and the clock, make
it new; nobody sees another person's."""

from datetime import date, datetime, time, timedelta

import time_machine
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peercircle.groups.actions.group import group_update
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.actions.polls import TimeChoice, poll_create
from peercircle.meetings.actions.meeting import meeting_cancel, meeting_schedule
from peercircle.programs.access import get_program_for_user
from peercircle.programs.actions.coordinator import coordinator_grant
from peercircle.programs.actions.program import program_update
from peercircle.programs.models import Survey, Term
from peercircle.programs.survey.items import CONSTRUCT_KEYS
from tests.conftest import Cast, make_meeting, page_text


def dashboard(cast: Cast, who: str) -> str:
    return page_text(cast.client_for(getattr(cast, who)), "/")


def test_a_meeting_scheduled_after_a_visit_shows_on_the_next_one(now: datetime, cast: Cast) -> None:
    assert "No meeting scheduled yet." in dashboard(cast, "member")
    meeting = make_meeting(cast.group, days=2)
    assert f'/meetings/{meeting.pk}/"' in dashboard(cast, "member")
    meeting_cancel(meeting=meeting, notify=False)
    assert f'/meetings/{meeting.pk}/"' not in dashboard(cast, "member")


def test_a_group_renamed_by_its_organizer_is_renamed_on_each_members_dashboard(
    now: datetime, cast: Cast
) -> None:
    assert "Alpha" in dashboard(cast, "member")
    group_update(
        group=cast.group,
        name="Alpha Renamed",
        cadence=cast.group.cadence,
        meeting_place="",
        video_url="",
    )
    assert "Alpha Renamed" in dashboard(cast, "member")
    assert "Alpha Renamed" in dashboard(cast, "organizer")


def test_a_repeated_visit_reads_nothing_and_each_person_sees_their_own(
    now: datetime, cast: Cast
) -> None:
    make_meeting(cast.group, days=2)
    client = cast.client_for(cast.member)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert len(queries) <= 1  # the person, where no cache keeps them
    mine, theirs = dashboard(cast, "member"), dashboard(cast, "other_member")
    assert "Hello, Mina" in mine and "Beta" not in mine
    assert "Hello, Mina" not in theirs and "Alpha" not in theirs and "Beta" in theirs


def test_joining_a_group_adds_it(now: datetime, cast: Cast) -> None:
    assert "Beta" not in dashboard(cast, "member")
    membership_add(group=cast.other_group, user=cast.member)
    assert "Beta" in dashboard(cast, "member")


def test_the_next_meeting_is_under_way_at_its_start_and_gives_way_at_its_end(
    now: datetime, cast: Cast
) -> None:
    # Within the day: only the start and the end themselves can make the kept part new.
    first = meeting_schedule(group=cast.group, starts_at=now + timedelta(hours=2), host=None)
    second = make_meeting(cast.group, days=3)
    html = dashboard(cast, "member")
    assert f'/meetings/{first.pk}/"' in html and "Under way now" not in html
    with time_machine.travel(first.starts_at + timedelta(minutes=5), tick=False):
        html = dashboard(cast, "member")
        assert f'/meetings/{first.pk}/"' in html and "Under way now" in html
    with time_machine.travel(first.ends_at + timedelta(seconds=1), tick=False):
        html = dashboard(cast, "member")
        assert f'/meetings/{second.pk}/"' in html and f'/meetings/{first.pk}/"' not in html


def test_a_poll_leaves_the_dashboard_at_its_deadline(now: datetime, cast: Cast) -> None:
    deadline = timezone.now() + timedelta(hours=3)
    poll_create(
        group=cast.group,
        author=cast.organizer,
        deadline=deadline,
        times=[TimeChoice(weekday=1, at=time(12))],
    )
    assert "Polls waiting for you" in dashboard(cast, "member")
    with time_machine.travel(deadline + timedelta(seconds=1), tick=False):
        assert "Polls waiting for you" not in dashboard(cast, "member")


def test_a_person_made_coordinator_finds_the_program_on_their_dashboard(
    now: datetime, cast: Cast
) -> None:
    assert "Programs you coordinate" not in dashboard(cast, "organizer")
    access = get_program_for_user(cast.coordinator, cast.program.pk)
    program_update(access=access, coordinators={cast.coordinator, cast.organizer})
    assert "Programs you coordinate" in dashboard(cast, "organizer")
    program_update(access=access, coordinators={cast.coordinator})
    assert "Programs you coordinate" not in dashboard(cast, "organizer")


def test_the_right_to_start_programs_shows_once_given_and_goes_once_taken(
    now: datetime, cast: Cast
) -> None:
    assert "Start a program" not in dashboard(cast, "member")
    coordinator_grant(user=cast.member)
    assert "Start a program" in dashboard(cast, "member")
    permission = Permission.objects.get(codename="add_program")
    cast.member.user_permissions.remove(permission)  # as the admin does
    assert "Start a program" not in dashboard(cast, "member")


def test_a_survey_shows_once_opened_and_leaves_when_it_closes(now: datetime, cast: Cast) -> None:
    assert "End-of-term survey" not in dashboard(cast, "member")
    term = Term.objects.create(
        program=cast.program, name="Spring", starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30)
    )
    closes = now + timedelta(hours=3)
    Survey.objects.create(term=term, constructs=list(CONSTRUCT_KEYS), closes_at=closes)
    assert "End-of-term survey" in dashboard(cast, "member")
    with time_machine.travel(closes + timedelta(seconds=1), tick=False):
        assert "End-of-term survey" not in dashboard(cast, "member")
