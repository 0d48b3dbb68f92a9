"""The group page and the poll page come from cached parts (lib/versions.py): a write shows
on the next read by anyone, the clock moves the page on its own, and what one viewer sees
of their own (their agreement note, their nudge, their answers, an organizer's tools)
never shows to another."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from peercircle.accounts.actions import profile_update
from peercircle.groups.actions.agreement import agreement_accept, agreement_new
from peercircle.groups.actions.invitations import invitation_send
from peercircle.groups.models import Poll
from peercircle.groups.queries import current_agreement
from tests.conftest import GROUP_READ, Cast, make_meeting, page_text
from tests.groups.test_polls import answers_for, make_poll
from tests.meetings.test_insights import hold_meeting


def group_url(cast: Cast) -> str:
    return reverse("group_detail", args=[cast.group.pk])


def poll_url(poll: Poll) -> str:
    return reverse("poll_detail", args=[poll.pk])


def test_an_edit_by_the_organizer_shows_to_a_member_who_read_the_page_before(
    cast: Cast,
) -> None:
    member = cast.client_for(cast.member)
    assert "Room 101" in page_text(member, group_url(cast))
    edit = reverse("group_edit", args=[cast.group.pk])
    data = {"name": "Alpha", "cadence": "monthly", "meeting_place": "Room 202", "video_url": ""}
    assert cast.client_for(cast.organizer).post(edit, data).status_code == 302
    assert "Room 202" in page_text(member, group_url(cast))


def test_a_member_renaming_themselves_shows_on_the_group_page(cast: Cast) -> None:
    organizer = cast.client_for(cast.organizer)
    assert "Mina Member" in page_text(organizer, group_url(cast))
    user = cast.member
    profile_update(
        user=user,
        display_name="Mina Renamed",
        pronouns=user.pronouns,
        timezone=user.timezone,
        department=user.department,
        lab=user.lab,
        career_stage=user.career_stage,
    )
    page = page_text(organizer, group_url(cast))
    assert "Mina Renamed" in page and "Mina Member" not in page


@pytest.mark.parametrize(("who", "status"), GROUP_READ)
def test_a_cached_group_page_still_goes_through_the_funnel(
    cast: Cast, who: str, status: int
) -> None:
    page_text(cast.client_for(cast.member), group_url(cast))  # cached now
    assert cast.client_for(getattr(cast, who)).get(group_url(cast)).status_code == status


def test_the_organizers_tools_show_to_organizers_only(cast: Cast) -> None:
    member, organizer = cast.client_for(cast.member), cast.client_for(cast.organizer)
    assert "Schedule a meeting" not in page_text(member, group_url(cast))
    assert "Schedule a meeting" in page_text(organizer, group_url(cast))
    assert "Schedule a meeting" not in page_text(member, group_url(cast))


def test_the_agreement_note_is_for_those_who_have_not_accepted(cast: Cast) -> None:
    if current_agreement(cast.group.pk) is None:
        agreement_new(group=cast.group, by=cast.organizer, text="Be kind", version=1)
    agreement_accept(membership=cast.group.memberships.get(user=cast.organizer), version=1)
    note = "Read and accept them"
    member, organizer = cast.client_for(cast.member), cast.client_for(cast.organizer)
    assert note in page_text(member, group_url(cast))
    assert note not in page_text(organizer, group_url(cast))  # the same part, cached
    assert member.post(reverse("agreement_accept", args=[cast.group.pk]), {"version": 1})
    page = page_text(member, group_url(cast))
    assert note not in page and "Every member has accepted version 1" in page


def test_the_nudge_is_for_the_one_who_has_not_commented(cast: Cast) -> None:
    for days_ago in (30, 20, 10):  # the organizer comments on the member, never back
        hold_meeting(cast, days_ago, venting=False, comment=True)
    nudge = "Gentle nudge"
    assert nudge in page_text(cast.client_for(cast.member), group_url(cast))
    assert nudge not in page_text(cast.client_for(cast.organizer), group_url(cast))


def test_a_meeting_is_under_way_when_its_time_comes_without_a_write(
    now: datetime, cast: Cast
) -> None:
    meeting = make_meeting(cast.group, days=0)
    with time_machine.travel(meeting.starts_at - timedelta(minutes=5), tick=False):
        assert "under way now" not in page_text(cast.client_for(cast.member), group_url(cast))
    with time_machine.travel(meeting.starts_at + timedelta(minutes=5), tick=False):
        assert "under way now" in page_text(cast.client_for(cast.member), group_url(cast))
    with time_machine.travel(meeting.ends_at + timedelta(minutes=5), tick=False):
        page = page_text(cast.client_for(cast.member), group_url(cast))
        assert "under way now" not in page and "Nothing scheduled yet" in page


def test_an_invitation_expiring_leaves_the_organizers_count(now: datetime, cast: Cast) -> None:
    invitation = invitation_send(
        group=cast.group, email="new@example.org", invited_by=cast.organizer, send=False
    )
    invitation.expires_at = now + timedelta(hours=2)  # later today: the same day's page
    invitation.save(update_fields=["expires_at"])
    organizer = cast.client_for(cast.organizer)
    assert "1 pending" in page_text(organizer, group_url(cast))
    with time_machine.travel(invitation.expires_at + timedelta(minutes=1), tick=False):
        assert "1 pending" not in page_text(organizer, group_url(cast))


def test_an_answer_shows_in_the_results_another_member_read_before(cast: Cast) -> None:
    poll = make_poll(cast)
    organizer = cast.client_for(cast.organizer)
    assert "0 of 2 members answered" in page_text(organizer, poll_url(poll))
    member = cast.client_for(cast.member)
    assert member.post(poll_url(poll), answers_for(poll, ["no", "yes", "yes"])).status_code == 302
    page = page_text(organizer, poll_url(poll))
    assert "1 of 2 members answered" in page and "Cannot: Mina Member" in page


def test_each_member_sees_their_own_answers_in_the_form(cast: Cast) -> None:
    poll = make_poll(cast)
    member = cast.client_for(cast.member)
    member.post(poll_url(poll), answers_for(poll, ["no", "no", "no"]))
    mine = page_text(member, poll_url(poll))
    assert mine.count("required checked") == 3 and all(
        f'value="no" id="id_option_{o.pk}_2" required checked' in mine for o in poll.options.all()
    )
    organizer_page = page_text(cast.client_for(cast.organizer), poll_url(poll))
    assert "checked" not in organizer_page.split("Results")[0]
    # The organizer answering changes the member's counts, not the member's own answers.
    cast.client_for(cast.organizer).post(poll_url(poll), answers_for(poll, ["yes"] * 3))
    page = page_text(member, poll_url(poll))
    assert page.count("required checked") == 3 and all(
        f'value="no" id="id_option_{o.pk}_2" required checked' in page for o in poll.options.all()
    )


def test_only_organizers_get_the_adopt_form_from_a_cached_poll_page(cast: Cast) -> None:
    poll = make_poll(cast)
    cast.client_for(cast.organizer).post(poll_url(poll), answers_for(poll, ["yes"] * 3))
    adopt = reverse("poll_adopt", args=[poll.pk])
    assert adopt in page_text(cast.client_for(cast.organizer), poll_url(poll))
    assert adopt not in page_text(cast.client_for(cast.member), poll_url(poll))
    for who, status in GROUP_READ:
        assert cast.client_for(getattr(cast, who)).get(poll_url(poll)).status_code == status
    assert Client().get(poll_url(poll)).status_code == 302


def test_a_poll_past_its_deadline_says_so_without_a_write(now: datetime, cast: Cast) -> None:
    poll = make_poll(cast)
    poll.deadline = now + timedelta(hours=2)  # later today: the same day's page
    poll.save(update_fields=["deadline"])
    member = cast.client_for(cast.member)
    assert "Answers were due by" not in page_text(member, poll_url(poll))
    with time_machine.travel(poll.deadline + timedelta(minutes=1), tick=False):
        assert "Answers were due by" in page_text(member, poll_url(poll))


def test_times_in_the_viewers_own_zone_are_for_that_viewer(cast: Cast) -> None:
    poll = make_poll(cast)  # the group's zone is UTC
    cast.organizer.timezone = "Asia/Tokyo"
    cast.organizer.save(update_fields=["timezone"])
    assert "your time" not in page_text(cast.client_for(cast.member), poll_url(poll))
    assert "your time (Asia/Tokyo)" in page_text(cast.client_for(cast.organizer), poll_url(poll))


def test_the_cached_adopt_fields_follow_the_answers_and_the_kept_poll_its_deletion(
    cast: Cast,
) -> None:
    import re

    from django.core.cache import caches

    poll = make_poll(cast)
    organizer = cast.client_for(cast.organizer)
    options = list(poll.options.order_by("position"))

    def adopt_section() -> str:
        page = page_text(organizer, poll_url(poll))
        section = page[page.index('id="adopt"') :]
        token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
        return token.sub("", section[: section.index("</form>")])

    adopt_section()  # cached now
    for client, answer in [(organizer, "yes"), (cast.client_for(cast.member), "no")]:
        client.post(poll_url(poll), answers_for(poll, [answer] * len(options)))
        cached = adopt_section()
        caches["versions"].clear()
        assert cached == adopt_section()  # what the answers make of it, rendered afresh
    url = poll_url(poll)
    poll.delete()
    assert organizer.get(url).status_code == 404
