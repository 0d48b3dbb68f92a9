from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from peercircle.meetings.actions.meeting import meeting_mark_held, meeting_schedule
from peercircle.meetings.models import Meeting, Status
from tests.conftest import Cast, aware, make_meeting

# Meetings are planned up to two years ahead: the tests use next year's dates.
NEXT_YEAR = 2027  # the year after the `now` fixture's 2026


def test_naive_datetimes_are_refused(now: datetime, cast: Cast) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        meeting_schedule(group=cast.group, starts_at=datetime(NEXT_YEAR, 1, 1, 9))  # noqa: DTZ001


def test_host_must_belong_to_the_group(now: datetime, cast: Cast) -> None:
    with pytest.raises(ValidationError):
        meeting_schedule(group=cast.group, starts_at=aware(NEXT_YEAR, 1, 1), host=cast.other_member)
    assert not Meeting.objects.exists()


def test_location_defaults_to_the_groups_place(now: datetime, cast: Cast) -> None:
    meeting = meeting_schedule(group=cast.group, starts_at=aware(NEXT_YEAR, 1, 1))
    assert meeting.location == "Room 101"


def test_two_meetings_cannot_start_at_the_same_time(now: datetime, cast: Cast) -> None:
    meeting_schedule(group=cast.group, starts_at=aware(NEXT_YEAR, 1, 1))
    with pytest.raises(ValidationError):
        meeting_schedule(group=cast.group, starts_at=aware(NEXT_YEAR, 1, 1))


def test_only_started_meetings_can_be_marked_held(now: datetime, cast: Cast) -> None:
    with pytest.raises(ValidationError):
        meeting_mark_held(meeting=make_meeting(cast.group, days=1))
    past = meeting_mark_held(meeting=make_meeting(cast.group, days=-1))
    past.refresh_from_db()
    assert past.status == Status.HELD


def test_upcoming_and_past_querysets(now: datetime, cast: Cast) -> None:
    old = make_meeting(cast.group, days=-3)
    soon = make_meeting(cast.group, days=3)
    assert list(Meeting.objects.upcoming()) == [soon]
    assert list(Meeting.objects.past()) == [old]
