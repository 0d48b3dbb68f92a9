import pytest
from django.test import Client
from django.urls import reverse

from peercircle.groups.actions.group import group_create
from peercircle.groups.actions.membership import membership_add
from peercircle.meetings.actions.meeting import meeting_mark_held
from tests.conftest import Cast, count_queries, make_meeting, make_user


@pytest.mark.parametrize(
    ("who", "status"),
    [("coordinator", 200), ("member", 403), ("other_member", 403), ("outsider", 404)],
)
def test_program_page_permissions(cast: Cast, who: str, status: int) -> None:
    response = cast.client_for(getattr(cast, who)).get(
        reverse("program_detail", args=[cast.program.pk])
    )
    assert response.status_code == status


def test_program_page_sends_anonymous_to_login(cast: Cast) -> None:
    assert Client().get(reverse("program_detail", args=[cast.program.pk])).status_code == 302


def test_program_page_counts_members_and_meetings(cast: Cast) -> None:
    meeting_mark_held(meeting=make_meeting(cast.group, days=-10))
    meeting_mark_held(meeting=make_meeting(cast.group, days=-200))  # outside the window
    make_meeting(cast.group, days=4)
    response = cast.client_for(cast.coordinator).get(
        reverse("program_detail", args=[cast.program.pk])
    )
    rows = {group.name: group for group in response.context["page"]}
    assert rows["Alpha"].member_count == 2
    assert rows["Alpha"].held_recently == 1
    assert rows["Alpha"].next_meeting is not None
    assert rows["Beta"].member_count == 1 and rows["Beta"].held_recently == 0


def test_program_page_never_names_members(cast: Cast) -> None:
    body = cast.client_for(cast.coordinator).get(reverse("program_detail", args=[cast.program.pk]))
    assert body.status_code == 200
    assert b"Mina Member" not in body.content


def test_program_page_queries_do_not_grow_with_groups(cast: Cast) -> None:
    def count() -> int:
        url = reverse("program_detail", args=[cast.program.pk])
        return count_queries(cast.client_for(cast.coordinator), url)

    before = count()
    for index in range(4):
        group = group_create(program_id=cast.program.pk, name=f"Extra {index}")
        membership_add(group=group, user=make_user(f"extra{index}@example.org"))
        make_meeting(group, days=index + 1)
    assert count() == before


def test_the_program_page_lets_coordinators_invite_to_each_group(cast) -> None:
    from django.urls import reverse

    body = cast.client_for(cast.coordinator).get(reverse("program_detail", args=[cast.program.pk]))
    assert reverse("group_invitations", args=[cast.group.pk]) in body.content.decode()


def test_the_dashboard_says_invited_and_joined_and_why_a_figure_is_hidden(cast: Cast) -> None:
    response = cast.client_for(cast.coordinator).get(
        reverse("program_detail", args=[cast.program.pk])
    )
    body = response.content.decode()
    assert "People invited / joined" in body
    assert "hidden: fewer than 5 people have joined" in body


def test_the_sign_up_link_matches_the_state_of_sign_up(cast: Cast, now, settings) -> None:
    settings.ALLOWED_HOSTS = ["peers.example.edu", "testserver"]
    from datetime import timedelta

    program = cast.program
    client = cast.client_for(cast.coordinator)
    url = reverse("program_detail", args=[program.pk])
    program.signup_opens, program.signup_closes = now - timedelta(days=1), now + timedelta(days=5)
    program.save(update_fields=["signup_opens", "signup_closes"])
    body = client.get(url, headers={"host": "peers.example.edu"}).content.decode()
    assert "Sign-up is open until" in body
    assert "http://peers.example.edu/" in body
    assert ":8000" not in body
    program.signup_opens, program.signup_closes = now + timedelta(days=2), now + timedelta(days=9)
    program.save(update_fields=["signup_opens", "signup_closes"])
    assert "Sign-up opens on" in client.get(url).content.decode()
    program.signup_opens, program.signup_closes = now - timedelta(days=9), now - timedelta(days=2)
    program.save(update_fields=["signup_opens", "signup_closes"])
    assert "Sign-up closed on" in client.get(url).content.decode()
