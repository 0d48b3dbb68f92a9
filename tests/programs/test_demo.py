"""The demo's second program: sixty sign-ups ready to be formed."""

import pytest
from django.core.management import call_command

from peercircle.accounts.models import User
from peercircle.programs.models import Program, SignUp
from tests.programs.conftest import formed


@pytest.fixture(autouse=True)
def debug_on(settings) -> None:
    settings.DEBUG = True


def test_demo_has_a_program_in_its_sign_up_phase_ready_to_form(db: None) -> None:
    call_command("demo")
    call_command("demo")  # twice: nothing changes
    coordinator = User.objects.get(email="coordinator@example.org")
    assert coordinator.coordinated_programs.count() == 3  # and the finished year (report)
    assert coordinator.has_perm("programs.add_program")
    program = Program.objects.get(name__startswith="Postdoc & Graduate")
    signups = list(SignUp.objects.filter(program=program))
    assert 55 <= len(signups) <= 65
    assert len({s.email for s in signups}) == len(signups)
    assert sum(1 for s in signups if len(s.availability) == 1) >= 3
    assert sum(1 for s in signups if s.avoid.exists()) >= 3
    assert not program.groups.exists()
    run = formed(program, coordinator)
    placed = sum(len(g["members"]) for g in run.result["groups"])
    assert placed >= 50
