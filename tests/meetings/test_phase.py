"""A meeting's phase: one rule (`meeting_phase`), read the same way by the model, the
querysets, the dashboard, the group page and the meeting page.

The copies this replaced disagreed when a host started early or finished early: the
dashboard and the group page went by the clock alone.
"""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from peercircle.groups.actions.group import group_create
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.models import Role
from peercircle.meetings.actions.meeting import meeting_cancel, meeting_schedule
from peercircle.meetings.actions.run import run_control, run_start
from peercircle.meetings.models import Meeting, Phase, Status
from tests.conftest import Cast, access_for, page_text


def at(now: datetime, minutes: int) -> datetime:
    return now + timedelta(minutes=minutes)


def start_run(cast: Cast, meeting: Meeting) -> int:
    run = run_start(access=access_for(cast.organizer, meeting), present={cast.organizer.pk})
    return run.version


@pytest.fixture
def meetings(now: datetime, cast: Cast) -> dict[str, Meeting]:
    """One meeting in each situation at the fixed clock, each in a group of its own (a
    group's meetings never overlap), all organized by the cast's organizer."""

    def make(minutes: int, duration: int = 90) -> Meeting:
        group = group_create(program_id=cast.program.pk, name=f"Group at {minutes}")
        membership_add(group=group, user=cast.organizer, role=Role.ORGANIZER)
        return meeting_schedule(
            group=group,
            starts_at=at(now, minutes),
            duration_minutes=duration,
            host=cast.organizer,
            allow_past=True,
        )

    found = {
        "ahead": make(60 * 24),
        "starting_now": make(0),
        "by_the_clock": make(-30),
        "over_by_the_clock": make(-200),
        "started_early": make(45),
        "finished_early": make(-20),
        "cancelled": make(60 * 48),
        "ended_a_second_ago": make(-91, duration=91),
    }
    start_run(cast, found["started_early"])
    version = start_run(cast, found["finished_early"])
    run_control(
        meeting=found["finished_early"], by=cast.organizer, command="finish", version=version
    )
    meeting_cancel(meeting=found["cancelled"], notify=False)
    return {name: Meeting.objects.get(pk=m.pk) for name, m in found.items()}


EXPECTED = {
    "ahead": Phase.UPCOMING,
    "starting_now": Phase.UNDER_WAY,
    "by_the_clock": Phase.UNDER_WAY,
    "over_by_the_clock": Phase.FINISHED,
    "started_early": Phase.UNDER_WAY,
    "finished_early": Phase.FINISHED,
    "cancelled": Phase.CANCELLED,
    "ended_a_second_ago": Phase.FINISHED,
}


def test_each_meeting_has_the_phase_its_host_and_the_clock_give_it(
    now: datetime, meetings: dict[str, Meeting]
) -> None:
    assert {name: m.phase() for name, m in meetings.items()} == EXPECTED


def test_the_querysets_find_exactly_the_meetings_the_model_puts_in_each_phase(
    now: datetime, meetings: dict[str, Meeting]
) -> None:
    names = {m.pk: name for name, m in meetings.items()}

    def found(queryset: object) -> set[str]:
        return {names[m.pk] for m in queryset}  # type: ignore[attr-defined]

    upcoming = {n for n, p in EXPECTED.items() if p == Phase.UPCOMING}
    under_way = {n for n, p in EXPECTED.items() if p == Phase.UNDER_WAY}
    assert found(Meeting.objects.upcoming()) == upcoming
    assert found(Meeting.objects.under_way()) == under_way
    assert found(Meeting.objects.ahead()) == upcoming | under_way
    assert [names[m.pk] for m in Meeting.objects.ahead()] == [
        "by_the_clock",
        "starting_now",
        "started_early",
        "ahead",
    ]


def test_a_meeting_the_host_started_early_is_under_way_on_every_page(
    now: datetime, cast: Cast
) -> None:
    meeting = meeting_schedule(group=cast.group, starts_at=at(now, 45), host=cast.organizer)
    start_run(cast, meeting)
    client = cast.client_for(cast.member)
    assert "Under way now" in page_text(client, reverse("dashboard"))
    assert "under way now" in page_text(client, reverse("group_detail", args=[cast.group.pk]))
    assert "Under way now" in page_text(client, reverse("meeting_detail", args=[meeting.pk]))


def test_a_meeting_finished_early_leaves_the_dashboard_for_the_next_one(
    now: datetime, cast: Cast
) -> None:
    meeting = meeting_schedule(
        group=cast.group, starts_at=at(now, -20), host=cast.organizer, allow_past=True
    )
    following = meeting_schedule(group=cast.group, starts_at=at(now, 60 * 24 * 28))
    version = start_run(cast, meeting)
    run_control(meeting=meeting, by=cast.organizer, command="finish", version=version)
    assert Meeting.objects.get(pk=meeting.pk).status == Status.HELD
    client = cast.client_for(cast.member)
    dashboard = page_text(client, reverse("dashboard"))
    assert "Under way now" not in dashboard
    assert reverse("meeting_detail", args=[following.pk]) in dashboard
    group_page = page_text(client, reverse("group_detail", args=[cast.group.pk]))
    assert "under way now" not in group_page
    detail = page_text(client, reverse("meeting_detail", args=[meeting.pk]))
    assert "<dd>Held</dd>" in detail
