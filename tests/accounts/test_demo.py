from datetime import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Membership
from peercircle.groups.queries import (
    accepted_versions,
    current_agreement,
    not_accepted,
)
from peercircle.meetings.models import Meeting, Status
from peercircle.meetings.queries import group_schedule_panel
from peercircle.programs import demo_report
from peercircle.programs.models import Program
from peercircle.programs.queries import program_figures


@pytest.fixture(autouse=True)
def debug_on(settings) -> None:
    settings.DEBUG = True


def test_demo_refuses_to_run_with_debug_off(db: None, settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo")
    assert not User.objects.exists()


def test_demo_loads_once_and_prints_logins_with_roles(db: None, capsys) -> None:
    call_command("demo")
    first = capsys.readouterr().out
    counts = (User.objects.count(), Group.objects.count(), Meeting.objects.count())
    call_command("demo")
    again = capsys.readouterr().out
    assert (User.objects.count(), Group.objects.count(), Meeting.objects.count()) == counts
    assert counts[0] >= 20
    assert Group.objects.filter(program__isnull=False).count() >= 3
    assert "peercircle-demo" in again
    for role, email in [
        ("site admin", "admin@example.org"),
        ("coordinator", "coordinator@example.org"),
        ("organizer", "amara.okafor@example.org"),
        ("member", "luis.ortega@example.org"),
    ]:
        assert any(role in line and email in line for line in first.splitlines()), role


def running_groups() -> list[Group]:
    """The demo's groups that still meet: the finished term of the outcome report is over
    (no upcoming meeting) and shows members drifting away on purpose."""
    return list(Group.objects.exclude(program__name=demo_report.NAME))


def test_demo_groups_mix_labs_and_departments(db: None) -> None:
    call_command("demo")
    for group in running_groups():
        members = [m.user for m in Membership.objects.filter(group=group).select_related("user")]
        assert len(members) == 6
        assert len({u.lab for u in members}) == 6
        assert len({u.department for u in members}) == 6
        assert len({u.career_stage for u in members}) == 1
        assert group.meetings.filter(status=Status.HELD).count() >= 3
        assert group.meetings.upcoming().count() >= 1


def test_the_finished_term_groups_name_their_place_and_mix_labs(db: None) -> None:
    call_command("demo", stdout=StringIO())
    finished = Group.objects.filter(program__name=demo_report.NAME)
    assert finished.count() == len(demo_report.GROUP_NAMES)
    for group in finished:
        members = [m.user for m in group.memberships.select_related("user")]
        assert group.meeting_place, group.name
        assert len({u.lab for u in members}) == len(members), group.name


def test_demo_has_a_self_started_group_with_one_member_yet_to_accept(db: None) -> None:
    call_command("demo", stdout=StringIO())
    group = Group.objects.get(program__isnull=True, name="St. Louis Faculty Circle")
    agreement = current_agreement(group.pk)
    assert agreement is not None
    members = list(group.memberships.all())
    waiting = not_accepted(members, agreement, accepted_versions(group))
    assert len(members) == 6 and len(waiting) == 1
    institutions = {m.user.lab.split("(")[-1] for m in group.memberships.select_related("user")}
    assert len(institutions) >= 4


def test_demo_groups_show_as_alive_with_a_meeting_place(db: None) -> None:
    """Every demo group has taken attendance at its held meetings, so its page never says
    "Only 0 members came", and names the place its meetings are at."""
    call_command("demo", stdout=StringIO())
    for group in running_groups():
        held = group.meetings.filter(status=Status.HELD)
        assert all(m.attendance.filter(present=True).count() >= 5 for m in held), group.name
        assert group.meeting_place, group.name
        panel = group_schedule_panel(group, group.memberships.count())
        assert panel["few_active"] is False, group.name


def test_demo_program_page_counts_people_in_every_month_their_group_met(
    now: datetime, db: None
) -> None:
    """The demo groups were formed before their first meeting, so the coordinator's
    month-by-month figures show each month a group met, not only the current one."""
    call_command("demo", stdout=StringIO())
    program = Program.objects.get(groups__isnull=False, groups__name="Thursday Evening Circle")
    shown = [bar for bar in program_figures(program, now=timezone.now()).retention if bar.value]
    assert len(shown) >= 3


def test_demo_shows_a_university_sign_in_on_the_login_page(db: None, client) -> None:
    call_command("demo")
    page = client.get("/accounts/login/", HTTP_HOST="localhost")
    assert b"Sign in with Gateway University (demo)" in page.content
    metadata = client.get("/accounts/saml/gateway-demo/metadata/", HTTP_HOST="localhost")
    assert metadata.status_code == 200
    # The demo logins' own domain still logs in with a password.
    assert b"example.org" not in page.content
