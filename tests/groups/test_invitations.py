"""Invitations: sent by organizers and coordinators, opened by a secret link, joined by POST."""

import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from peercircle.groups.actions.invitations import invitation_revoke, invitation_send
from peercircle.groups.models import Invitation, Membership
from peercircle.mail.models import Outbox
from tests.conftest import Cast, make_user, page_text

INVITE_WRITE = [
    ("organizer", 302),
    ("member", 403),
    ("other_member", 404),
    ("coordinator", 302),  # coordinators invite for their programs
    ("outsider", 404),
]

# The joining page shows the group's ground rules (version 1 for a new group); joining
# accepts them.
JOIN = {"agreement_version": 1}


def invite(cast: Cast, client: Client, email: str = "new@example.org", days: int = 14) -> str:
    """Send an invitation through the page and return the link's path from the mail."""
    mail.outbox.clear()
    url = reverse("group_invitations", args=[cast.group.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"email": email, "days": days})
    assert response.status_code == 302, response.content
    (message,) = mail.outbox
    match = re.search(r"http://127\.0\.0\.1:8000(/join/[^/]+/)", str(message.body))
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize(("who", "status"), INVITE_WRITE)
def test_invitation_permissions(cast: Cast, who: str, status: int) -> None:
    client = cast.client_for(getattr(cast, who))
    url = reverse("group_invitations", args=[cast.group.pk])
    get_status = 200 if status == 302 else status
    assert client.get(url).status_code == get_status
    response = client.post(url, {"email": "new@example.org", "days": 14})
    assert response.status_code == status
    assert Invitation.objects.exists() == (status == 302)


def test_invitation_pages_anonymous_and_wrong_method(cast: Cast) -> None:
    url = reverse("group_invitations", args=[cast.group.pk])
    assert Client().post(url, {"email": "x@example.org", "days": 3}).status_code == 302
    assert cast.client_for(cast.organizer).put(url).status_code == 405
    invitation = invitation_send(group=cast.group, email="x@example.org", invited_by=cast.organizer)
    for name in ("invitation_revoke", "invitation_resend"):
        action_url = reverse(name, args=[invitation.pk])
        assert cast.client_for(cast.organizer).get(action_url).status_code == 405
        assert Client().post(action_url).status_code == 302
        assert cast.client_for(cast.member).post(action_url).status_code == 403
        assert cast.client_for(cast.other_member).post(action_url).status_code == 404
        assert cast.client_for(cast.outsider).post(action_url).status_code == 404
    assert Invitation.objects.get().revoked_at is None


def test_opening_the_link_only_shows_a_page_and_joining_is_a_post(cast: Cast) -> None:
    path = invite(cast, cast.client_for(cast.organizer))
    page = Client().get(path)
    assert page.status_code == 200 and b"Join Alpha" in page.content
    newcomer = make_user("new@example.org")
    client = cast.client_for(newcomer)
    assert b"Accept the ground rules and join" in client.get(path).content
    assert not Membership.objects.filter(user=newcomer).exists()
    response = client.post(path + "accept/", JOIN)
    assert response.status_code == 302
    assert Membership.objects.filter(group=cast.group, user=newcomer).exists()
    # Used: the same link now says so plainly, for anyone.
    for someone in (Client(), client):
        again = someone.get(path)
        assert again.status_code == 410 and b"already been used" in again.content
    assert client.post(path + "accept/", JOIN).status_code == 410


def test_an_expired_link_gets_a_plain_page(now: datetime, cast: Cast) -> None:
    path = invite(cast, cast.client_for(cast.organizer), days=1)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = Client().get(path)
    assert response.status_code == 410 and b"has expired" in response.content
    newcomer = make_user("new@example.org")
    assert cast.client_for(newcomer).post(path + "accept/", JOIN).status_code == 410
    assert not Membership.objects.filter(user=newcomer).exists()


def test_a_revoked_or_replaced_link_gets_a_plain_page(cast: Cast) -> None:
    organizer = cast.client_for(cast.organizer)
    first = invite(cast, organizer)
    second = invite(cast, organizer)  # resend: the first link is replaced
    assert b"withdrawn or replaced" in Client().get(first).content
    assert Client().get(second).status_code == 200
    invitation = Invitation.objects.get(revoked_at=None)
    organizer.post(reverse("invitation_revoke", args=[invitation.pk]))
    response = Client().get(second)
    assert response.status_code == 410 and b"withdrawn or replaced" in response.content


def test_an_invitation_for_another_address_cannot_be_used(cast: Cast) -> None:
    path = invite(cast, cast.client_for(cast.organizer))
    client = cast.client_for(cast.outsider)
    response = client.get(path)
    page = response.content.decode()
    assert response.status_code == 403
    assert (
        "Accept the ground rules and join" not in page
        and "log in (or sign up) with new@example.org" in page
    )
    response = client.post(path + "accept/", JOIN)
    assert response.status_code == 410 and b"another address" in response.content
    assert not Membership.objects.filter(group=cast.group, user=cast.outsider).exists()
    assert Invitation.objects.get().accepted_at is None


def test_closed_pages_never_reveal_whether_an_address_has_an_account(
    now: datetime, cast: Cast
) -> None:
    with_account = invite(cast, cast.client_for(cast.organizer), email="member2@example.org")
    make_user("member2@example.org")
    without = invite(cast, cast.client_for(cast.organizer), email="nobody@example.org")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    a, b = Client().get(with_account), Client().get(without)
    assert a.status_code == b.status_code == 410

    def main(body: bytes) -> bytes:
        return body[body.index(b"<main") : body.index(b"</main>")]

    assert main(a.content) == main(b.content)


@pytest.mark.parametrize("token", ["nope", "a" * 27, "a.b-c_d"])
def test_unknown_or_tampered_tokens_are_404(db: None, token: str) -> None:
    assert Client().get(reverse("invitation_landing", args=[token])).status_code == 404


def test_invitation_form_errors_are_specific(cast: Cast) -> None:
    client = cast.client_for(cast.organizer)
    url = reverse("group_invitations", args=[cast.group.pk])
    response = client.post(url, {"email": "not an address", "days": 0})
    assert response.status_code == 422
    assert b"valid email" in response.content and b"greater than or equal to 1" in response.content
    response = client.post(url, {"email": "member@example.org", "days": 3})
    assert response.status_code == 422 and b"already a member" in response.content
    assert not Invitation.objects.exists()


LEAVE = [
    ("organizer", 302),
    ("member", 302),
    ("other_member", 404),
    ("coordinator", 403),
    ("outsider", 404),
]


@pytest.mark.parametrize(("who", "status"), LEAVE)
def test_leave_permissions(cast: Cast, who: str, status: int) -> None:
    user = getattr(cast, who)
    response = cast.client_for(user).post(reverse("group_leave", args=[cast.group.pk]))
    assert response.status_code == status
    assert not Membership.objects.filter(group=cast.group, user=user).exists() or status != 302
    assert cast.group.memberships.count() == (1 if status == 302 else 2)


def test_leaving_hands_the_organizer_role_on_and_asks_first(cast: Cast) -> None:
    url = reverse("group_leave", args=[cast.group.pk])
    client = cast.client_for(cast.organizer)
    assert b"Leave Alpha?" in client.get(url).content
    assert client.put(url).status_code == 405
    assert Client().post(url).status_code == 302
    client.post(url)
    assert cast.group.memberships.get().user == cast.member
    assert cast.group.memberships.get().role == "organizer"


def test_joining_accepts_the_ground_rules_and_an_outdated_page_is_refused(
    now: datetime, cast: Cast
) -> None:
    from peercircle.groups.actions.agreement import agreement_update
    from peercircle.groups.models import AgreementAcceptance

    newcomer = make_user("new@example.org")
    path = invite(cast, cast.client_for(cast.organizer))
    agreement_update(group=cast.group, by=cast.organizer, text="Only this rule", based_on=1)
    client = cast.client_for(newcomer)
    stale = client.post(path + "accept/", JOIN)
    assert stale.status_code == 422
    assert "ground rules changed" in stale.content.decode()
    assert "Only this rule" in stale.content.decode()
    assert not Membership.objects.filter(group=cast.group, user=newcomer).exists()
    assert client.post(path + "accept/", {"agreement_version": 2}).status_code == 302
    membership = Membership.objects.get(group=cast.group, user=newcomer)
    assert AgreementAcceptance.objects.get(membership=membership).agreement.version == 2


def test_an_expired_invitation_is_not_counted_or_listed_as_pending(
    now: datetime, cast: Cast
) -> None:
    organizer = cast.client_for(cast.organizer)
    invite(cast, organizer, days=1)
    invitation_send(group=cast.group, email="later@example.org", invited_by=cast.organizer)
    Invitation.objects.filter(email="later@example.org").update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert {i.state() for i in Invitation.objects.all()} == {"pending", "expired"}
    assert list(Invitation.objects.pending()) == [
        i for i in Invitation.objects.all() if i.state() == "pending"
    ]
    page = page_text(organizer, reverse("group_invitations", args=[cast.group.pk]))
    pending, expired = page.split("Expired, not used")
    assert "later@example.org" not in pending and "later@example.org" in expired
    group_page = page_text(organizer, reverse("group_detail", args=[cast.group.pk]))
    assert "(1 pending)" in group_page


def test_resend_on_a_withdrawn_invitation_is_refused_and_sends_nothing(cast: Cast) -> None:
    invitation = invitation_send(group=cast.group, email="x@example.org", invited_by=cast.organizer)
    invitation_revoke(invitation=invitation)
    queued = Outbox.objects.count()
    client = cast.client_for(cast.organizer)
    response = client.post(reverse("invitation_resend", args=[invitation.pk]), follow=True)
    assert response.status_code == 200
    assert "This invitation was withdrawn, so it is not sent again." in response.content.decode()
    assert Invitation.objects.count() == 1
    assert Outbox.objects.count() == queued


def test_a_withdrawn_link_answers_410_and_an_unknown_one_404(cast: Cast) -> None:
    path = invite(cast, cast.client_for(cast.organizer))
    invite(cast, cast.client_for(cast.organizer))  # the resend replaces the first link
    gone = Client().get(path)
    assert gone.status_code == 410
    assert "withdrawn or replaced by a newer one" in gone.content.decode()
    assert "Alpha" not in gone.content.decode()
    assert Client().get(path[:-4] + "xxxx/").status_code == 404


def test_the_way_back_from_invitations_is_a_page_each_inviter_can_open(cast: Cast) -> None:
    # A coordinator cannot open the group's page (group content is for members): no dead end.
    url = reverse("group_invitations", args=[cast.group.pk])
    group_page = reverse("group_detail", args=[cast.group.pk])
    coordinator_page = cast.client_for(cast.coordinator).get(url).content.decode()
    assert reverse("program_detail", args=[cast.program.pk]) in coordinator_page
    assert f'href="{group_page}"' not in coordinator_page
    organizer_page = cast.client_for(cast.organizer).get(url).content.decode()
    assert f'href="{group_page}"' in organizer_page


def test_someone_signed_in_with_another_address_logs_out_and_lands_on_the_invitation(
    cast: Cast,
) -> None:
    path = invite(cast, cast.client_for(cast.organizer))
    client = cast.client_for(cast.outsider)
    page = client.get(path).content.decode()
    assert "Log out and continue as new@example.org" in page
    assert f'action="{reverse("account_logout")}"' in page
    response = client.post(reverse("account_logout"), {"next": path}, follow=True)
    assert response.redirect_chain[-1][0] == path and response.status_code == 200
    assert "Sign up or log in with new@example.org" in response.content.decode()
