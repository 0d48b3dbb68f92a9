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
    from django.core.cache import caches

    meeting = run_meeting_now(cast)
    client = cast.client_for(cast.member)
    status, etag, body, full_queries = poll(client, meeting)
    assert status == 200 and etag and b'"status": "running"' in body
    caches["versions"].clear()  # the database path, as on a site without Redis
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


# Without Redis (as in tests) the signed-in user is read from the database: the one query a
# poll answered from the cache makes.
SIGNED_IN_USER = 1


def test_an_unchanged_state_is_answered_from_the_cache_once_the_full_answer_is_kept(
    now: datetime, cast: Cast
) -> None:
    meeting = run_meeting_now(cast)
    client = cast.client_for(cast.member)
    _, etag, _, _ = poll(client, meeting)  # this process learns the meeting's group
    poll(client, meeting, etag)  # the full path keeps what it found
    status, again, body, queries = poll(client, meeting, etag)
    assert (status, again, body, queries) == (304, etag, b"", SIGNED_IN_USER)


def test_a_kept_answer_does_not_outlive_a_tap_of_the_host(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    client = cast.client_for(cast.member)
    _, etag, _, _ = poll(client, meeting)
    poll(client, meeting, etag)
    version = RunState.objects.get(meeting=meeting).version
    run_control(meeting=meeting, by=cast.organizer, command="pause", version=version)
    status, new, body, _ = poll(client, meeting, etag)
    assert status == 200 and new != etag and b'"status": "paused"' in body
    bump_revision(meeting)
    assert poll(client, meeting, new)[0] == 200


def test_a_member_removed_from_the_group_is_refused_at_the_next_poll(
    now: datetime, cast: Cast
) -> None:
    from peercircle.groups.models import Membership

    meeting = run_meeting_now(cast)
    client = cast.client_for(cast.member)
    _, etag, _, _ = poll(client, meeting)
    poll(client, meeting, etag)
    assert poll(client, meeting, etag)[3] == SIGNED_IN_USER  # from the cache now
    Membership.objects.get(group=meeting.group, user=cast.member).delete()
    assert poll(client, meeting, etag)[0] == 404


def test_one_members_kept_answer_lets_no_one_else_in(now: datetime, cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    member = cast.client_for(cast.member)
    _, etag, _, _ = poll(member, meeting)
    poll(member, meeting, etag)
    assert poll(member, meeting, etag)[3] == SIGNED_IN_USER
    assert poll(cast.client_for(cast.other_member), meeting, etag)[0] == 404
    assert poll(cast.client_for(cast.coordinator), meeting, etag)[0] == 403


def test_this_processs_copy_of_the_token_answers_for_half_a_second_then_redis_again(
    now: datetime, cast: Cast, settings, monkeypatch
) -> None:
    from peercircle.meetings import polling

    settings.LIVE_STATE_TOKEN_MS = 500
    clock = [100.0]
    monkeypatch.setattr(polling, "_clock", lambda: clock[0])
    meeting = run_meeting_now(cast)
    client = cast.client_for(cast.member)
    _, etag, _, _ = poll(client, meeting)
    poll(client, meeting, etag)
    assert poll(client, meeting, etag)[0] == 304
    version = RunState.objects.get(meeting=meeting).version
    run_control(meeting=meeting, by=cast.organizer, command="pause", version=version)
    clock[0] += 0.4
    assert poll(client, meeting, etag)[0] == 304  # within the half second: not seen yet
    clock[0] += 0.2
    status, new, body, _ = poll(client, meeting, etag)
    assert status == 200 and new != etag and b'"status": "paused"' in body
