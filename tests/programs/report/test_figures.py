"""The report's numbers: counted right, floored, and in a fixed number of queries."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peercircle.programs.access import get_program_for_user
from peercircle.programs.actions.term import term_create
from peercircle.programs.models import Program, Term
from peercircle.programs.report.disclosure import TOTAL
from peercircle.programs.report.figures import (
    NOT_FORMED,
    PLACED,
    UNPLACED,
    reason_kind,
    report_figures,
    term_months,
)
from tests.conftest import Cast
from tests.programs.conftest import make_signups


def make_term(cast: Cast, program: Program) -> Term:
    today = timezone.localdate()
    return term_create(
        access=get_program_for_user(cast.coordinator, program.pk),
        name="This year",
        starts_on=date(today.year - 1, today.month, 1),
        ends_on=today,
    )


def test_a_term_ends_after_it_starts(cast: Cast) -> None:
    access = get_program_for_user(cast.coordinator, cast.program.pk)
    with pytest.raises(ValidationError, match="ends after"):
        term_create(
            access=access, name="Backwards", starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 1)
        )


def test_applicants_and_their_breakdowns_are_counted_and_protected(cast: Cast) -> None:
    make_signups(cast.program, 12, departments=2)
    make_signups(cast.program, 3, stage="postdoc", prefix="post", departments=1)
    report = report_figures(make_term(cast, cast.program))
    assert report.applicants == 15
    assert report.placed is None  # nobody placed yet: zero is fewer than five
    stages = report.by_stage
    assert stages.shown(TOTAL, TOTAL) == 15
    assert stages.shown("Postdoc", UNPLACED) is None
    # 15 - 12 would give the postdocs away: a second cell of their column hides too.
    column = [stages.shown(row, UNPLACED) for row in (*stages.rows, TOTAL)]
    assert column.count(None) >= 2
    assert report.unplaced_reasons.shown(NOT_FORMED, "people") == 15
    assert report.by_department.shown("Dept 0", PLACED) == 0


def test_the_report_costs_the_same_queries_whatever_the_size(cast: Cast) -> None:
    term = make_term(cast, cast.program)
    make_signups(cast.program, 20)
    with CaptureQueriesContext(connection) as queries:
        report_figures(term)
    assert len(queries) <= 10


def test_reasons_are_counted_by_kind_never_quoted() -> None:
    assert reason_kind("they gave no meeting slot") == "gave no meeting slot"
    assert reason_kind("no postdoc group meets at a slot they can make (Mon)") == (
        "no group met at a slot they could make"
    )
    assert reason_kind("something new, naming p17") == "other"


def test_a_term_lists_its_months() -> None:
    term = Term(name="t", starts_on=date(2025, 11, 15), ends_on=date(2026, 2, 1))
    assert [m.month for m in term_months(term)] == [11, 12, 1, 2]
