"""The program dashboard is one part shared by the program's coordinators (issue 23): a
write in any of its groups, and the clock, make it new; the access funnel still runs."""

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peercircle.groups.actions.group import group_create
from peercircle.meetings.actions.meeting import meeting_mark_held, meeting_schedule
from peercircle.programs.access import get_program_for_user
from peercircle.programs.actions.program import program_update
from tests.conftest import Cast, make_meeting, page_text


def figure(html: str, label: str) -> str:
    found = re.search(rf"<dt>{re.escape(label)}</dt><dd>(\d+)", html)
    assert found, label
    return found.group(1)


def overview(cast: Cast) -> str:
    return page_text(
        cast.client_for(cast.coordinator), reverse("program_detail", args=[cast.program.pk])
    )


def test_a_meeting_held_in_any_group_and_a_new_group_move_the_figures(
    now: datetime, cast: Cast
) -> None:
    meeting = make_meeting(cast.group, days=-1)
    assert figure(overview(cast), "Meetings held") == "0"
    meeting_mark_held(meeting=meeting)
    html = overview(cast)
    assert figure(html, "Meetings held") == "1" and figure(html, "Groups") == "2"
    group_create(program_id=cast.program.pk, name="Gamma")
    html = overview(cast)
    assert figure(html, "Groups") == "3" and "Gamma" in html


def test_the_next_meeting_column_moves_on_when_the_meeting_starts(
    now: datetime, cast: Cast
) -> None:
    # Within the day: only the start itself can make the kept part new.
    first = meeting_schedule(group=cast.group, starts_at=now + timedelta(hours=2), host=None)
    second = make_meeting(cast.group, days=3)
    assert f'datetime="{first.starts_at.isoformat()}"' in overview(cast)
    with time_machine.travel(first.starts_at + timedelta(minutes=1), tick=False):
        html = overview(cast)
    assert f'datetime="{second.starts_at.isoformat()}"' in html
    assert f'datetime="{first.starts_at.isoformat()}"' not in html


def test_a_held_meeting_leaves_the_window_at_its_hour(now: datetime, cast: Cast) -> None:
    starts_at = now - timedelta(days=90, hours=-2)
    meeting = meeting_schedule(group=cast.group, starts_at=starts_at, host=None, allow_past=True)
    meeting_mark_held(meeting=meeting)
    assert figure(overview(cast), "Groups that met in the last 90 days") == "1"
    with time_machine.travel(now + timedelta(hours=2, seconds=1), tick=False):
        assert figure(overview(cast), "Groups that met in the last 90 days") == "0"


def test_the_sign_up_link_shows_when_sign_up_opens(now: datetime, cast: Cast) -> None:
    access = get_program_for_user(cast.coordinator, cast.program.pk)
    opens = now + timedelta(hours=2)
    program_update(
        access=access,
        coordinators={cast.coordinator},
        signup_opens=opens,
        signup_closes=opens + timedelta(days=7),
    )
    assert "Sign-up opens on" in overview(cast)
    with time_machine.travel(opens + timedelta(seconds=1), tick=False):
        assert "Sign-up is open until" in overview(cast)


def test_a_second_visit_runs_only_the_access_check(now: datetime, cast: Cast) -> None:
    url = reverse("program_detail", args=[cast.program.pk])
    client = cast.client_for(cast.coordinator)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) <= 2  # the person (where no cache keeps them), the funnel


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("outsider", 404)])
def test_with_the_part_kept_others_are_still_refused(
    now: datetime, cast: Cast, who: str, status: int
) -> None:
    url = reverse("program_detail", args=[cast.program.pk])
    overview(cast)
    assert cast.client_for(getattr(cast, who)).get(url).status_code == status
