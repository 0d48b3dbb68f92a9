"""A person starts their own group and invites a peer, who joins by accepting its ground
rules on a phone; when the organizer changes the rules, the member accepts them again.

Each step starts from the state the one before leaves, built through the groups actions."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from peercircle.accounts.models import User
from peercircle.groups.actions.agreement import agreement_update
from peercircle.groups.actions.group import group_start
from peercircle.groups.actions.invitations import invitation_accept, invitation_send
from peercircle.groups.models import DEFAULT_AGREEMENT, Group, Membership
from tests.browser.conftest import log_in, look_at
from tests.conftest import PASSWORD, make_user


@pytest.fixture
def ruth(transactional_db: None) -> User:
    return make_user("ruth@example.org", display_name="Ruth Starter")


@pytest.fixture
def aisha(transactional_db: None) -> User:
    return make_user("aisha@example.org", display_name="Aisha Joiner")


@pytest.fixture
def faculty_circle(ruth: User) -> Group:
    """Ruth's own group, as "Start your own group" leaves it: she organizes, rules at v1."""
    return group_start(
        user=ruth,
        name="Faculty Circle",
        purpose="Tenure, goals and each other.",
        stages=["faculty"],
    )


def join_link(live_server, settings, group: Group, inviter: User, email: str) -> str:
    """Invite `email` the way the invitation page does and return the link from the mail."""
    settings.SITE_URL = live_server.url  # mails link to SITE_URL, never the request's host
    invitation_send(group=group, email=email, invited_by=inviter)
    [invitation] = [m for m in mail.outbox if m.to == [email]]
    link = re.search(r"https?://[^\s]+/join/[^/\s]+/", str(invitation.body))
    assert link is not None
    return link.group(0)


@pytest.fixture
def aisha_joined(faculty_circle: Group, ruth: User, aisha: User) -> Membership:
    """Aisha is a member who accepted version 1 of the ground rules."""
    invitation = invitation_send(
        group=faculty_circle, email=aisha.email, invited_by=ruth, send=False
    )
    return invitation_accept(invitation=invitation, user=aisha, agreement_version=1)


def test_a_person_starts_their_own_group_and_sees_how_to_get_started(
    live_server, phone: Page, ruth: User
) -> None:
    log_in(phone, live_server.url, ruth.email, PASSWORD)
    phone.get_by_role("link", name="Start your own group").click()
    look_at(phone, "40-group-start")
    phone.get_by_label("Name").fill("Faculty Circle")
    phone.get_by_label("What the group is for").fill("Tenure, goals and each other.")
    phone.get_by_label("Faculty").check()
    phone.get_by_role("button", name="Start the group").click()
    expect(phone.get_by_role("heading", name="Faculty Circle")).to_be_visible()
    expect(phone.get_by_role("heading", name="Getting started")).to_be_visible()
    look_at(phone, "41-group-started")


def test_organizer_invites_a_peer_who_gets_a_join_link_by_mail(
    live_server, phone: Page, settings, faculty_circle: Group, ruth: User, aisha: User
) -> None:
    settings.SITE_URL = live_server.url  # mails link to SITE_URL
    log_in(phone, live_server.url, ruth.email, PASSWORD)
    phone.goto(f"{live_server.url}/groups/{faculty_circle.pk}/")
    phone.get_by_role("link", name=re.compile("^Invite at least six people")).click()
    phone.get_by_label("Email address").fill(aisha.email)
    phone.get_by_role("button", name="Send invitation").click()
    expect(phone.get_by_text(f"Invitation sent to {aisha.email}.")).to_be_visible()
    [invitation] = [m for m in mail.outbox if m.to == [aisha.email]]
    assert re.search(r"https?://[^\s]+/join/[^/\s]+/", str(invitation.body))


def test_invitee_joins_by_accepting_the_ground_rules(
    live_server, phone: Page, settings, faculty_circle: Group, ruth: User, aisha: User
) -> None:
    link = join_link(live_server, settings, faculty_circle, ruth, aisha.email)
    log_in(phone, live_server.url, aisha.email, PASSWORD)
    phone.goto(link)
    expect(phone.get_by_text("What is said in the group stays in the group.")).to_be_visible()
    look_at(phone, "42-invitation-with-agreement")
    phone.get_by_role("button", name="Accept the ground rules and join").click()
    expect(phone.get_by_text("Every member has accepted version 1")).to_be_visible()


def test_organizer_saves_a_new_version_of_the_ground_rules(
    live_server, phone: Page, aisha_joined: Membership, ruth: User
) -> None:
    log_in(phone, live_server.url, ruth.email, PASSWORD)
    phone.get_by_role("link", name="Faculty Circle").click()
    phone.get_by_role("link", name="Read or change the agreement").click()
    rules = phone.get_by_role("textbox", name="Ground rules")
    rules.fill(rules.input_value() + "\nPhones face down.")
    phone.get_by_role("button", name="Save a new version").click()
    expect(
        phone.get_by_text("The agreement is changed; every member accepts it again.")
    ).to_be_visible()


def test_member_sees_what_changed_in_the_ground_rules_and_accepts_them_again(
    live_server, phone: Page, aisha_joined: Membership, ruth: User, aisha: User
) -> None:
    agreement_update(
        group=aisha_joined.group,
        by=ruth,
        text=DEFAULT_AGREEMENT + "\nPhones face down.",
        based_on=1,
    )
    log_in(phone, live_server.url, aisha.email, PASSWORD)
    phone.get_by_role("link", name="Faculty Circle").click()
    phone.get_by_role("link", name="Read and accept them").click()
    expect(phone.get_by_text("What changed since you accepted version 1")).to_be_visible()
    look_at(phone, "43-agreement-changed")
    phone.get_by_role("button", name="I accept these ground rules").click()
    expect(phone.get_by_text("Every member has accepted version 2")).to_be_visible()
