"""The consented research export: members give or revoke consent, coordinators export.

The consent page: members of the program's groups (coordinator 403, others 404). The
settings page, the export and its dictionary: the program's coordinators (the program
funnel). The export is refused while fewer than `REPORT_FLOOR` members consent.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.programs.access import get_program_for_member, get_program_for_user
from peercircle.programs.actions.research import (
    consent_give,
    consent_revoke,
    research_settings_set,
)
from peercircle.programs.forms import ConsentForm, ResearchSettingsForm
from peercircle.programs.models import Program, ResearchConsent
from peercircle.programs.research.dictionary import COLUMNS, HEADER, NO_SURVEY, dictionary_rows
from peercircle.programs.research.export import consenting, research_rows
from peercircle.programs.signups_csv import csv_bytes


@require_http_methods(["GET", "POST"])
def research_consent(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_program_for_member(request.user, pk)
    program = access.program
    consent = ResearchConsent.objects.filter(
        program=program, user=access.user, revoked_at__isnull=True
    ).first()
    form = ConsentForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if request.POST.get("choice") == "revoke":
            consent_revoke(access=access, now=timezone.now())
            messages.success(
                request, gettext("Consent revoked: you are left out of every later export.")
            )
            return redirect("research_consent", pk=pk)
        if form.is_valid():
            try:
                consent_give(access=access, now=timezone.now())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, gettext("Thank you: your consent is recorded."))
                return redirect("research_consent", pk=pk)
        status = 422
    context = {
        "program": program,
        "consent": consent,
        "form": form,
        "no_survey": gettext(NO_SURVEY),
    }
    return render(request, "programs/research_consent.html", context, status=status)


def _page(
    request: AuthedRequest, program: Program, form: ResearchSettingsForm, status: int
) -> HttpResponse:
    count = ResearchConsent.objects.filter(program=program, revoked_at__isnull=True).count()
    context = {
        "program": program,
        "form": form,
        "consents": count,
        "floor": settings.REPORT_FLOOR,
        "columns": [
            {"name": c.name, "kind": gettext(c.kind), "meaning": gettext(c.meaning)}
            for c in COLUMNS
        ],
        "no_survey": gettext(NO_SURVEY),
    }
    return render(request, "programs/research.html", context, status=status)


@require_http_methods(["GET", "POST"])
def program_research(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_program_for_user(request.user, pk)
    program = access.program
    if request.method == "GET":
        initial = {"enabled": program.research_consent_enabled, "ethics_text": program.ethics_text}
        return _page(request, program, ResearchSettingsForm(initial=initial), 200)
    form = ResearchSettingsForm(request.POST)
    if form.is_valid():
        try:
            research_settings_set(access=access, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Research export settings saved."))
            return redirect("program_research", pk=pk)
    return _page(request, program, form, 422)


@require_GET
def program_research_csv(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk).program
    consents = consenting(program)
    floor: int = settings.REPORT_FLOOR
    if len(consents) < floor:
        return HttpResponse(
            gettext(
                "The export needs at least %(floor)d consenting members; it is refused below that."
            )
            % {"floor": floor},
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    body = csv_bytes(HEADER, research_rows(program, consents))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="program-{program.pk}-research.csv"'
    return response


@require_GET
def program_research_dictionary(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk).program
    body = csv_bytes(["column", "kind", "meaning"], dictionary_rows())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"program-{program.pk}-research-dictionary.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
