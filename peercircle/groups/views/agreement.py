"""The group agreement: reading it, accepting it, and organizers changing it."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest
from peercircle.groups import queries
from peercircle.groups.access import GroupAccess, can_edit_group, get_group_for_user
from peercircle.groups.actions.agreement import agreement_accept as agreement_accept_action
from peercircle.groups.actions.agreement import agreement_update
from peercircle.groups.forms import AcceptForm, AgreementForm
from peercircle.groups.models import DEFAULT_AGREEMENT


@require_http_methods(["GET"])
def agreement_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, pk)
    return _agreement_page(request, access)


@require_POST
def agreement_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, pk)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return _agreement_page(request, access, error=gettext("Something was missing; try again."))
    try:
        agreement_accept_action(membership=access.membership, version=form.cleaned_data["version"])
    except ValidationError as error:
        return _agreement_page(request, access, error=" ".join(error.messages))
    messages.success(request, gettext("Thank you: you accepted the group's agreement."))
    return redirect("group_detail", pk=pk)


@require_POST
def agreement_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, pk, rule=can_edit_group)
    form = AgreementForm(request.POST)
    if form.is_valid():
        try:
            agreement_update(group=access.group, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # a dict error lands on its field
        else:
            messages.success(
                request, gettext("The agreement is changed; every member accepts it again.")
            )
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
    current = queries.current_agreement(group.pk)
    versions = queries.accepted_versions(group)
    mine = versions.get(access.membership.pk, 0)
    outdated = current is not None and 0 < mine < current.version
    change = queries.agreement_change(group, mine) if outdated else None
    if access.is_organizer and edit_form is None:
        edit_form = AgreementForm(
            initial={
                "text": current.text if current else gettext(DEFAULT_AGREEMENT),
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
