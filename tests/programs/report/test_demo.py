"""The demo's finished term: real figures in the report, and some cells held back."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.programs.demo_report import NAME
from peercircle.programs.models import Program
from peercircle.programs.report.disclosure import TOTAL
from peercircle.programs.report.figures import PLACED, report_figures
from peercircle.programs.report.survey import survey_results


@pytest.fixture(autouse=True)
def debug_on(settings) -> None:
    settings.DEBUG = True


def test_the_demo_has_a_finished_term_with_real_and_hidden_figures(db: None) -> None:
    call_command("demo")
    program = Program.objects.get(name=NAME)
    term = program.terms.get()
    report = report_figures(term)
    assert report.applicants == 43
    assert report.placed == 36
    assert report.groups_formed == 6
    assert report.meetings_per_group is not None and report.meetings_per_group.median >= 7
    assert report.attendance_median is not None
    assert sum(1 for m in report.retention if m.attending is not None) >= 8
    assert report.goals.counts["set"] and report.goals.counts["reached"]
    assert report.by_stage.shown("Graduate student", TOTAL) == 28
    assert report.by_stage.shown(TOTAL, PLACED) == 36
    assert report.by_stage.shown("Faculty", PLACED) is None
    assert report.by_department.shown("History", TOTAL) is None
    survey = survey_results(term, timezone.now())
    assert survey is not None and survey.is_closed and survey.respondents
    assert any(item.mean is not None for item in survey.items)
    assert any(item.answers is not None and item.mean is None for item in survey.items)
    assert any(item.answers is None for item in survey.items)
    coordinator = User.objects.get(email="coordinator@example.org")
    from django.test import Client

    client = Client()
    client.force_login(coordinator)
    for name in ("program_research_csv", "program_research"):
        assert client.get(reverse(name, args=[program.pk])).status_code == 200
    for name in ("program_report", "program_report_print", "program_report_csv"):
        assert client.get(reverse(name, args=[program.pk])).status_code == 200


def test_a_demo_member_finds_the_open_survey_and_the_consent_ask(db: None) -> None:
    from django.test import Client

    call_command("demo")
    member = Program.objects.exclude(name=NAME).filter(terms__survey__isnull=False).first()
    assert member is not None
    person = User.objects.filter(memberships__group__program=member).first()
    client = Client()
    assert person is not None
    client.force_login(person)
    page = client.get("/").content.decode()
    assert "End-of-term survey" in page and "Research consent" in page
