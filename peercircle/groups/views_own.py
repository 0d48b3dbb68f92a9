"""Self-started groups, the group agreement, handing over and leaving (issue 14)."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from peercircle.groups import actions, queries
from peercircle.groups.access import GroupAccess, can_edit_group, get_group_for_user
from peercircle.groups.forms import AcceptForm, AgreementForm, HandOverForm, StartGroupForm
from peercircle.groups.models import DEFAULT_AGREEMENT, Membership
from peercircle.lib.http import AuthedRequest


def _require_self_started_groups() -> None:
    if not settings.SELF_STARTED_GROUPS:
        raise Http404("Self-started groups are turned off on this site")


@require_http_methods(["GET", "POST"])
def group_start(request: AuthedRequest) -> HttpResponse:
    _require_self_started_groups()
    initial = {"timezone": request.user.timezone, "agreement_text": DEFAULT_AGREEMENT}
    form = StartGroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            group = actions.group_start(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{group.name} is started. Next: invite your peers.")
            return redirect("group_detail", pk=group.pk)
    status = 422 if form.errors else 200
    return render(request, "groups/start.html", {"form": form}, status=status)


@require_http_methods(["GET"])
def agreement_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, pk)
    return _agreement_page(request, access)


@require_POST
def agreement_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, pk)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return _agreement_page(request, access, error="Something was missing; try again.")
    try:
        actions.agreement_accept(membership=access.membership, version=form.cleaned_data["version"])
    except ValidationError as error:
        return _agreement_page(request, access, error=" ".join(error.messages))
    messages.success(request, "Thank you: you accepted the group's agreement.")
    return redirect("group_detail", pk=pk)


@require_POST
def agreement_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, pk, rule=can_edit_group)
    form = AgreementForm(request.POST)
    if form.is_valid():
        try:
            actions.agreement_update(group=access.group, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # a dict error lands on its field
        else:
            messages.success(request, "The agreement is changed; every member accepts it again.")
            return redirect("agreement_detail", pk=pk)
    return _agreement_page(request, access, edit_form=form)


def _agreement_page(
    request: AuthedRequest,
    access: GroupAccess,
    *,
    error: str = "",
    edit_form: AgreementForm | None = None,
) -> HttpResponse:
    group = access.group
    current = queries.current_agreement(group)
    versions = queries.accepted_versions(group)
    mine = versions.get(access.membership.pk, 0)
    outdated = current is not None and 0 < mine < current.version
    change = queries.agreement_change(group, mine) if outdated else None
    if access.is_organizer and edit_form is None:
        edit_form = AgreementForm(
            initial={
                "text": current.text if current else DEFAULT_AGREEMENT,
                "based_on": current.version if current else 0,
            }
        )
    memberships = list(group.memberships.select_related("user"))
    context: dict[str, Any] = {
        "group": group,
        "agreement": current,
        "accepted_version": mine,
        "change": change,
        "error": error,
        "edit_form": edit_form if access.is_organizer else None,
        "waiting": queries.not_accepted(memberships, current, versions),
    }
    status = 422 if error or (edit_form is not None and edit_form.errors) else 200
    return render(request, "groups/agreement.html", context, status=status)


@require_http_methods(["GET", "POST"])
def organizer_hand_over(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, pk, rule=can_edit_group)
    others = access.group.memberships.select_related("user").exclude(pk=access.membership.pk)
    form = HandOverForm(request.POST or None, memberships=others)
    if request.method == "POST" and form.is_valid():
        new = actions.organizer_hand_over(
            group=access.group,
            by=access.membership,
            to=form.cleaned_data["to"],
            step_down=form.cleaned_data["step_down"],
        )
        messages.success(request, f"{new.user.name} is now an organizer of {access.group.name}.")
        return redirect("group_detail", pk=pk)
    status = 422 if form.errors else 200
    context = {"group": access.group, "form": form}
    return render(request, "groups/hand_over.html", context, status=status)


@require_http_methods(["GET", "POST"])
def group_leave(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, pk)
    error = ""
    if request.method == "POST":
        try:
            successor = actions.membership_leave(membership=access.membership)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            note = f" {successor.user.name} is its organizer now." if successor else ""
            messages.success(request, f"You left {access.group.name}.{note}")
            return redirect("dashboard")
    context = {"group": access.group, "membership": access.membership, "error": error}
    return render(request, "groups/leave.html", context, status=422 if error else 200)


def group_page_extras(access: GroupAccess, memberships: list[Membership]) -> dict[str, Any]:
    """What the group page shows of the agreement and the first steps, in a few queries."""
    current = queries.current_agreement(access.group)
    versions = queries.accepted_versions(access.group)
    return {
        "agreement": current,
        "agreement_waiting": queries.not_accepted(memberships, current, versions),
        "i_accepted": current is None or versions.get(access.membership.pk, 0) >= current.version,
        "first_steps": queries.first_steps(access.group, len(memberships))
        if access.is_organizer
        else [],
    }
