"""Forming a program's groups: run, watch the progress, review, move, lock, publish."""

from collections import Counter
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest, HtmxRequest
from peercircle.programs import formation_adapter as adapter
from peercircle.programs.access import get_program_for_user
from peercircle.programs.actions.formation import StaleFormation, formation_start
from peercircle.programs.actions.formation import formation_lock as lock
from peercircle.programs.actions.formation import formation_move as move
from peercircle.programs.models import FormationRun, Program, RunStatus
from peercircle.programs.queries import formable_signups, formation_current
from peercircle.programs.tasks import (
    INLINE_LIMIT,
    formation_run_background,
    formation_run_task,
)

GROUPS_PER_PAGE = 20
LATE = _(
    "they were confirmed after these groups were formed; form again, or move them into a group"
)


@require_GET
def formation_page(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk).program
    run = formation_current(program)
    context: dict[str, Any] = {"program": program, "run": run}
    context["published"] = program.groups.count()
    if run is None or run.status != RunStatus.DONE:
        context["formable"] = len(formable_signups(program))
    else:
        context.update(_preview(program, run, request.GET.get("page")))
    return render(request, "programs/formation.html", context)


def _preview(program: Program, run: FormationRun, page: str | None) -> dict[str, Any]:
    """Everything the review shows, from three reads whatever the formation's size."""
    signups = {s.pk: s for s in formable_signups(program)}
    people = adapter.people_for(program, list(signups.values()))
    names = {pk: s.name for pk, s in signups.items()}
    preview = _formable_preview(run, signups)
    shown = Paginator(preview["groups"], GROUPS_PER_PAGE).get_page(page)
    shown.object_list = [_group_view(g, signups, people) for g in shown.object_list]
    placed = {pk for group in preview["groups"] for pk in group["members"]}
    unplaced = [
        {
            "signup": signups[u["signup"]],
            "reason": adapter.in_words(u["reason"], names),
            "fix": u["fix"] and adapter.in_words(u["fix"], names),
        }
        for u in run.result.get("unplaced", [])
        if u["signup"] in signups
    ]
    explained = placed | {u["signup"] for u in run.result.get("unplaced", [])}
    unplaced += [
        {"signup": signup, "reason": LATE, "fix": None}
        for pk, signup in signups.items()
        if pk not in explained
    ]
    return {
        "page": shown,
        "group_count": len(preview["groups"]),
        "unplaced": unplaced,
        "placed": len(placed),
        "total": len(signups),
        "spread": adapter.department_spread(program, preview, people),
        "broken": [
            adapter.in_words(text, names) for text in adapter.violations(program, preview, people)
        ],
    }


def _formable_preview(run: FormationRun, signups: dict[int, Any]) -> adapter.Preview:
    """The run's groups without anyone withdrawn since; groups left empty disappear."""
    groups = []
    for group in run.result.get("groups", []):
        members = [pk for pk in group["members"] if pk in signups]
        if members:
            groups.append({**group, "members": members})
    return {"groups": groups}


def _group_view(
    group: dict[str, Any], signups: dict[int, Any], people: adapter.People
) -> dict[str, Any]:
    members = [signups[pk] for pk in group["members"]]
    persons = [people[adapter.person_id(pk)] for pk in group["members"]]
    departments = Counter(m.department or "not given" for m in members)
    return {
        **group,
        "people": members,
        "common": adapter.common_slots(persons),
        "departments": sorted(departments.items(), key=lambda item: (-item[1], item[0])),
    }


@require_POST
def formation_run(request: AuthedRequest, pk: int) -> HttpResponse:
    """Form (or re-form, keeping locked groups); small programs are formed right away."""
    access = get_program_for_user(request.user, pk)
    try:
        run = formation_start(access=access, version=_version(request))
    except StaleFormation as stale:
        messages.error(request, str(stale))
        return redirect("formation_page", pk=pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("formation_page", pk=pk)
    if len(formable_signups(access.program)) <= INLINE_LIMIT:
        formation_run_task(run.pk)
    else:
        transaction.on_commit(partial(formation_run_background.enqueue, run.pk))
    return redirect("formation_page", pk=pk)


@require_GET
def formation_progress(request: HtmxRequest, pk: int) -> HttpResponse:
    """The progress bar htmx polls each second; once the run ends the page reloads."""
    program = get_program_for_user(request.user, pk).program
    run = formation_current(program)
    if run is None or run.is_finished:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "programs/_formation_progress.html", {"program": program, "run": run})


@require_http_methods(["GET", "POST"])
def formation_move(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET: the move form for one person (a fragment for htmx); POST: make the move."""
    program = get_program_for_user(request.user, pk).program
    run = formation_current(program)
    if run is None:
        return _gone(request, pk)
    data = request.POST if request.method == "POST" else request.GET
    signup_id, raw = _int(data.get("signup")), data.get("to", "")
    to_group = _int(raw)
    chosen = raw == "none" or to_group is not None  # "none": out of every group
    if request.method == "POST" and chosen:
        return _apply_move(request, run, signup_id, to_group)
    if request.method == "POST":
        messages.error(request, gettext("Choose the group to move them to."))
    return _move_form(request, program, run, signup_id, to_group if chosen else -1)


def _apply_move(
    request: AuthedRequest, run: FormationRun, signup_id: int | None, to_group: int | None
) -> HttpResponse:
    if signup_id is None:
        raise Http404("No such person")
    try:
        move(run=run, signup_id=signup_id, to_group=to_group, version=_version(request) or 0)
    except StaleFormation as stale:
        messages.error(request, str(stale))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, gettext("Moved.") if to_group else gettext("Left out of every group.")
        )
    return redirect(reverse("formation_page", args=[run.program_id]) + "#review")


def _move_form(
    request: AuthedRequest,
    program: Program,
    run: FormationRun,
    signup_id: int | None,
    to_group: int | None,
) -> HttpResponse:
    """The move form; `to_group` -1 when no group is chosen yet, None for "out of every group"."""
    signups = {s.pk: s for s in formable_signups(program)}
    if signup_id not in signups:
        raise Http404("No such person in this formation")
    groups = run.result.get("groups", [])
    current = next((g for g in groups if signup_id in g["members"]), None)
    context = {
        "program": program,
        "run": run,
        "signup": signups[signup_id],
        "current": current,
        "targets": [g for g in groups if not g["locked"] and g is not current],
        "to": to_group,
        "check": None if to_group == -1 else _check(program, run, signups, signup_id, to_group),
    }
    if request.htmx and request.htmx.target == "move-check":
        return render(request, "programs/_move_check.html", context)
    template = "programs/_move_form.html" if request.htmx else "programs/formation_move.html"
    return render(request, template, context)


def _check(
    program: Program,
    run: FormationRun,
    signups: dict[int, Any],
    signup_id: int,
    to_group: int | None,
) -> dict[str, Any] | None:
    """What the engine says of the move, with people named."""
    people = adapter.people_for(program, list(signups.values()))
    preview = _formable_preview(run, signups)
    numbers = {g["number"] for g in preview["groups"]}
    if to_group is not None and to_group not in numbers:
        return None
    result = adapter.check_move(program, preview, people, signup_id, to_group)
    names = {pk: s.name for pk, s in signups.items()}
    return {
        "broken": [adapter.in_words(text, names) for text in result.broken],
        "before": result.before,
        "after": result.after,
        # Out of every group is allowed, but never "fine": that person will not be invited.
        "unplaced": names[signup_id] if to_group is None else None,
    }


@require_POST
def formation_lock(request: AuthedRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk).program
    run = formation_current(program)
    if run is None:
        return _gone(request, pk)
    number = _int(request.POST.get("group"))
    locked = request.POST.get("locked") == "1"
    try:
        lock(run=run, number=number or 0, locked=locked, version=_version(request) or 0)
    except StaleFormation as stale:
        messages.error(request, str(stale))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if locked:
            done = gettext("Group %(number)s locked: a re-run keeps it as it is.")
        else:
            done = gettext("Group %(number)s unlocked.")
        messages.success(request, done % {"number": number})
    return redirect(reverse("formation_page", args=[pk]) + f"#group-{number}")


def _gone(request: AuthedRequest, pk: int) -> HttpResponse:
    # A second click on Publish, or another coordinator published meanwhile.
    messages.error(
        request, gettext("There is no formation to change: it may have just been published.")
    )
    return redirect("formation_page", pk=pk)


def _int(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _version(request: AuthedRequest) -> int | None:
    return _int(request.POST.get("version"))
