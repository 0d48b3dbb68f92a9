"""Each role's dashboard leads with what that role does."""

from datetime import datetime, timedelta

from django.utils import timezone

from peercircle.meetings.actions.meeting import meeting_schedule
from tests.conftest import Cast, count_queries, make_meeting, page_text

NOT_IN_A_GROUP = b"You are not in a group yet"


def test_coordinator_in_no_group_is_led_to_their_programs(cast: Cast) -> None:
    html = page_text(cast.client_for(cast.coordinator), "/").encode()
    assert b"Programs you coordinate" in html and b"Test program" in html
    assert NOT_IN_A_GROUP not in html and b"Your groups" not in html


def test_site_admin_in_no_group_is_led_to_the_admin(cast: Cast) -> None:
    cast.outsider.is_staff = True
    cast.outsider.save(update_fields=["is_staff"])
    html = page_text(cast.client_for(cast.outsider), "/").encode()
    assert b"Site administration" in html and b'href="/admin/"' in html
    assert NOT_IN_A_GROUP not in html


def test_person_in_no_group_and_no_role_is_told_what_happens_next(cast: Cast) -> None:
    assert NOT_IN_A_GROUP in cast.client_for(cast.outsider).get("/").content


def test_member_sees_each_group_with_its_next_meeting_only(now: datetime, cast: Cast) -> None:
    make_meeting(cast.group, days=9)
    soonest = make_meeting(cast.group, days=2)
    past = timezone.now() - timedelta(days=3)
    meeting_schedule(
        group=cast.group, starts_at=past.replace(microsecond=0), host=None, allow_past=True
    )
    html = cast.client_for(cast.member).get("/").content.decode()
    assert html.count("Next meeting:") == 1
    assert f'/meetings/{soonest.pk}/"' in html


def test_dashboard_queries_do_not_grow_with_meetings(now: datetime, cast: Cast) -> None:
    make_meeting(cast.group, days=1)
    before = count_queries(cast.client_for(cast.member), "/")
    for day in range(2, 40):
        make_meeting(cast.group, days=day)
    assert count_queries(cast.client_for(cast.member), "/") == before


def test_host_reaches_the_run_page_of_their_next_meeting_from_the_dashboard(
    now: datetime, cast: Cast
) -> None:
    meeting = make_meeting(cast.group, days=1, host=cast.member)
    run_link = f'href="/meetings/{meeting.pk}/run/"'
    assert run_link in page_text(cast.client_for(cast.member), "/")
    assert run_link not in page_text(cast.client_for(cast.organizer), "/")


def test_a_meeting_under_way_stays_on_the_dashboard_until_it_ends(
    now: datetime, cast: Cast
) -> None:
    started = timezone.now().replace(microsecond=0) - timedelta(minutes=20)
    live = meeting_schedule(group=cast.group, starts_at=started, host=cast.member, allow_past=True)
    make_meeting(cast.group, days=3)
    html = cast.client_for(cast.member).get("/").content.decode()
    assert f'href="/meetings/{live.pk}/run/"' in html  # the host runs it from here
    assert f'href="/meetings/{live.pk}/"' in html


def test_group_page_lists_a_meeting_under_way_with_the_upcoming_ones(
    now: datetime, cast: Cast
) -> None:
    started = timezone.now().replace(microsecond=0) - timedelta(minutes=20)
    live = meeting_schedule(group=cast.group, starts_at=started, host=cast.member, allow_past=True)
    response = cast.client_for(cast.member).get(f"/groups/{cast.group.pk}/")
    assert [m.pk for m in response.context["upcoming"]] == [live.pk]
    assert live.pk not in [m.pk for m in response.context["past"]]
    assert "under way now" in response.content.decode()
