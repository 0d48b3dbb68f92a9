"""The polled live state: an ETag from the run's version, 304 while nothing changed."""

from datetime import datetime, timedelta

import time_machine
from django.test import Client
from django.urls import reverse

from peercircle.meetings.actions.live import bump_revision
from peercircle.meetings.actions.run import run_control
from peercircle.meetings.models import Meeting, RunState
from peercircle.meetings.polling import PROJECTION_SECONDS
from tests.conftest import Cast, run_meeting_now


def poll(client: Client, meeting: Meeting, etag: str = "") -> tuple[int, str, bytes, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = {"If-None-Match": etag} if etag else {}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("meeting_run_state", args=[meeting.pk]), headers=headers)
    return response.status_code, response.get("ETag", ""), response.content, len(queries)


def test_an_unchanged_state_answers_304_without_a_body_and_skips_the_agenda(
    now: datetime, cast: Cast
) -> None:
    meeting = run_meeting_now(cast)
    client = cast.client_for(cast.member)
    status, etag, body, full_queries = poll(client, meeting)
    assert status == 200 and etag and b'"status": "running"' in body
    status, again, body, queries = poll(client, meeting, etag)
    assert (status, again, body) == (304, etag, b"")
    assert queries == full_queries - 1  # no agenda items read


def test_a_tap_of_the_host_changes_the_etag(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    client = cast.client_for(cast.member)
    _, etag, _, _ = poll(client, meeting)
    version = RunState.objects.get(meeting=meeting).version
    run_control(meeting=meeting, by=cast.organizer, command="pause", version=version)
    status, new, body, _ = poll(client, meeting, etag)
    assert status == 200 and new != etag and b'"status": "paused"' in body


def test_a_new_note_or_comment_revision_changes_the_etag(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    client = cast.client_for(cast.member)
    _, etag, _, _ = poll(client, meeting)
    bump_revision(meeting)
    assert poll(client, meeting, etag)[0] == 200


def test_a_running_clock_refreshes_the_projection_within_its_period(
    now: datetime, cast: Cast
) -> None:
    meeting = run_meeting_now(cast)
    client = cast.client_for(cast.member)
    _, etag, _, _ = poll(client, meeting)
    with time_machine.travel(now + timedelta(seconds=PROJECTION_SECONDS), tick=False):
        assert poll(client, meeting, etag)[0] == 200


def test_a_paused_clock_stays_304_as_time_passes(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    version = RunState.objects.get(meeting=meeting).version
    run_control(meeting=meeting, by=cast.organizer, command="pause", version=version)
    client = cast.client_for(cast.member)
    _, etag, _, _ = poll(client, meeting)
    with time_machine.travel(now + timedelta(minutes=5), tick=False):
        assert poll(client, meeting, etag)[0] == 304


def test_an_etag_does_not_let_an_outsider_in(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    _, etag, _, _ = poll(cast.client_for(cast.member), meeting)
    assert poll(cast.client_for(cast.outsider), meeting, etag)[0] == 404
    assert poll(Client(), meeting, etag)[0] == 302  # anonymous: to the login page
