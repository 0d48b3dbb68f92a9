"""Ten requests at once, from one or two people: no 500, no duplicate row, no lost update.

Only PostgreSQL runs requests truly at once (SQLite takes one writer at a time), so these
tests skip on SQLite: run them with DATABASE_URL=postgres://... Each posts ten requests
from threads that start together, each thread with its own client and connection.
"""

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.goals.models import Goal
from peercircle.groups.models import Invitation, Membership, PollAnswer
from peercircle.groups.queries import current_agreement
from peercircle.lib import tokens
from peercircle.meetings.models import Attendance, CheckIn, Meeting, Rsvp, RunState
from peercircle.programs.models import FormationRun, RunStatus
from tests.conftest import Cast, make_meeting, make_user, run_meeting_now

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent requests need PostgreSQL"
    ),
]
AT_ONCE = 10
TRIED = {"requests": 0, "5xx": 0}


def at_once(posts: list[tuple[User, str, dict[str, Any]]]) -> list[int]:
    """Post every (user, url, data) from its own thread, all released together; statuses."""
    clients = []
    for user, _, _ in posts:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    start = threading.Barrier(len(posts))
    statuses = [0] * len(posts)

    def send(index: int) -> None:
        _, url, data = posts[index]
        try:
            start.wait()
            statuses[index] = clients[index].post(url, data).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    TRIED["requests"] += len(statuses)
    TRIED["5xx"] += sum(status >= 500 for status in statuses)
    assert all(status < 500 for status in statuses), statuses
    return statuses


def ten(user: User, url: str, data: dict[str, Any]) -> list[tuple[User, str, dict[str, Any]]]:
    return [(user, url, data)] * AT_ONCE


def test_joining_by_invitation_ten_times_at_once_joins_once(cast: Cast) -> None:
    newcomer = make_user("newcomer@example.org")
    token, token_hash = tokens.new_token()
    Invitation.objects.create(
        group=cast.group,
        email=newcomer.email,
        token_hash=token_hash,
        invited_by=cast.organizer,
        expires_at=timezone.now() + timedelta(days=7),
    )
    agreement = current_agreement(cast.group.pk)
    data = {"agreement_version": str(agreement.version)} if agreement else {}
    at_once(ten(newcomer, reverse("invitation_join", args=[token]), data))
    assert Membership.objects.filter(group=cast.group, user=newcomer).count() == 1


def test_rsvp_and_check_in_ten_times_at_once_keep_one_row_each(cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=2)
    rsvp = reverse("meeting_rsvp", args=[meeting.pk])
    checkin = reverse("meeting_checkin", args=[meeting.pk])
    answers = ["going", "maybe"] * (AT_ONCE // 2)
    at_once([(cast.member, rsvp, {"answer": answer}) for answer in answers])
    assert Rsvp.objects.filter(meeting=meeting, user=cast.member).count() == 1
    data = {"response": "feedback", "minutes": "10", "topic": "One topic"}
    at_once(ten(cast.member, checkin, data))
    assert CheckIn.objects.filter(meeting=meeting, user=cast.member).count() == 1


def test_a_poll_answered_ten_times_at_once_counts_once(cast: Cast) -> None:
    from tests.groups.test_polls import make_poll

    poll = make_poll(cast)
    options = list(poll.options.values_list("pk", flat=True))
    data = {f"option_{pk}": "yes" for pk in options}
    at_once(ten(cast.member, reverse("poll_detail", args=[poll.pk]), data))
    assert PollAnswer.objects.filter(option__poll=poll, user=cast.member).count() == len(options)


def test_goals_created_at_once_are_each_there_once(cast: Cast) -> None:
    url = reverse("goal_new", args=[cast.group.pk])
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    posts = [
        (cast.member, url, {"text": f"Write section {n} of the paper by Friday", "due_on": due})
        for n in range(AT_ONCE)
    ]
    statuses = at_once(posts)
    created = Goal.objects.filter(owner=cast.member, group=cast.group)
    assert created.count() == statuses.count(302)  # every goal answered as saved is there
    assert len(set(created.values_list("text", flat=True))) == created.count()


def test_the_same_goal_saved_at_once_is_there_once(cast: Cast) -> None:
    url = reverse("goal_new", args=[cast.group.pk])
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    data = {"text": "Write the methods section of the paper by Friday", "due_on": due}
    statuses = at_once(ten(cast.member, url, data))
    assert Goal.objects.filter(owner=cast.member, group=cast.group).count() == 1
    assert statuses.count(302) == 1  # the others are told it is already set


def test_host_and_organizer_starting_at_once_start_it_once(cast: Cast) -> None:
    host = cast.member
    meeting = make_meeting(cast.group, days=0, host=host)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    url = reverse("meeting_run_begin", args=[meeting.pk])
    present = {"present": [str(cast.member.pk), str(cast.organizer.pk)]}
    at_once([(host, url, present), (cast.organizer, url, present)] * (AT_ONCE // 2))
    assert RunState.objects.filter(meeting=meeting).count() == 1
    assert Attendance.objects.filter(meeting=meeting).count() == 2


def test_next_and_pause_from_two_people_at_once_move_once(cast: Cast) -> None:
    meeting = run_meeting_now(cast, host=cast.organizer)
    run = RunState.objects.get(meeting=meeting)
    url = reverse("meeting_run_control", args=[meeting.pk])
    taps = [
        (cast.organizer, url, {"command": "next", "version": str(run.version)}),
        (cast.organizer, url, {"command": "pause", "version": str(run.version)}),
    ] * (AT_ONCE // 2)
    at_once(taps)
    # One tap went through; the others saw a stale version and changed nothing.
    after = RunState.objects.get(meeting=meeting)
    assert after.version == run.version + 1


def test_publishing_at_once_publishes_once(cast: Cast) -> None:
    from tests.programs.conftest import formed, make_signups, publish_data

    make_signups(cast.program, 12, slots=["Weekday lunch"])
    run = formed(cast.program, cast.coordinator)
    url = reverse("formation_publish", args=[cast.program.pk])
    at_once(ten(cast.coordinator, url, publish_data(run)))
    assert FormationRun.objects.get(pk=run.pk).status == RunStatus.PUBLISHED
    assert cast.program.groups.filter(name__startswith="Weekday lunch group").count() == 2
