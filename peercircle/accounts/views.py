import csv
import logging
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.accounts import actions, personal_data
from peercircle.accounts.forms import AccountDeleteForm, ProfileForm
from peercircle.accounts.http import AuthedRequest
from peercircle.accounts.models import User
from peercircle.lib import versions

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "POST"])
def profile_edit(request: AuthedRequest) -> HttpResponse:
    if request.method == "GET":
        # The fields as saved, kept under the person's version (a save of their row replaces
        # it); the form tag and its CSRF token stay outside, rendered per request.
        pk = request.user.pk
        fields = versions.part("profile-fields", [("user", pk)], lambda: _profile_fields(pk))
        return render(request, "accounts/profile.html", {"fields": fields})
    # The form edits a copy so a rejected submission never touches request.user.
    form = ProfileForm(request.POST, instance=User.objects.get(pk=request.user.pk))
    if form.is_valid():
        actions.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, gettext("Your profile is saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"fields": _form_fields(form)}, status=422)


def _profile_fields(pk: int) -> str:
    return render_to_string(
        "_form_fields.html", {"form": ProfileForm(instance=User.objects.get(pk=pk))}
    )


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 only when the app can serve pages (database reachable,
    static files' manifest in place), else 503 naming what is wrong."""
    problems = [problem for check in (_database_problem, _static_problem) if (problem := check())]
    if problems:
        return JsonResponse({"status": "error", "problems": problems}, status=503)
    return JsonResponse({"status": "ok"})


def _database_problem() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("healthz: database unreachable")
        return "database unreachable"
    return ""


def _static_problem() -> str:
    # Every page links the stylesheet; with the manifest storage a missing manifest (no
    # collectstatic) makes this lookup fail, and so would every page.
    try:
        staticfiles_storage.url("css/peercircle.css")
    except ValueError:
        return "static files manifest missing: run collectstatic"
    return ""


@login_not_required
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: send them to the SVG."""
    return redirect(staticfiles_storage.url("favicon.svg"))


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid token (an old tab, cookies off): say what to do."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


@require_GET
def data_page(request: AuthedRequest) -> HttpResponse:
    return render(request, "accounts/data.html", _data_context(request.user))


# The CSV tables' names are file names (and URLs); these are their names on the page.
# A table missing here is shown under its file name.
TABLE_LABELS = {
    "attendance": _("Attendance"),
    "checkins": _("Check-ins"),
    "goals": _("Goals"),
    "mail": _("Mail"),
    "notes": _("Notes"),
    "rsvps": _("RSVPs"),
}


def _data_context(user: User, form: AccountDeleteForm | None = None) -> dict[str, Any]:
    # The page is the same text for everyone but for these two facts about the person; the
    # deletion form's tag and CSRF token stay outside the parts, rendered per request.
    coordinated = user.coordinated_programs.count()
    facts = {"coordinated": coordinated, "is_staff": user.is_staff}
    body = versions.part(
        "data-page",
        [],
        lambda: render_to_string("accounts/_data.html", _data_text(facts)),
        *facts.values(),
    )
    if form is None:  # an empty password box: the same for everyone
        fields = versions.part(
            "data-delete-fields", [], lambda: _form_fields(AccountDeleteForm(user=user))
        )
    else:
        fields = _form_fields(form)
    return {"body": body, "fields": fields}


def _data_text(facts: dict[str, Any]) -> dict[str, Any]:
    tables = [
        (name, TABLE_LABELS.get(name, name.capitalize())) for name in personal_data.table_names()
    ]
    return {"tables": tables, **facts}


def _form_fields(form: forms.BaseForm) -> SafeString:
    return render_to_string("_form_fields.html", {"form": form})


@require_GET
def data_export_json(request: AuthedRequest) -> HttpResponse:
    """Everything the site holds about the caller, as one JSON download."""
    data = {
        "format": personal_data.EXPORT_FORMAT,
        "site": settings.SITE_NAME,
        "exported_at": timezone.now(),
        **personal_data.collect(request.user),
    }
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = _attachment(request.user, "json")
    return response


@require_GET
def data_export_csv(request: AuthedRequest, name: str) -> HttpResponse:
    if name not in personal_data.table_names():
        raise Http404("No such table")
    rows = personal_data.tables(request.user).get(name, [])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment(request.user, "csv", name)
    columns = list(rows[0]) if rows else []
    writer = csv.writer(response)
    writer.writerow(columns)
    writer.writerows([[_cell(row[column]) for column in columns] for row in rows])
    return response


def _attachment(user: User, extension: str, part: str = "data") -> str:
    return f'attachment; filename="peercircle-{part}-{timezone.localdate():%Y-%m-%d}.{extension}"'


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet would run a cell starting like a formula: keep it text.
    return f"'{text}" if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


@require_POST
def account_delete(request: AuthedRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "accounts/data.html", _data_context(request.user, form), status=422)
    actions.account_delete(user=request.user)
    logout(request)
    messages.success(request, gettext("Your account is deleted. Thank you for taking part."))
    return redirect("dashboard")
