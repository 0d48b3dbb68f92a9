from playwright.sync_api import Page, expect

from peercircle.accounts.models import User
from peercircle.groups.actions.invitations import invitation_send
from peercircle.groups.models import Group, Invitation, Poll, PollAnswer
from peercircle.lib.tokens import new_token
from tests.browser.conftest import log_in, look_at
from tests.conftest import load_demo


def test_member_answers_a_poll_on_a_phone_and_finds_the_calendar(live_server, phone: Page) -> None:
    load_demo()
    page = phone
    log_in(page, live_server.url, "diego.alvarez@example.org")
    page.get_by_role("link", name="Tuesday Breakfast Postdocs", exact=True).click()
    look_at(page, "30-group-schedule")
    page.get_by_role("link", name="Shall we meet in person once a term?").click()
    look_at(page, "31-poll-answer")

    # One tap per option: yes, if need be, no.
    for index, legend in enumerate(page.locator("fieldset.choice-row legend").all_inner_texts()):
        group = page.get_by_role("group", name=legend)
        group.get_by_text(["Yes", "If need be", "No"][index % 3], exact=True).click()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Thank you: your answers are saved.")).to_be_visible()
    look_at(page, "32-poll-answered")
    poll = Poll.objects.get(adopted_at=None)
    answers = PollAnswer.objects.filter(option__poll=poll, user__email="diego.alvarez@example.org")
    assert answers.count() == poll.options.count() == 4

    # The next meeting: RSVP in place (htmx), then the calendar page from the dashboard.
    page.get_by_role("link", name="Tuesday Breakfast Postdocs").click()
    page.locator("section[aria-labelledby=upcoming-title] .meetings a").first.click()
    page.get_by_text("Maybe", exact=True).click()
    page.get_by_label("Note for the group (optional)").fill("Might join by video")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Your answer is saved.")).to_be_visible()
    # Focus moves into the swapped section (its form's first answer), not to <body>.
    expect(page.locator("#meeting-rsvp :focus")).to_have_count(1)
    look_at(page, "33-meeting-rsvp")
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="Calendar", exact=True).click()
    expect(page.get_by_role("link", name="Subscribe (webcal)")).to_be_visible()
    expect(page.get_by_text("up to a day")).to_be_visible()
    look_at(page, "34-calendar")


def test_organizer_pages_for_schedule_invitations_and_moves_pass_axe(
    live_server, phone: Page
) -> None:
    load_demo()
    page = phone
    log_in(page, live_server.url, "grace.liu@example.org")
    page.get_by_role("link", name="Tuesday Breakfast Postdocs", exact=True).click()
    page.get_by_role("link", name="Shall we meet in person once a term?").click()
    expect(page.get_by_role("heading", name="Adopt a time and place")).to_be_visible()
    look_at(page, "40-poll-adopt")
    page.go_back()
    page.get_by_role("link", name="Change the schedule").click()
    look_at(page, "41-schedule-edit")
    page.get_by_role("button", name="Save the schedule").click()
    expect(page.get_by_text("Schedule saved: Monthly on the third Tuesday")).to_be_visible()
    page.get_by_role("link", name="Invite people").click()
    page.get_by_label("Email address").fill("someone.new@example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to someone.new@example.org.")).to_be_visible()
    look_at(page, "42-invitations")
    page.get_by_role("link", name="← Tuesday Breakfast Postdocs").click()
    page.locator("section[aria-labelledby=upcoming-title] .meetings a").first.click()
    page.get_by_role("link", name="Move it").click()
    look_at(page, "43-meeting-move")
    page.get_by_role("button", name="Move it").click()
    expect(page.get_by_text("Meeting moved to")).to_be_visible()


def test_an_invitation_link_shows_a_landing_page_to_a_visitor(live_server, phone: Page) -> None:
    load_demo()
    group = Group.objects.get(name="Thursday Evening Circle")
    organizer = User.objects.get(email="amara.okafor@example.org")
    invitation = invitation_send(
        group=group, email="visitor@example.org", invited_by=organizer, send=False
    )
    token, token_hash = new_token()
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash)
    phone.goto(live_server.url + f"/join/{token}/")
    expect(phone.get_by_role("heading", name="Join Thursday Evening Circle")).to_be_visible()
    look_at(phone, "44-invitation-landing")
    phone.goto(live_server.url + "/join/not-a-token/")
    look_at(phone, "45-invitation-unknown")
