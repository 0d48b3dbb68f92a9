"""A program's outcome report per term: the page, the printable view, the CSV, new terms.

Coordinators only (the program funnel): members of the program's groups get 403, everyone
else 404. Every figure comes through `report.disclosure`; no text anyone wrote is read.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from peercircle.accounts.http import AuthedRequest
from peercircle.programs.access import get_program_for_user
from peercircle.programs.actions.term import term_create
from peercircle.programs.forms import SurveySetupForm, TermForm
from peercircle.programs.models import Program, Survey, Term
from peercircle.programs.report import present
from peercircle.programs.report.figures import report_figures
from peercircle.programs.report.survey import survey_csv_rows, survey_results
from peercircle.programs.signups_csv import csv_bytes


def _term(program: Program, chosen: str | None) -> tuple[Term | None, list[Term]]:
    """The term asked for (404 when not this program's), else the latest; and all terms."""
    terms = list(program.terms.all())
    if chosen is None:
        return (terms[0] if terms else None), terms
    term = next((t for t in terms if str(t.pk) == chosen), None)
    if term is None:
        raise Http404("No such term")
    return term, terms


def _context(program: Program, term: Term | None, terms: list[Term]) -> dict[str, Any]:
    context: dict[str, Any] = {"program": program, "term": term, "terms": terms}
    if term is None:
        return context
    term.program = program
    report = report_figures(term)
    context.update(
        report=report,
        headline=present.headline(report),
        reasons=present.table_rows(report.unplaced_reasons, report.floor),
        stages=present.table_rows(report.by_stage, report.floor),
        departments=present.table_rows(report.by_department, report.floor),
        retention_chart=present.retention_chart(report),
        stage_chart=present.stage_chart(report),
        retention=[
            (m.month, present.shown(m.attending, report.floor), m.share) for m in report.retention
        ],
        survey_results=survey_results(term, timezone.now()),
    )
    return context


@require_GET
def program_report(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk).program
    term, terms = _term(program, request.GET.get("term"))
    context = _context(program, term, terms)
    context["form"] = TermForm()
    context.update(_survey_setup(term))
    return render(request, "programs/report.html", context)


@require_GET
def program_report_print(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk).program
    term, terms = _term(program, request.GET.get("term"))
    if term is None:
        return redirect("program_report", pk=program.pk)
    return render(request, "programs/report_print.html", _context(program, term, terms))


@require_GET
def program_report_csv(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk).program
    term, _ = _term(program, request.GET.get("term"))
    if term is None:
        raise Http404("This program has no term to report on yet")
    term.program = program
    rows = present.csv_rows(report_figures(term))
    rows += survey_csv_rows(survey_results(term, timezone.now()))
    body = csv_bytes(["section", "figure", "column", "value"], rows)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"program-{program.pk}-report-{term.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def program_term_new(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_program_for_user(request.user, pk)
    form = TermForm(request.POST)
    if form.is_valid():
        try:
            term = term_create(access=access, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Term “%(term)s” added.") % {"term": term.name})
            return redirect(reverse("program_report", args=[pk]) + f"?term={term.pk}")
    latest, terms = _term(access.program, None)
    context = _context(access.program, latest, terms)
    context["form"] = form
    context.update(_survey_setup(latest))
    return render(request, "programs/report.html", context, status=422)


def _survey_setup(term: Term | None) -> dict[str, Any]:
    """The form that switches the term's survey on, filled with its settings if it is."""
    if term is None:
        return {}
    survey = Survey.objects.filter(term=term).first()
    if survey is None:
        return {"survey_form": SurveySetupForm(), "survey_locked": False}
    initial = {"constructs": survey.constructs, "closes_at": timezone.localtime(survey.closes_at)}
    locked = survey.responded.exists()
    return {"survey_form": SurveySetupForm(initial=initial), "survey_locked": locked}
