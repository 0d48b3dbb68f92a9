"""Self-started groups, the group agreement, handing over and leaving."""

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.groups.actions.agreement import agreement_accept, agreement_update
from peercircle.groups.actions.group import group_start
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.models import Agreement, AgreementAcceptance, Group, Membership, Role
from tests.conftest import GROUP_READ, Cast, make_user, page_text

START = {
    "name": "Faculty across St. Louis",
    "purpose": "Goals, tenure and everything around them.",
    "stages": ["faculty"],
    "timezone": "America/Chicago",
    "agreement_text": "What is said here stays here.\nThe host keeps time.",
}


@pytest.fixture
def own(cast: Cast) -> Group:
    """A group the cast's outsider started, with the cast's member invited into it."""
    group = group_start(user=cast.outsider, name="Own circle")
    membership_add(group=group, user=cast.member)
    return group


def test_anyone_signed_in_can_start_a_group_and_organizes_it(cast: Cast) -> None:
    client = cast.client_for(cast.outsider)
    response = client.post(reverse("group_start"), START)
    group = Group.objects.get(name=START["name"])
    assert response.status_code == 302 and response["Location"] == reverse(
        "group_detail", args=[group.pk]
    )
    assert group.program is None and group.stages == "faculty"
    membership = Membership.objects.get(group=group)
    assert membership.user == cast.outsider and membership.role == Role.ORGANIZER
    agreement = Agreement.objects.get(group=group)
    assert agreement.version == 1 and agreement.first_line == "What is said here stays here."
    assert AgreementAcceptance.objects.filter(agreement=agreement, membership=membership).exists()


def test_start_page_prefills_the_seed_agreement(cast: Cast) -> None:
    body = cast.client_for(cast.member).get(reverse("group_start")).content.decode()
    assert "What is said in the group stays in the group." in body


def test_anonymous_is_sent_to_log_in_to_start_a_group(db: None) -> None:
    response = Client().get(reverse("group_start"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_start_refuses_wrong_method(cast: Cast) -> None:
    assert cast.client_for(cast.member).put(reverse("group_start")).status_code == 405


def test_same_person_cannot_start_two_groups_of_one_name(cast: Cast) -> None:
    client = cast.client_for(cast.outsider)
    client.post(reverse("group_start"), START)
    again = client.post(reverse("group_start"), {**START, "name": "FACULTY ACROSS ST. LOUIS"})
    assert again.status_code == 422
    assert "already in a group called" in again.content.decode()
    assert Group.objects.filter(name__iexact=START["name"]).count() == 1
    # Another person may use the same name for their own group.
    other = cast.client_for(cast.member).post(reverse("group_start"), START)
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("agreement_text", "   \n  ", "This field is required."),
        ("name", "x" * 10_000, "at most 80 characters"),
        ("timezone", "Mars/Olympus", "Select a valid choice"),
        ("stages", ["wizard"], "Select a valid choice"),
    ],
)
def test_start_rejects_bad_input_and_saves_nothing(
    cast: Cast, field: str, value: object, message: str
) -> None:
    response = cast.client_for(cast.outsider).post(reverse("group_start"), {**START, field: value})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Group.objects.filter(program=None).exists()


def test_nul_bytes_in_the_agreement_are_dropped(cast: Cast) -> None:
    group = group_start(user=cast.outsider, name="Nul", agreement_text="Be kind\x00.\nListen.")
    assert Agreement.objects.get(group=group).rules == ["Be kind.", "Listen."]


def test_a_self_started_group_is_invisible_to_every_coordinator(cast: Cast, own: Group) -> None:
    client = cast.client_for(cast.coordinator)
    assert client.get(reverse("group_detail", args=[own.pk])).status_code == 404
    assert client.get(reverse("agreement_detail", args=[own.pk])).status_code == 404
    assert "Own circle" not in page_text(client, reverse("program_detail", args=[cast.program.pk]))
    assert "Own circle" not in page_text(client, "/")


def test_setting_off_turns_the_feature_off(cast: Cast, settings) -> None:
    settings.SELF_STARTED_GROUPS = False
    client = cast.client_for(cast.member)
    assert client.get(reverse("group_start")).status_code == 404
    assert client.post(reverse("group_start"), START).status_code == 404
    assert reverse("group_start") not in page_text(client, "/")
    assert not Group.objects.filter(program=None).exists()


def test_dashboard_offers_to_start_a_group(cast: Cast) -> None:
    assert reverse("group_start") in cast.client_for(cast.outsider).get("/").content.decode()


@pytest.mark.parametrize(("who", "status"), GROUP_READ)
def test_agreement_page_permissions(cast: Cast, who: str, status: int) -> None:
    url = reverse("agreement_detail", args=[cast.group.pk])
    assert cast.client_for(getattr(cast, who)).get(url).status_code == status


@pytest.mark.parametrize(("who", "status"), GROUP_READ)
def test_leave_page_permissions(cast: Cast, who: str, status: int) -> None:
    url = reverse("group_leave", args=[cast.group.pk])
    assert cast.client_for(getattr(cast, who)).get(url).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("organizer", 200),
        ("member", 403),
        ("other_member", 404),
        ("coordinator", 403),
        ("outsider", 404),
    ],
)
def test_hand_over_page_permissions(cast: Cast, who: str, status: int) -> None:
    url = reverse("organizer_hand_over", args=[cast.group.pk])
    assert cast.client_for(getattr(cast, who)).get(url).status_code == status


@pytest.mark.parametrize("name", ["agreement_detail", "group_leave", "organizer_hand_over"])
def test_new_group_pages_send_anonymous_to_login(cast: Cast, name: str) -> None:
    response = Client().get(reverse(name, args=[cast.group.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("name", ["agreement_accept", "agreement_edit"])
def test_agreement_posts_refuse_get(cast: Cast, name: str) -> None:
    url = reverse(name, args=[cast.group.pk])
    assert cast.client_for(cast.organizer).get(url).status_code == 405


def test_accept_change_and_accept_again(cast: Cast, own: Group) -> None:
    member = cast.client_for(cast.member)
    group_page = reverse("group_detail", args=[own.pk])
    assert "Mina Member" in member.get(group_page).content.decode().split("Not accepted yet")[1]

    response = member.post(reverse("agreement_accept", args=[own.pk]), {"version": 1})
    assert response.status_code == 302
    assert "Every member has accepted version 1" in member.get(group_page).content.decode()

    organizer = cast.client_for(cast.outsider)
    text = Agreement.objects.get(group=own).text + "\nPhones face down."
    edited = organizer.post(reverse("agreement_edit", args=[own.pk]), {"text": text, "based_on": 1})
    assert edited.status_code == 302
    page = member.get(reverse("agreement_detail", args=[own.pk])).content.decode()
    assert "What changed since you accepted version 1" in page and "Phones face down." in page
    assert "Read and accept them" in member.get(group_page).content.decode()

    # Accepting the outdated version is refused, with the current text shown.
    stale = member.post(reverse("agreement_accept", args=[own.pk]), {"version": 1})
    assert stale.status_code == 422
    assert "changed since you opened it" in stale.content.decode()
    assert "Phones face down." in stale.content.decode()

    assert (
        member.post(reverse("agreement_accept", args=[own.pk]), {"version": 2}).status_code == 302
    )
    assert "Every member has accepted version 2" in member.get(group_page).content.decode()


def test_two_organizers_editing_the_agreement_do_not_overwrite_each_other(
    now: datetime, cast: Cast, own: Group
) -> None:
    agreement_update(group=own, by=cast.outsider, text="Rule A", based_on=1)
    response = cast.client_for(cast.outsider).post(
        reverse("agreement_edit", args=[own.pk]), {"text": "Rule B", "based_on": 1}
    )
    assert response.status_code == 422
    assert "changed the agreement while you were editing" in response.content.decode()
    assert Agreement.objects.filter(group=own).count() == 2


def test_an_empty_agreement_is_refused(cast: Cast, own: Group) -> None:
    response = cast.client_for(cast.outsider).post(
        reverse("agreement_edit", args=[own.pk]), {"text": " \n ", "based_on": 1}
    )
    assert response.status_code == 422
    assert Agreement.objects.filter(group=own).count() == 1


def test_members_cannot_change_the_agreement(cast: Cast, own: Group) -> None:
    response = cast.client_for(cast.member).post(
        reverse("agreement_edit", args=[own.pk]), {"text": "Mine", "based_on": 1}
    )
    assert response.status_code == 403


def test_accept_action_refuses_an_outdated_version(now: datetime, cast: Cast, own: Group) -> None:
    from django.core.exceptions import ValidationError

    agreement_update(group=own, by=cast.outsider, text="New rule", based_on=1)
    membership = Membership.objects.get(group=own, user=cast.member)
    with pytest.raises(ValidationError):
        agreement_accept(membership=membership, version=1)
    assert agreement_accept(membership=membership, version=2).agreement.version == 2


def test_organizer_hands_the_role_over(cast: Cast, own: Group) -> None:
    new = Membership.objects.get(group=own, user=cast.member)
    response = cast.client_for(cast.outsider).post(
        reverse("organizer_hand_over", args=[own.pk]), {"to": new.pk, "step_down": "on"}
    )
    assert response.status_code == 302
    roles = dict(Membership.objects.filter(group=own).values_list("user__email", "role"))
    assert roles == {cast.member.email: Role.ORGANIZER, cast.outsider.email: Role.MEMBER}


def test_hand_over_cannot_pick_someone_outside_the_group(cast: Cast, own: Group) -> None:
    stranger = Membership.objects.get(user=cast.other_member)
    response = cast.client_for(cast.outsider).post(
        reverse("organizer_hand_over", args=[own.pk]), {"to": stranger.pk}
    )
    assert response.status_code == 422
    assert Membership.objects.get(pk=stranger.pk).group != own


def test_last_organizer_leaving_passes_the_role_to_the_longest_standing_member(
    cast: Cast, own: Group
) -> None:
    newcomer = make_user("newcomer@example.org")
    membership_add(group=own, user=newcomer)
    response = cast.client_for(cast.outsider).post(reverse("group_leave", args=[own.pk]))
    assert response.status_code == 302
    assert Membership.objects.get(group=own, user=cast.member).role == Role.ORGANIZER
    assert Membership.objects.get(group=own, user=newcomer).role == Role.MEMBER
    assert not Membership.objects.filter(group=own, user=cast.outsider).exists()


def test_the_last_member_cannot_leave(cast: Cast) -> None:
    group = group_start(user=cast.outsider, name="Solo")
    response = cast.client_for(cast.outsider).post(reverse("group_leave", args=[group.pk]))
    assert response.status_code == 422
    assert "last member" in response.content.decode()
    assert Membership.objects.filter(group=group).count() == 1


def test_new_groups_walk_the_organizer_through_first_steps(cast: Cast, own: Group) -> None:
    body = cast.client_for(cast.outsider).get(reverse("group_detail", args=[own.pk]))
    assert "Getting started" in body.content.decode()
    assert "Invite at least six" in body.content.decode()
    # Plain members do not see the organizer's checklist.
    member_page = page_text(cast.client_for(cast.member), reverse("group_detail", args=[own.pk]))
    assert "Getting started" not in member_page


def test_first_steps_link_to_their_pages_and_tick_off_as_they_are_done(cast: Cast) -> None:
    from peercircle.groups.actions.invitations import invitation_send
    from peercircle.meetings.queries import first_steps

    group = group_start(user=cast.outsider, name="Fresh circle")
    page = cast.client_for(cast.outsider).get(reverse("group_detail", args=[group.pk]))
    body = page.content.decode()
    assert reverse("group_invitations", args=[group.pk]) in body
    assert reverse("poll_new", args=[group.pk]) in body
    for index in range(5):  # one member and five people invited: start larger than five
        invitation_send(group=group, email=f"peer{index}@example.org", invited_by=cast.outsider)
    steps = first_steps(group, member_count=1)
    assert [step.done for step in steps] == [True, False, False, False]


def test_the_agreements_first_line_opens_the_roundtable(now: datetime, cast: Cast) -> None:
    from peercircle.groups.actions.agreement import agreement_update
    from tests.conftest import run_meeting_now

    agreement_update(
        group=cast.group, by=cast.organizer, text="Phones face down.\nListen first.", based_on=1
    )
    meeting = run_meeting_now(cast)
    page = cast.client_for(cast.member).get(reverse("meeting_run", args=[meeting.pk]))
    assert "Our agreement: “Phones face down.”" in page.content.decode()


def test_the_summary_mail_opens_with_the_agreements_first_line(now: datetime, cast: Cast) -> None:
    from django.core import mail

    from peercircle.groups.actions.agreement import agreement_update
    from peercircle.lib.email import render_mail

    agreement_update(group=cast.group, by=cast.organizer, text="Confidential, always.", based_on=1)
    meeting = Group.objects.get(pk=cast.group.pk).meetings.create(
        starts_at=cast.group.created_at, duration_minutes=90
    )
    rendered = render_mail(
        "meeting_summary",
        {"group": cast.group, "meeting": meeting, "items": [], "attendees": [],
         "recipient": cast.member},
    )  # fmt: skip
    assert rendered.text.startswith("Confidential, always.")
    assert "<strong>Confidential, always.</strong>" in rendered.html
    assert not mail.outbox
