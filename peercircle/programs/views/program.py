"""A coordinator's program: create, edit, the aggregate dashboard and its CSV."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.lib.clocked_parts import Until, earliest, part_until
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
    groups = queries.program_group_scopes(program)
    raw = request.GET.get("page", "")
    number = raw if raw.isdigit() and len(raw) < 9 else "1"
    signup_url = request.build_absolute_uri(reverse("signup_public", args=[program.pk]))
    # The same for each of the program's coordinators: its figures move with any write in
    # any of its groups (their versions), the clock (kept until a figure would move), the
    # local date (retention months) and zone, the page of groups, the address of the site.
    body = part_until(
        "program-dashboard",
        [("program", program.pk), *groups],
        lambda: _program_body(program, number, len(groups), signup_url),
        timezone.get_current_timezone_name(),
        timezone.localdate(),
        number,
        signup_url,
    )
    return render(request, "programs/program_detail.html", {"program": program, "body": body})


def _program_body(
    program: Program, number: str, groups_total: int, signup_url: str
) -> tuple[str, Until]:
    now = timezone.now()
    figures, moves = queries.program_figures_until(program, now=now, groups_total=groups_total)
    page = queries.groups_page(program, number, now=now)
    context = {
        "program": program,
        "figures": figures,
        "chart": charts.bar_chart(figures.retention),
        "page": page,
        "signup_count": program.signups.exclude(status=SignupStatus.WITHDRAWN).count(),
        "signup_open": program.signup_is_open(now),
        "signup_ahead": program.signup_opens is not None and program.signup_opens > now,
        "signup_url": signup_url,
    }
    until = earliest(
        moves,
        program.signup_opens,
        program.signup_closes,
        *(group.next_meeting for group in page),  # the next one starts: the one after shows
    )
    return render_to_string("programs/_program_dashboard.html", context), until


@require_GET
def program_figures_csv(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk).program
    figures = queries.program_figures(program, now=timezone.now())
    body = csv_bytes(["figure", "value"], figures.rows())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="program-{program.pk}-figures.csv"'
    return response
