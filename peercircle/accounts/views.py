import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from peercircle.accounts import actions
from peercircle.accounts.forms import ProfileForm
from peercircle.accounts.models import User
from peercircle.lib.http import AuthedRequest

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "POST"])
def profile_edit(request: AuthedRequest) -> HttpResponse:
    # The form edits a copy so a rejected submission never touches request.user.
    form = ProfileForm(request.POST or None, instance=User.objects.get(pk=request.user.pk))
    if request.method == "POST" and form.is_valid():
        actions.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("profile")
    status = 422 if form.errors else 200
    return render(request, "accounts/profile.html", {"form": form}, status=status)


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
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid token (an old tab, cookies off): say what to do."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)
