"""A coordinator's program: create, edit, the aggregate dashboard and its CSV."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.programs import actions, charts, queries
from peercircle.programs.access import (
    can_create_program,
    can_grant_coordinator,
    get_program_for_user,
)
from peercircle.programs.formation_adapter import csv_bytes
from peercircle.programs.forms import GrantForm, ProgramForm
from peercircle.programs.models import SignupStatus


@require_http_methods(["GET", "POST"])
def program_new(request: AuthedRequest) -> HttpResponse:
    if not can_create_program(request.user):
        raise PermissionDenied("Site admins decide who may start a program; ask one of them.")
    form = ProgramForm(request.POST or None, initial={"career_stages": ["graduate", "postdoc"]})
    if request.method == "POST" and form.is_valid():
        coordinators = {request.user, *form.cleaned_data["co_coordinators"]}
        try:
            program = actions.program_create(coordinators=coordinators, **form.program_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Program created. Share the sign-up link when it opens.")
            return redirect("program_detail", pk=program.pk)
    status = 422 if form.errors else 200
    return render(request, "programs/program_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def program_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk)
    initial = ProgramForm.initial_for(program, list(program.coordinators.all()))
    form = ProgramForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Nobody removes themselves by accident: the editor stays a coordinator.
        coordinators = {request.user, *form.cleaned_data["co_coordinators"]}
        try:
            actions.program_update(
                program=program, coordinators=coordinators, **form.program_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Program saved.")
            return redirect("program_detail", pk=program.pk)
    status = 422 if form.errors else 200
    context = {"form": form, "program": program}
    return render(request, "programs/program_form.html", context, status=status)


@require_GET
def program_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The coordinator's dashboard: totals and per-group counts, never what a group said."""
    program = get_program_for_user(request.user, pk)
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
        "site_url": settings.SITE_URL,
    }
    return render(request, "programs/program_detail.html", context)


@require_GET
def program_figures_csv(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk)
    figures = queries.program_figures(program, now=timezone.now())
    body = csv_bytes(["figure", "value"], figures.rows())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="program-{program.pk}-figures.csv"'
    return response


@require_http_methods(["GET", "POST"])
def coordinator_grant(request: AuthedRequest) -> HttpResponse:
    """Site admins let someone start programs."""
    if not can_grant_coordinator(request.user):
        raise PermissionDenied("Only site admins can make coordinators.")
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = actions.coordinator_grant(user=form.cleaned_data["email"])
        messages.success(request, f"{user.email} can now start programs.")
        return redirect("coordinator_grant")
    status = 422 if form.errors else 200
    return render(request, "programs/coordinator_grant.html", {"form": form}, status=status)
