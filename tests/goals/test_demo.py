from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from peercircle.goals.models import Goal, GoalStatus, LongTermGoal, LongTermStatus, Success
from peercircle.programs import demo_report

# The demo's groups that still meet; the finished term of the outcome report has a year of
# goals of its own (tests/programs/report/test_demo.py).
running = Goal.objects.exclude(group__program__name=demo_report.NAME)


@pytest.fixture
def demo(now: datetime, db: None) -> None:
    with override_settings(DEBUG=True):
        call_command("demo", stdout=StringIO())


def test_demo_goals_use_every_status_across_three_past_meetings(demo: None) -> None:
    statuses = set(running.values_list("status", flat=True))
    assert statuses == set(GoalStatus.values)
    reviewed_at = running.exclude(status=GoalStatus.OPEN).values("reviewed_in").distinct()
    set_at = running.values("set_at").distinct()
    assert reviewed_at.count() == 2 and set_at.count() == 3


def test_demo_has_a_carried_over_goal_a_private_goal_and_successes(demo: None) -> None:
    carried = running.get(status=GoalStatus.CARRIED_OVER)
    assert running.get(carried_from=carried).text == carried.text
    assert running.filter(private=True).exists()
    assert Success.objects.count() >= 3


def test_demo_long_term_list_reaches_4_of_8(demo: None) -> None:
    amara = LongTermGoal.objects.filter(owner__email="amara.okafor@example.org")
    assert amara.count() == 8
    assert amara.filter(status=LongTermStatus.REACHED).count() == 4


def test_demo_runs_twice_without_changing_goals(demo: None) -> None:
    before = Goal.objects.count()
    with override_settings(DEBUG=True):
        call_command("demo", stdout=StringIO())
    assert Goal.objects.count() == before
