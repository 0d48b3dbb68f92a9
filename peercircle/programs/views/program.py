"""A coordinator's program: create, edit, the aggregate dashboard and its CSV."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.programs import charts, queries
from peercircle.programs.access import (
    ASK_TO_CREATE,
    can_create_program,
    get_program_for_user,
    require_site_right,
)
from peercircle.programs.actions.program import program_create, program_update
from peercircle.programs.forms import ProgramForm
from peercircle.programs.models import Program, SignupStatus
from peercircle.programs.signups_csv import csv_bytes


@require_http_methods(["GET", "POST"])
def program_new(request: AuthedRequest) -> HttpResponse:
    require_site_right(request.user, can_create_program, ASK_TO_CREATE)
    form = ProgramForm(
        request.POST if request.method == "POST" else None,
        initial={"career_stages": ["graduate", "postdoc"]},
    )
    if request.method == "POST" and form.is_valid():
        coordinators = {request.user, *form.cleaned_data["co_coordinators"]}
        try:
            program = program_create(coordinators=coordinators, **form.program_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _created_message(program))
            return redirect("program_detail", pk=program.pk)
    status = 422 if form.errors else 200
    return render(request, "programs/program_form.html", {"form": form}, status=status)


def _created_message(program: Program) -> str:
    """Say what to do with the sign-up link in the state sign-up is in now."""
    now = timezone.now()
    if program.signup_is_open(now):
        return gettext("Program created. Sign-up is open: share the link below.")
    if program.signup_opens and program.signup_opens > now:
        return gettext(
            "Program created. Sign-up opens on the date you set; the link below works from then."
        )
    return gettext("Program created. Set a sign-up window in the settings to collect sign-ups.")


@require_http_methods(["GET", "POST"])
def program_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_program_for_user(request.user, pk)
    program = access.program
    initial = ProgramForm.initial_for(program, list(program.coordinators.all()))
    form = ProgramForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Nobody removes themselves by accident: the editor stays a coordinator.
        coordinators = {access.user, *form.cleaned_data["co_coordinators"]}
        try:
            program_update(access=access, coordinators=coordinators, **form.program_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Program saved."))
            return redirect("program_detail", pk=program.pk)
    status = 422 if form.errors else 200
    context = {"form": form, "program": program}
    return render(request, "programs/program_form.html", context, status=status)


@require_GET
def program_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The coordinator's dashboard: totals and per-group counts, never what a group said."""
    program = get_program_for_user(request.user, pk).program
    now = timezone.now()
    figures = queries.program_figures(program, now=now)
    counts = program.signups.exclude(status=SignupStatus.WITHDRAWN).count()
    context = {
        "program": program,
        "figures": figures,
        "chart": charts.bar_chart(figures.retention),
        "page": queries.groups_page(program, request.GET.get("page"), now=now),
        "signup_count": counts,
        "signup_open": program.signup_is_open(now),
        "signup_ahead": program.signup_opens is not None and program.signup_opens > now,
        "signup_url": request.build_absolute_uri(reverse("signup_public", args=[program.pk])),
    }
    return render(request, "programs/program_detail.html", context)


@require_GET
def program_figures_csv(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk).program
    figures = queries.program_figures(program, now=timezone.now())
    body = csv_bytes(["figure", "value"], figures.rows())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="program-{program.pk}-figures.csv"'
    return response
