"""The outcome report's pages: who reaches them, what they show, and what they never show."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.goals.actions import success_add
from peercircle.programs.actions.program import program_create
from peercircle.programs.models import Term
from tests.conftest import Cast, count_queries, page_text
from tests.programs.conftest import make_signups

PAGES = [
    ("program_report", "get"),
    ("program_report_print", "get"),
    ("program_report_csv", "get"),
    ("program_term_new", "post"),
]
# Members of the program's groups never see the report (403); everyone else learns nothing.
WHO = [("member", 403), ("other_member", 403), ("organizer", 403), ("outsider", 404)]


@pytest.fixture
def term(cast: Cast) -> Term:
    make_signups(cast.program, 14, departments=3)
    make_signups(cast.program, 6, stage="postdoc", prefix="post", departments=1)
    make_signups(cast.program, 3, stage="faculty", prefix="prof", departments=1)
    return Term.objects.create(
        program=cast.program, name="2026", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )


def url(name: str, cast: Cast, term: Term) -> str:
    return reverse(name, args=[cast.program.pk]) + f"?term={term.pk}"


@pytest.mark.parametrize(("name", "method"), PAGES)
@pytest.mark.parametrize(("who", "status"), WHO)
def test_only_the_program_coordinators_reach_the_report(
    cast: Cast, term: Term, name: str, method: str, who: str, status: int
) -> None:
    client = cast.client_for(getattr(cast, who))
    assert getattr(client, method)(url(name, cast, term)).status_code == status


@pytest.mark.parametrize(("name", "method"), PAGES)
def test_a_coordinator_of_another_program_gets_404(
    cast: Cast, term: Term, name: str, method: str
) -> None:
    program_create(name="Elsewhere", coordinators=[cast.outsider])
    client = cast.client_for(cast.outsider)
    assert getattr(client, method)(url(name, cast, term)).status_code == 404


@pytest.mark.parametrize(("name", "method"), PAGES)
def test_anonymous_visitors_are_sent_to_log_in(
    cast: Cast, term: Term, name: str, method: str
) -> None:
    response = getattr(Client(), method)(url(name, cast, term))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize(("name", "method"), PAGES)
def test_the_report_refuses_the_wrong_method(
    cast: Cast, term: Term, name: str, method: str
) -> None:
    client = cast.client_for(cast.coordinator)
    wrong = client.get if method == "post" else client.post
    assert wrong(url(name, cast, term)).status_code == 405


def test_a_term_of_another_program_is_not_found(cast: Cast, term: Term) -> None:
    mine = program_create(name="Mine too", coordinators=[cast.coordinator])
    response = cast.client_for(cast.coordinator).get(
        url("program_report", cast, term).replace(f"/{cast.program.pk}/", f"/{mine.pk}/")
    )
    assert response.status_code == 404


def test_the_report_shows_figures_and_hides_small_ones(cast: Cast, term: Term) -> None:
    text = page_text(cast.client_for(cast.coordinator), url("program_report", cast, term))
    assert "Applicants" in text and "23" in text
    assert "fewer than 5" in text
    assert "How each figure is computed" in text


def test_no_text_anyone_wrote_reaches_the_report(cast: Cast, term: Term) -> None:
    success_add(
        owner=cast.member, group=cast.group, text="SUCCESS-TEXT-41", happened_on=date(2026, 3, 1)
    )
    client = cast.client_for(cast.coordinator)
    for name in ("program_report", "program_report_print", "program_report_csv"):
        body = client.get(url(name, cast, term)).content.decode("utf-8-sig")
        assert "SUCCESS-TEXT-41" not in body
        assert "person0@example.edu" not in body and "Person 0" not in body


def test_the_printable_view_carries_its_stylesheet(cast: Cast, term: Term) -> None:
    text = page_text(cast.client_for(cast.coordinator), url("program_report_print", cast, term))
    assert "programs/report-print.css" in text
    assert "<svg" in text  # the chart, next to its table


def test_the_csv_lists_every_figure_with_hidden_ones_marked(cast: Cast, term: Term) -> None:
    response = cast.client_for(cast.coordinator).get(url("program_report_csv", cast, term))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert '"summary","Applicants","","23"' in body
    assert '"by career stage","Faculty","not placed","not shown"' in body


def test_a_coordinator_adds_a_term(cast: Cast) -> None:
    client = cast.client_for(cast.coordinator)
    new = reverse("program_term_new", args=[cast.program.pk])
    response = client.post(
        new, {"name": "Spring", "starts_on": "2026-01-01", "ends_on": "2026-06-30"}
    )
    assert response.status_code == 302
    assert cast.program.terms.get().name == "Spring"
    bad = client.post(new, {"name": "Back", "starts_on": "2026-06-01", "ends_on": "2026-01-01"})
    assert bad.status_code == 422
    assert "The last day comes after the first." in bad.content.decode()


def test_without_a_term_the_page_asks_for_one(cast: Cast) -> None:
    text = page_text(
        cast.client_for(cast.coordinator), reverse("program_report", args=[cast.program.pk])
    )
    assert "Add a term" in text


def test_the_report_costs_a_fixed_number_of_queries(cast: Cast, term: Term) -> None:
    client = cast.client_for(cast.coordinator)
    before = count_queries(client, url("program_report", cast, term))
    make_signups(cast.program, 30, prefix="more")
    assert count_queries(client, url("program_report", cast, term)) == before
