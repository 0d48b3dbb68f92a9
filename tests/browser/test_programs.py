"""A coordinator's season in the browser: create a program, import sign-ups, form groups,
move someone, lock a group and re-form, publish; and a newcomer's public sign-up.

Each step of the season starts from the state the steps before leave, built through the
programs actions; the formation worker is played by calling its task."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import FilePayload, Page, expect

from peercircle.accounts.models import User
from peercircle.programs.access import get_program_for_user
from peercircle.programs.actions.coordinator import coordinator_grant
from peercircle.programs.actions.formation import formation_start
from peercircle.programs.actions.program import program_create
from peercircle.programs.actions.publish import formation_publish
from peercircle.programs.actions.signups import signups_import
from peercircle.programs.import_plan import import_plan
from peercircle.programs.models import FormationRun, Program
from peercircle.programs.signups_csv import parse_csv
from peercircle.programs.tasks import formation_run_task
from peercircle.programs.views import formation as formation_views
from tests.browser.conftest import log_in, look_at
from tests.conftest import PASSWORD, load_demo, make_user

SLOTS = ["Weekday lunch", "Weekday evening", "Weekend brunch"]
DEPARTMENTS = ["Biology", "Chemistry", "Physics", "History", "Economics", "Psychology"]


def signups_csv(count: int) -> bytes:
    lines = ["id,name,email,department,lab,stage,availability,avoid"]
    for i in range(1, count + 1):
        slots = ";".join(SLOTS[: 1 + i % 3])
        avoid = "2" if i == 1 else ""
        department = DEPARTMENTS[i % len(DEPARTMENTS)]
        lines.append(
            f"{i},Person {i},p{i}@example.edu,{department},Lab {i},graduate,{slots},{avoid}"
        )
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def cora(transactional_db: None) -> User:
    """A coordinator a site admin has let start programs."""
    return coordinator_grant(user=make_user("cora@example.org", display_name="Cora Coordinator"))


@pytest.fixture
def cora_page(live_server, phone: Page, cora: User) -> Page:
    log_in(phone, live_server.url, cora.email, PASSWORD)
    return phone


@pytest.fixture
def autumn(cora: User) -> Program:
    """Cora's new program, its sign-up open for twenty days more."""
    now = timezone.now()
    return program_create(
        name="Autumn circles",
        coordinators=[cora],
        min_size=5,
        signup_opens=now - timedelta(days=20),
        signup_closes=now + timedelta(days=20),
    )


@pytest.fixture
def imported(autumn: Program, cora: User) -> Program:
    """Thirty sign-ups imported from a CSV file."""
    access = get_program_for_user(cora, autumn.pk)
    plan = import_plan(autumn, parse_csv(signups_csv(30), autumn))
    signups_import(access=access, plan=plan)
    return autumn


@pytest.fixture
def formed(imported: Program, cora: User) -> FormationRun:
    """The groups formed and waiting for review."""
    run = formation_start(access=get_program_for_user(cora, imported.pk), version=None)
    formation_run_task(run.pk)
    run.refresh_from_db()
    return run


@pytest.fixture
def queued_in_background(monkeypatch: pytest.MonkeyPatch) -> None:
    """Queue formations as a large program would: the page polls until the run is done, and
    the test plays the worker (the queued task runs when the test says, not at once)."""
    monkeypatch.setattr(formation_views, "INLINE_LIMIT", 10)
    monkeypatch.setattr(
        formation_views, "formation_run_background", SimpleNamespace(enqueue=lambda run_id: None)
    )


def test_coordinator_dashboard_offers_to_start_a_program(live_server, phone: Page) -> None:
    load_demo()
    log_in(phone, live_server.url, "coordinator@example.org")
    expect(phone.get_by_role("heading", name="Programs you coordinate")).to_be_visible()
    look_at(phone, "30-dashboard-coordinator")
    phone.get_by_role("link", name="Start a program").click()
    expect(phone.get_by_label("Smallest group")).to_be_visible()
    look_at(phone, "31-program-new")


def test_new_program_form_refuses_a_smallest_group_above_the_largest_until_fixed(
    live_server, cora_page: Page
) -> None:
    page = cora_page
    page.goto(live_server.url + "/programs/new/")
    page.get_by_label("Name").fill("Autumn circles")
    page.get_by_label("Smallest group").fill("9")  # above the largest: a clear error
    today = timezone.localdate()
    page.get_by_label("Sign-up opens").fill(f"{today - timedelta(days=20):%Y-%m-%d}T09:00")
    page.get_by_label("Sign-up closes").fill(f"{today + timedelta(days=20):%Y-%m-%d}T17:00")
    page.get_by_role("button", name="Create the program").click()
    expect(page.get_by_text("is above the largest")).to_be_visible()
    assert not Program.objects.filter(name="Autumn circles").exists()
    page.get_by_label("Smallest group").fill("5")
    page.get_by_role("button", name="Create the program").click()
    expect(page.get_by_role("heading", name="Autumn circles")).to_be_visible()
    look_at(page, "32-program-dashboard")
    assert Program.objects.get(name="Autumn circles").min_size == 5


def test_sign_up_import_names_the_line_and_column_of_a_bad_value_and_imports_nothing(
    live_server, cora_page: Page, autumn: Program
) -> None:
    page = cora_page
    page.goto(f"{live_server.url}/programs/{autumn.pk}/")
    page.get_by_role("link", name="Sign-ups").first.click()
    page.get_by_role("link", name="Import a CSV file").click()
    bad = signups_csv(3) + b"4,Zed,z@example.edu,History,Lab 4,wizard,Weekday lunch,ghost\n"
    page.get_by_label("Sign-ups file (CSV)").set_input_files(
        files=FilePayload(name="bad.csv", mimeType="text/csv", buffer=bad)
    )
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text("Line 5, column 6: unknown stage 'wizard'")).to_be_visible()
    # Focus goes to the error summary, which links to the file field.
    expect(page.locator("section.form-errors")).to_be_focused()
    expect(page.get_by_role("link", name="Upload a corrected file")).to_have_attribute(
        "href", "#id_file"
    )
    look_at(page, "33-import-errors")
    assert not autumn.signups.exists()


def test_sign_up_import_of_a_clean_file_adds_every_sign_up(
    live_server, cora_page: Page, autumn: Program
) -> None:
    page = cora_page
    page.goto(f"{live_server.url}/programs/{autumn.pk}/signups/import/")
    page.get_by_label("Sign-ups file (CSV)").set_input_files(
        files=FilePayload(name="signups.csv", mimeType="text/csv", buffer=signups_csv(30))
    )
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("heading", name="Added")).to_be_visible()
    look_at(page, "34-import-preview")  # axe at 360 px and 1280 px
    assert not autumn.signups.exists()
    page.get_by_role("button", name="Import these changes").click()
    expect(page.get_by_text("Imported: 30 added, 0 updated, 0 unchanged.")).to_be_visible()
    look_at(page, "34-signups")
    assert autumn.signups.count() == 30


def test_coordinator_opens_one_sign_up_from_the_list_to_edit_it(
    live_server, cora_page: Page, imported: Program
) -> None:
    page = cora_page
    page.goto(f"{live_server.url}/programs/{imported.pk}/signups/")
    page.get_by_role("link", name=re.compile("^Edit Person 1$")).click()
    expect(page.get_by_role("heading", name="Person 1")).to_be_visible()
    look_at(page, "34a-signup-edit")


def test_a_queued_formation_shows_its_progress_until_the_groups_are_ready_for_review(
    live_server, cora_page: Page, imported: Program, queued_in_background: None
) -> None:
    page = cora_page
    page.goto(f"{live_server.url}/programs/{imported.pk}/")
    page.get_by_role("link", name="Form groups").first.click()
    page.get_by_role("button", name="Form groups").click()
    expect(page.get_by_role("heading", name="Forming groups…")).to_be_visible()
    look_at(page, "34b-formation-progress")
    formation_run_task(FormationRun.objects.get(program=imported).pk)
    expect(page.get_by_role("heading", name="Review the groups")).to_be_visible()
    look_at(page, "35-formation-review")


def test_moving_a_person_checks_the_formation_live_without_leaving_the_page(
    live_server, cora_page: Page, formed: FormationRun
) -> None:
    page = cora_page
    page.goto(f"{live_server.url}/programs/{formed.program_id}/formation/")
    page.locator("#group-1").get_by_role("link", name=re.compile("^Move")).first.click()
    expect(page.get_by_role("heading", name=re.compile("^Move Person"))).to_be_focused()
    page.get_by_label("Move to").select_option(index=1)
    # The check re-scores the formation on the server: allow a busy machine time for it.
    expect(page.locator("#move-check")).to_contain_text("Placed 30", timeout=20_000)
    look_at(page, "36-formation-move")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text("Moved.")).to_be_visible()


def test_forming_again_keeps_a_locked_group_as_it_was(
    live_server, cora_page: Page, formed: FormationRun, queued_in_background: None
) -> None:
    page = cora_page
    kept = next(g for g in formed.result["groups"] if g["number"] == 1)["members"]
    page.goto(f"{live_server.url}/programs/{formed.program_id}/formation/")
    page.get_by_role("button", name="Lock group 1").click()
    expect(page.get_by_text("Group 1 locked")).to_be_visible()
    page.get_by_role("button", name="Form again, keeping locked groups").click()
    expect(page.get_by_role("heading", name="Forming groups…")).to_be_visible()
    formation_run_task(formed.pk)
    expect(page.get_by_role("heading", name="Group 1 · ", exact=False).first).to_contain_text(
        "locked"
    )
    formed.refresh_from_db()
    assert next(g for g in formed.result["groups"] if g["number"] == 1)["members"] == kept


def test_publishing_the_groups_sends_every_sign_up_an_invitation(
    live_server, cora_page: Page, formed: FormationRun
) -> None:
    page = cora_page  # 30 sign-ups are published inside the request
    page.goto(f"{live_server.url}/programs/{formed.program_id}/formation/")
    page.get_by_role("link", name="Name the groups and publish").click()
    # The confirmation page: a name per group, its members and slot, and the mail to go out.
    expect(page.get_by_role("heading", name="The invitation")).to_be_visible()
    first = page.get_by_label("Name").first
    first.fill("")
    page.get_by_role("button", name="Publish and send 30 invitations").click()
    summary = page.get_by_role("alert").filter(has_text="Nothing was published")
    expect(summary).to_be_focused()
    look_at(page, "37-publish-confirm-error")
    page.get_by_label("Name").first.fill("Tuesday lunch circle")
    look_at(page, "37-publish-confirm")
    page.get_by_role("button", name="Publish and send 30 invitations").click()
    expect(page.get_by_text(re.compile(r"Published \d+ groups; 30 invitations"))).to_be_visible()
    assert formed.program.groups.filter(name="Tuesday lunch circle").exists()
    look_at(page, "37-program-published")
    invitations = [m for m in mail.outbox if "/join/" in str(m.body)]
    assert len(invitations) == 30


def test_an_invitation_opened_by_someone_else_shows_the_ground_rules_without_a_join_button(
    live_server, cora_page: Page, cora: User, formed: FormationRun
) -> None:
    formation_publish(
        access=get_program_for_user(cora, formed.program_id),
        run=formed,
        version=formed.version,
        names={g["number"]: f"Group {g['number']}" for g in formed.result["groups"]},
    )
    invitation = next(m for m in mail.outbox if "/join/" in str(m.body))
    join = re.search(r"/join/[^/\s]+/", str(invitation.body))
    assert join is not None
    page = cora_page
    page.goto(live_server.url + join.group(0))
    # Signed in as the coordinator, not the invitee: the page shows the group's ground rules
    # and says whom the invitation is for, without a button to join.
    expect(page.get_by_role("heading", name="The group's ground rules")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("join", re.IGNORECASE))).to_have_count(0)
    look_at(page, "38-join")


def test_a_newcomer_signs_up_for_the_demo_program(live_server, phone: Page, settings) -> None:
    load_demo()
    program = Program.objects.get(name__startswith="Postdoc & Graduate")
    page = phone
    page.goto(f"{live_server.url}/programs/{program.pk}/signup/")
    look_at(page, "40-signup-public")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    page.get_by_label("Name").fill("Noor Haddad")
    page.get_by_label("Email").fill("noor@example.edu")
    page.get_by_label("Department").fill("Linguistics")
    page.get_by_label("Career stage").select_option("postdoc")
    page.get_by_label("Weekday evening").check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    look_at(page, "40a-signup-sent")
    confirm = re.search(r"/programs/signup/confirm/\S+/", str(mail.outbox[-1].body))
    assert confirm is not None
    page.goto(live_server.url + confirm.group(0))
    page.get_by_role("button", name="Confirm my sign-up").click()
    expect(page.get_by_role("heading", name="You are signed up")).to_be_visible()
    look_at(page, "41-signup-confirmed")


def test_site_admin_makes_a_coordinator_and_late_visitors_see_a_closed_page(
    live_server, phone: Page, settings
) -> None:
    load_demo()
    page = phone
    log_in(page, live_server.url, "admin@example.org")
    page.get_by_role("link", name="Make someone a coordinator").click()
    page.get_by_label("Email of the new coordinator").fill("amara.okafor@example.org")
    page.get_by_role("button", name="Let them start programs").click()
    expect(page.get_by_text("amara.okafor@example.org can now start programs.")).to_be_visible()
    look_at(page, "42-coordinator-grant")
    program = Program.objects.get(name__startswith="Peer Mentoring Groups")
    page.goto(f"{live_server.url}/programs/{program.pk}/signup/")
    expect(page.get_by_role("heading", name="Sign-up is closed")).to_be_visible()
    look_at(page, "43-signup-closed")
