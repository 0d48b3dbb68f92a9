"""Sign-ups: the public form with its email confirmation, and the coordinator's list, edit,
withdraw, CSV import and export."""

import secrets
from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest, HtmxRequest
from peercircle.accounts.models import User
from peercircle.formation.signups import InvalidSignups
from peercircle.lib.natural import natural_key
from peercircle.mail.actions import mail_enqueue
from peercircle.programs import signups_csv
from peercircle.programs.access import ProgramAccess, get_program_for_user, get_signup_for_user
from peercircle.programs.actions import signups as actions
from peercircle.programs.engine_words import file_problem
from peercircle.programs.forms import ImportForm, SignupEditForm, SignupForm
from peercircle.programs.import_plan import import_plan
from peercircle.programs.models import Program, SignUp, SignupStatus

CONFIRM_SALT = "programs.signup-confirm"
CONFIRM_MAX_AGE = 14 * 24 * 3600
PER_PAGE = 50
# A person signs up once; a script posting the form over and over is slowed down.
RATE_LIMIT = 10
RATE_WINDOW = 3600


@login_not_required
@require_http_methods(["GET", "POST"])
def signup_public(request: HtmxRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program, pk=pk)
    now = timezone.now()
    if not program.signup_is_open(now):
        return render(request, "programs/signup_closed.html", {"program": program, "now": now})
    form = SignupForm(
        request.POST if request.method == "POST" else None,
        program=program,
        initial=_from_profile(request),
    )
    if request.method == "POST" and form.is_valid():
        if form.is_trap_filled or _over_limit(request):
            return redirect("signup_sent", pk=program.pk)  # say nothing a bot could learn from
        try:
            signup = actions.signup_submit(program=program, now=now, **form.signup_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if signup is not None:
                _send_confirmation(signup)
            return redirect("signup_sent", pk=program.pk)
    status = 422 if form.errors else 200
    context = {"program": program, "form": form}
    return render(request, "programs/signup_public.html", context, status=status)


def _from_profile(request: HtmxRequest) -> dict[str, str]:
    """Someone signed in need not type what their profile already says."""
    user = request.user
    if not isinstance(user, User):
        return {}
    return {
        "name": user.display_name,
        "email": user.email,
        "department": user.department,
        "lab": user.lab,
        "stage": user.career_stage,
    }


def _over_limit(request: HtmxRequest) -> bool:
    key = f"programs:signup:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        return cache.incr(key) > RATE_LIMIT
    except ValueError:  # the entry expired between the two calls
        return False


def _send_confirmation(signup: SignUp) -> None:
    token = signing.dumps(signup.pk, salt=CONFIRM_SALT)
    mail_enqueue(
        kind="signup_confirmation",
        to=signup.email,
        key=f"signup_confirmation:{signup.pk}:1:{signup.email}",
        context={
            "program": signup.program,
            "name": signup.name,
            "confirm_path": reverse("signup_confirm", args=[token]),
        },
    )


@login_not_required
@require_GET
def signup_sent(request: HtmxRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program, pk=pk)
    return render(request, "programs/signup_sent.html", {"program": program})


@login_not_required
@require_http_methods(["GET", "POST"])
def signup_confirm(request: HtmxRequest, token: str) -> HttpResponse:
    """GET shows a button and POST confirms: mail scanners that follow links confirm nothing."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return render(request, "programs/signup_confirm.html", {"invalid": True}, status=404)
    signup = SignUp.objects.select_related("program").filter(pk=pk).first()
    if signup is None:
        raise Http404("No such sign-up")
    if request.method == "POST":
        signup = actions.signup_confirm(signup=signup)
    return render(request, "programs/signup_confirm.html", {"signup": signup})


@require_GET
def signup_list(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk).program
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    signups = program.signups.all()
    if query:
        signups = signups.filter(
            Q(name__icontains=query)
            | Q(email__icontains=query)
            | Q(department__icontains=query)
            | Q(lab__icontains=query)
        )
    if status in SignupStatus.values:
        signups = signups.filter(status=status)
    signups = signups.annotate(avoid_confirmed=Count("avoid")).order_by("name", "pk")
    # "Person2" before "Person10": sorted in Python, as the database sorts letter by letter.
    ordered = sorted(signups, key=lambda s: (natural_key(s.name), s.pk))
    page = Paginator(ordered, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "page": page,
        "q": query,
        "status": status,
        "statuses": SignupStatus.choices,
        "signup_url": request.build_absolute_uri(reverse("signup_public", args=[program.pk])),
    }
    return render(request, "programs/signup_list.html", context)


@require_http_methods(["GET", "POST"])
def signup_edit(request: AuthedRequest, pk: int, signup_pk: int) -> HttpResponse:
    signup, access = get_signup_for_user(request.user, pk, signup_pk)
    program = access.program
    form = SignupEditForm(
        request.POST if request.method == "POST" else None,
        program=program,
        candidates=_avoid_candidates(signup),
        initial=SignupEditForm.initial_for(signup),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.signup_update(
                signup=signup, avoid=form.cleaned_data["avoid"], **form.signup_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Saved %(name)s's sign-up.") % {"name": signup.name})
            return redirect("signup_list", pk=program.pk)
    status = 422 if form.errors else 200
    context = {"program": program, "signup": signup, "form": form}
    return render(request, "programs/signup_edit.html", context, status=status)


def _avoid_candidates(signup: SignUp) -> QuerySet[SignUp]:
    """Sign-ups matching the names or emails this person asked to avoid, and those confirmed."""
    words = [w.strip() for w in signup.avoid_text.replace(";", ",").split(",") if w.strip()]
    match = Q(pk__in=signup.avoid.values("pk"))
    for word in words[:10]:
        match |= Q(email__iexact=word) | Q(name__iexact=word)
        if len(word) >= 3:
            match |= Q(name__icontains=word)
    return signup.program.signups.filter(match).exclude(pk=signup.pk).order_by("name")


@require_POST
def signup_withdraw(request: AuthedRequest, pk: int, signup_pk: int) -> HttpResponse:
    signup, _ = get_signup_for_user(request.user, pk, signup_pk)
    actions.signup_withdraw(signup=signup)
    messages.success(request, f"{signup.name} is withdrawn and will not be placed.")
    return redirect("signup_list", pk=pk)


@require_http_methods(["GET", "POST"])
def signup_import(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_program_for_user(request.user, pk)
    context: dict[str, Any] = {"program": access.program, "problems": (), "error": ""}
    if request.method == "GET":
        context["form"] = ImportForm()
        return render(request, "programs/signup_import.html", context)
    if "token" in request.POST:
        return _import_confirm(request, access, context)
    if _too_big(request):  # judged on the declared length, before the upload is read
        context.update(form=ImportForm(), error=_size_message())
        return render(request, "programs/signup_import.html", context, status=422)
    form = ImportForm(request.POST, request.FILES)
    context["form"] = form
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > signups_csv.MAX_CSV_BYTES:
            context["error"] = _size_message()
        else:
            return _import_preview(request, access, upload.read(), context)
    return render(request, "programs/signup_import.html", context, status=422)


IMPORT_TTL = 30 * 60  # a preview waits half an hour for its confirmation


def _import_preview(
    request: AuthedRequest, access: ProgramAccess, data: bytes, context: dict[str, Any]
) -> HttpResponse:
    """Checks the file and shows what confirming would change; writes nothing."""
    context.setdefault("form", ImportForm())
    try:
        plan = import_plan(access.program, signups_csv.parse_csv(data, access.program))
        if plan.problems:
            raise InvalidSignups(plan.problems)
    except InvalidSignups as error:
        context["problems"] = [
            replace(problem, message=file_problem(problem.message)) for problem in error.problems
        ]
        count = len(error.problems)
        context["error"] = ngettext(
            "%(count)d problem found; nothing was imported.",
            "%(count)d problems found; nothing was imported.",
            count,
        ) % {"count": count}
        return render(request, "programs/signup_import.html", context, status=422)
    token = secrets.token_urlsafe(16)
    cache.set(_import_key(access, token), (data, plan.fingerprint()), IMPORT_TTL)
    context.update(plan=plan, token=token)
    return render(request, "programs/signup_import_preview.html", context)


def _import_confirm(
    request: AuthedRequest, access: ProgramAccess, context: dict[str, Any]
) -> HttpResponse:
    key = _import_key(access, request.POST.get("token", "")[:64])
    stored = cache.get(key)
    # Deleting is the claim: of two clicks on one preview, only one finds it.
    if stored is None or not cache.delete(key):
        context.update(form=ImportForm(), error=STALE_PREVIEW)
        return render(request, "programs/signup_import.html", context, status=409)
    data, fingerprint = stored
    try:
        plan = import_plan(access.program, signups_csv.parse_csv(data, access.program))
    except InvalidSignups:
        plan = None
    if plan is None or plan.problems or plan.fingerprint() != fingerprint:
        context["error"] = gettext(
            "The sign-ups changed since the preview; nothing was imported. Check this new preview."
        )
        return _import_preview(request, access, data, context)
    try:
        actions.signups_import(access=access, plan=plan)
    except ValidationError as error:
        context.update(form=ImportForm(), error=" ".join(error.messages))
        return render(request, "programs/signup_import.html", context, status=422)
    messages.success(
        request,
        gettext("Imported: %(added)d added, %(updated)d updated, %(unchanged)d unchanged.")
        % {
            "added": len(plan.added),
            "updated": len(plan.updated),
            "unchanged": len(plan.unchanged),
        },
    )
    return redirect("signup_list", pk=access.program.pk)


STALE_PREVIEW = gettext_lazy(
    "This preview was already imported or has expired; nothing more was imported. "
    "Upload the file again to see a new preview."
)


def _import_key(access: ProgramAccess, token: str) -> str:
    return f"signup-import:{access.program.pk}:{access.user.pk}:{token}"


def _too_big(request: AuthedRequest) -> bool:
    # Refuse on the declared length before Django reads and stores the upload.
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > signups_csv.MAX_CSV_BYTES + 64 * 1024


def _size_message() -> str:
    limit = signups_csv.MAX_CSV_BYTES // (1024 * 1024)
    return gettext("The file is larger than %(limit)d MB; nothing was imported.") % {"limit": limit}


@require_GET
def signup_export(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk).program
    response = HttpResponse(
        signups_csv.signups_csv(program), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="program-{program.pk}-signups.csv"'
    return response
