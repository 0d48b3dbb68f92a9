"""A coordinator's season in the browser: create a program, import sign-ups, form groups,
move someone, lock a group and re-form, publish; and a newcomer's public sign-up."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import FilePayload, Page, expect

from peercircle.programs.models import FormationRun, Program
from peercircle.programs.tasks import formation_run_task
from peercircle.programs.views import formation as formation_views
from tests.browser.conftest import log_in, look_at
from tests.conftest import load_demo

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


def test_coordinator_forms_and_publishes_a_program(
    live_server, phone: Page, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo()
    page = phone
    log_in(page, live_server.url, "coordinator@example.org")
    expect(page.get_by_role("heading", name="Programs you coordinate")).to_be_visible()
    look_at(page, "30-dashboard-coordinator")

    page.get_by_role("link", name="Start a program").click()
    look_at(page, "31-program-new")
    page.get_by_label("Name").fill("Autumn circles")
    page.get_by_label("Smallest group").fill("9")  # above the largest: a clear error
    today = timezone.localdate()
    page.get_by_label("Sign-up opens").fill(f"{today - timedelta(days=20):%Y-%m-%d}T09:00")
    page.get_by_label("Sign-up closes").fill(f"{today + timedelta(days=20):%Y-%m-%d}T17:00")
    page.get_by_role("button", name="Create the program").click()
    expect(page.get_by_text("is above the largest")).to_be_visible()
    page.get_by_label("Smallest group").fill("5")
    page.get_by_role("button", name="Create the program").click()
    expect(page.get_by_role("heading", name="Autumn circles")).to_be_visible()
    look_at(page, "32-program-dashboard")
    program = Program.objects.get(name="Autumn circles")

    page.get_by_role("link", name="Sign-ups").first.click()
    page.get_by_role("link", name="Import a CSV file").click()
    bad = signups_csv(3) + b"4,Zed,z@example.edu,History,Lab 4,wizard,Weekday lunch,ghost\n"
    page.get_by_label("Sign-ups file (CSV)").set_input_files(
        files=FilePayload(name="bad.csv", mimeType="text/csv", buffer=bad)
    )
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text("Line 5, column 6: unknown stage 'wizard'")).to_be_visible()
    look_at(page, "33-import-errors")
    page.get_by_label("Sign-ups file (CSV)").set_input_files(
        files=FilePayload(name="signups.csv", mimeType="text/csv", buffer=signups_csv(30))
    )
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text("Imported 30 sign-ups.")).to_be_visible()
    look_at(page, "34-signups")

    page.get_by_role("link", name=re.compile("^Edit Person 1$")).click()
    expect(page.get_by_role("heading", name="Person 1")).to_be_visible()
    look_at(page, "34a-signup-edit")
    page.go_back()

    # Queued as a large program would be, the page polls until the run is done. The test
    # plays the worker: the queued task runs below, not at once as the test settings would.
    monkeypatch.setattr(formation_views, "INLINE_LIMIT", 10)
    monkeypatch.setattr(
        formation_views, "formation_run_background", SimpleNamespace(enqueue=lambda run_id: None)
    )
    page.get_by_role("link", name="Form groups").first.click()
    page.get_by_role("button", name="Form groups").click()
    expect(page.get_by_role("heading", name="Forming groups…")).to_be_visible()
    look_at(page, "34b-formation-progress")
    formation_run_task(FormationRun.objects.get(program__name="Autumn circles").pk)
    expect(page.get_by_role("heading", name="Review the groups")).to_be_visible()
    look_at(page, "35-formation-review")

    # Move the first person of group 1 with the live check, without leaving the page.
    page.locator("#group-1").get_by_role("link", name=re.compile("^Move")).first.click()
    expect(page.get_by_role("heading", name=re.compile("^Move Person"))).to_be_focused()
    page.get_by_label("Move to").select_option(index=1)
    # The check re-scores the formation on the server: allow a busy machine time for it.
    expect(page.locator("#move-check")).to_contain_text("Placed 30", timeout=20_000)
    look_at(page, "36-formation-move")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text("Moved.")).to_be_visible()

    run = FormationRun.objects.get(program=program)
    kept = next(g for g in run.result["groups"] if g["number"] == 1)["members"]
    page.get_by_role("button", name="Lock group 1").click()
    expect(page.get_by_text("Group 1 locked")).to_be_visible()
    page.get_by_role("button", name="Form again, keeping locked groups").click()
    expect(page.get_by_role("heading", name="Forming groups…")).to_be_visible()
    formation_run_task(run.pk)
    expect(page.get_by_role("heading", name="Group 1 · ", exact=False).first).to_contain_text(
        "locked"
    )
    run.refresh_from_db()
    assert next(g for g in run.result["groups"] if g["number"] == 1)["members"] == kept

    monkeypatch.setattr(formation_views, "INLINE_LIMIT", 500)  # published in the request
    page.get_by_role("button", name="Publish and send invitations").click()
    expect(page.get_by_text(re.compile(r"Published \d+ groups; 30 invitations"))).to_be_visible()
    look_at(page, "37-program-published")
    invitations = [m for m in mail.outbox if "/join/" in str(m.body)]
    assert len(invitations) == 30

    join = re.search(r"/join/[^/\s]+/", str(invitations[0].body))
    assert join is not None
    page.goto(live_server.url + join.group(0))
    # Signed in as the coordinator, not the invitee: the page shows the group's ground rules
    # and says whom the invitation is for, without a button to join.
    expect(page.get_by_role("heading", name="The group's ground rules")).to_be_visible()
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
