"""Found when the pages were tried as an attacker would: no 500s, nothing half-saved."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from peercircle.groups.actions.group import group_create, group_update
from peercircle.groups.models import Group
from peercircle.meetings.actions.meeting import meeting_schedule
from peercircle.meetings.models import Meeting
from tests.conftest import Cast

EDIT = {"name": "Alpha Circle", "cadence": "monthly", "meeting_place": "Café", "video_url": ""}


def test_two_tabs_editing_a_group_get_a_plain_message_not_a_silent_overwrite(cast: Cast) -> None:
    client = cast.client_for(cast.organizer)
    url = reverse("group_edit", args=[cast.group.pk])
    version = cast.group.version
    first = client.post(url, {**EDIT, "version": version})
    assert first.status_code == 302
    second = client.post(url, {**EDIT, "name": "Alpha Two", "version": version})
    assert second.status_code == 422
    assert "Someone else changed this group" in second.content.decode()
    cast.group.refresh_from_db()
    assert cast.group.name == "Alpha Circle" and cast.group.version == version + 1


def test_group_names_are_unique_ignoring_case_in_the_database(cast: Cast) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.create(program=cast.program, name="ALPHA")
    with pytest.raises(ValidationError, match="already called"):
        group_create(program_id=cast.program.pk, name="alpha")


def test_a_rename_that_loses_the_race_is_a_form_error(
    now: datetime, cast: Cast, monkeypatch
) -> None:
    # Both organizers passed the friendly check; the database index decides.
    monkeypatch.setattr("peercircle.groups.actions.group._check_name_free", lambda group: None)
    with pytest.raises(ValidationError, match="already called"):
        group_update(
            group=cast.other_group, name="ALPHA", cadence="monthly", meeting_place="", video_url=""
        )
    cast.other_group.refresh_from_db()
    assert cast.other_group.name == "Beta"


def test_a_double_click_on_schedule_is_a_form_error(now: datetime, cast: Cast, monkeypatch) -> None:
    starts = timezone.now().replace(microsecond=0) + timedelta(days=9)
    meeting_schedule(group=cast.group, starts_at=starts)
    # The second request raced past the clash check: the unique index answers.
    monkeypatch.setattr("peercircle.meetings.actions.meeting.check_no_clash", lambda meeting: None)
    with pytest.raises(ValidationError, match="already has a meeting at that time"):
        meeting_schedule(group=cast.group, starts_at=starts)
    assert Meeting.objects.count() == 1


NEW = {"duration_minutes": "90", "location": "Room 5", "host": ""}


@pytest.mark.parametrize(
    ("starts_at", "message"),
    [
        ("9999-12-31T23:59", "up to two years ahead"),
        ("2020-01-01T10:00", "already passed"),
        ("0001-01-01T00:00", "already passed"),
    ],
)
def test_meeting_times_outside_the_sane_window_are_refused(
    now: datetime, cast: Cast, starts_at: str, message: str
) -> None:
    client = cast.client_for(cast.organizer)
    response = client.post(
        reverse("meeting_new", args=[cast.group.pk]), {**NEW, "starts_at": starts_at}
    )
    assert response.status_code == 422 and message in response.content.decode()
    assert not Meeting.objects.exists()
    with pytest.raises(ValidationError):
        meeting_schedule(group=cast.group, starts_at=datetime(2020, 1, 1, tzinfo=UTC))


def test_scheduling_twice_at_the_same_time_says_which_meeting_clashes(
    now: datetime, cast: Cast
) -> None:
    client = cast.client_for(cast.organizer)
    when = (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT10:00")
    url = reverse("meeting_new", args=[cast.group.pk])
    assert client.post(url, {**NEW, "starts_at": when}).status_code == 302
    again = client.post(url, {**NEW, "starts_at": when})
    assert again.status_code == 422 and "overlaps the group" in again.content.decode()
    assert Meeting.objects.count() == 1


def test_pages_still_load_if_a_far_future_meeting_slipped_in_before_the_fix(
    now: datetime, cast: Cast
) -> None:
    Meeting.objects.create(group=cast.group, starts_at=datetime(9998, 12, 30, tzinfo=UTC))
    client = cast.client_for(cast.member)
    assert client.get("/").status_code == 200
    assert client.get(reverse("group_detail", args=[cast.group.pk])).status_code == 200
