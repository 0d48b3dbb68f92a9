"""The group's picture of itself after several meetings: balance matrix, time, venting."""

from datetime import datetime, timedelta

from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from peercircle.meetings import queries
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.meeting import meeting_schedule
from peercircle.meetings.actions.records import comments_set
from peercircle.meetings.actions.run import run_control, run_start
from peercircle.meetings.models import ItemKind, RunState
from tests.conftest import Cast, access_for, count_queries


def hold_meeting(cast: Cast, days_ago: int, *, venting: bool, comment: bool) -> None:
    meeting = meeting_schedule(
        group=cast.group,
        starts_at=timezone.now() - timedelta(days=days_ago, minutes=-1),
        allow_past=True,
    )
    # Stored in the past (so the meetings have an order) but run as if starting now.
    meeting.starts_at = timezone.now() - timedelta(minutes=1)
    response = "venting" if venting else "feedback"
    checkin_save(meeting=meeting, user=cast.member, response=response, minutes=20)
    checkin_save(meeting=meeting, user=cast.organizer, response="feedback", minutes=5)
    run = run_start(
        access=access_for(cast.organizer, meeting), present={cast.organizer.pk, cast.member.pk}
    )
    slot = meeting.agenda_items.get(kind=ItemKind.SLOT, presenter=cast.member)
    if comment:
        comments_set(item=slot, by=cast.member, commenters={cast.organizer.pk})
    now = timezone.now()
    for item in meeting.agenda_items.all():
        now += timedelta(minutes=item.planned_minutes)
        run = run_control(
            meeting=meeting, by=cast.organizer, command="next", version=run.version, now=now
        )
    assert RunState.objects.get(meeting=meeting).status == "finished"


def test_balance_matrix_after_several_meetings(cast: Cast) -> None:
    for days_ago, comment in ((30, True), (20, True), (10, False)):
        hold_meeting(cast, days_ago, venting=False, comment=comment)
    insights = queries.group_insights(cast.group, cast.organizer)
    people = [u.pk for u in insights.people]
    organizer, member = people.index(cast.organizer.pk), people.index(cast.member.pk)
    assert insights.meetings == 3
    assert insights.matrix[organizer][member] == 2  # commented on the member's slot twice
    assert insights.matrix[member][organizer] == 0
    shares = dict((u.pk, s) for u, s in insights.shares)
    assert shares[cast.member.pk] > shares[cast.organizer.pk] > 0
    assert not insights.venting_note
    # The member never commented on the organizer's slot in the last three meetings.
    member_view = queries.group_insights(cast.group, cast.member)
    assert [u.pk for u in member_view.nudges] == [cast.organizer.pk]


def test_group_page_draws_the_matrix_with_a_table_and_no_extra_queries(cast: Cast) -> None:
    hold_meeting(cast, 30, venting=False, comment=True)
    client = cast.client_for(cast.member)
    url = reverse("group_detail", args=[cast.group.pk])
    page = client.get(url).content.decode()
    assert "chart-heatmap" in page and "chart-bars" in page
    assert "<caption>Meetings in which each member (row) commented" in page
    caches["versions"].clear()  # both counts render the page: the second follows writes
    before = count_queries(client, url)
    hold_meeting(cast, 20, venting=False, comment=True)
    hold_meeting(cast, 10, venting=False, comment=False)
    assert count_queries(client, url) == before


def test_venting_over_a_quarter_of_the_time_is_said_kindly(cast: Cast) -> None:
    for days_ago in (30, 20, 10):
        hold_meeting(cast, days_ago, venting=True, comment=False)
    assert queries.group_insights(cast.group, cast.member).venting_note
    page = cast.client_for(cast.member).get(reverse("group_detail", args=[cast.group.pk]))
    assert b"Venting is welcome" in page.content


def test_attendance_is_prefilled_with_everyone_but_those_who_said_not_going(
    now: datetime, cast: Cast
) -> None:
    from peercircle.meetings.actions.rsvp import rsvp_set
    from peercircle.meetings.queries import attendance_prefill
    from tests.conftest import make_meeting

    meeting = make_meeting(cast.group, days=2)
    assert attendance_prefill(meeting) == {cast.organizer.pk, cast.member.pk}
    rsvp_set(meeting=meeting, user=cast.member, answer="not_going", note="")
    assert attendance_prefill(meeting) == {cast.organizer.pk}
