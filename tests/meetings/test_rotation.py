"""Host rotation: fair over twelve meetings, with swaps and regrets."""

from collections import Counter
from datetime import datetime, time

from django.utils import timezone

from peercircle.groups.actions.membership import membership_add, membership_leave
from peercircle.groups.models import RecurrenceKind
from peercircle.meetings.actions.meeting import meeting_hosts_swap
from peercircle.meetings.actions.rsvp import rsvp_set
from peercircle.meetings.actions.schedule import schedule_set
from peercircle.meetings.models import RsvpAnswer
from peercircle.meetings.rotation import next_hosts, rotation_order
from tests.conftest import Cast, make_user


def test_whoever_hosted_most_recently_goes_to_the_back() -> None:
    assert rotation_order(["a", "b", "c", "d"], ["a", "b", None, "x"]) == ["c", "d", "a", "b"]
    assert next_hosts(["a", "b", "c"], ["c", "a"], 4) == ["b", "c", "a", "b"]
    assert next_hosts([], ["a"], 3) == []


def six_member_weekly_group(cast: Cast) -> None:
    for index in range(4):
        membership_add(group=cast.group, user=make_user(f"p{index}@example.org"))
    schedule_set(
        group=cast.group,
        kind=RecurrenceKind.WEEKLY,
        weekday=2,
        nth=1,
        rrule="",
        start_date=timezone.localdate(),
        start_time=time(18, 0),
        duration_minutes=90,
        zone="America/Chicago",
        place="",
    )


def test_rotation_is_fair_over_twelve_meetings_with_swaps_and_regrets(
    now: datetime, cast: Cast
) -> None:
    six_member_weekly_group(cast)
    meetings = list(cast.group.meetings.order_by("starts_at")[:12])
    first_six = [m.host_id for m in meetings[:6]]
    assert len(set(first_six)) == 6  # everyone hosts once before anyone hosts twice
    assert [m.host_id for m in meetings[6:12]] == first_six

    # Two members swap; the host of meeting 3 sends regrets and the next in line steps in.
    meeting_hosts_swap(meeting=meetings[0], other=meetings[4])
    regretful = meetings[2].host
    assert regretful is not None
    rsvp_set(meeting=meetings[2], user=regretful, answer=RsvpAnswer.NOT_GOING)
    hosts = [m.host_id for m in cast.group.meetings.order_by("starts_at")[:12]]
    assert hosts[2] not in (None, regretful.pk)
    assert hosts[3] == regretful.pk  # they take the next slot instead
    counts = Counter(hosts)
    assert len(counts) == 6 and set(counts.values()) == {2}


def test_a_host_who_is_also_declined_by_the_next_in_line_gets_the_one_after(
    now: datetime, cast: Cast
) -> None:
    six_member_weekly_group(cast)
    meetings = list(cast.group.meetings.order_by("starts_at")[:4])
    next_in_line = meetings[1].host
    rsvp_set(meeting=meetings[0], user=next_in_line, answer=RsvpAnswer.NOT_GOING)  # type: ignore[arg-type]
    host = meetings[0].host
    rsvp_set(meeting=meetings[0], user=host, answer=RsvpAnswer.NOT_GOING)  # type: ignore[arg-type]
    meetings[0].refresh_from_db()
    assert meetings[0].host_id == meetings[2].host_id  # the one after steps in
    assert meetings[0].host not in (host, next_in_line)


def test_a_member_who_leaves_hands_their_meetings_on(cast: Cast) -> None:
    six_member_weekly_group(cast)
    membership = cast.group.memberships.get(user=cast.member)
    membership_leave(membership=membership)
    assert not cast.group.meetings.upcoming().filter(host=cast.member).exists()
    assert not cast.group.meetings.upcoming().filter(host__isnull=True).exists()
