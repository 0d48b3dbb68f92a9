"""Handing the organizer role on, and leaving a group."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.groups.access import can_edit_group, get_group_for_user
from peercircle.groups.actions.membership import membership_leave
from peercircle.groups.actions.membership import organizer_hand_over as organizer_hand_over_action
from peercircle.groups.forms import HandOverForm


@require_http_methods(["GET", "POST"])
def organizer_hand_over(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, pk, rule=can_edit_group)
    others = access.group.memberships.select_related("user").exclude(pk=access.membership.pk)
    form = HandOverForm(request.POST if request.method == "POST" else None, memberships=others)
    if request.method == "POST" and form.is_valid():
        new = organizer_hand_over_action(
            group=access.group,
            by=access.membership,
            to=form.cleaned_data["to"],
            step_down=form.cleaned_data["step_down"],
        )
        messages.success(
            request,
            gettext("%(person)s is now an organizer of %(name)s.")
            % {"person": new.user.name, "name": access.group.name},
        )
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
            successor = membership_leave(membership=access.membership)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if successor:
                text = gettext("You left %(name)s. %(person)s is its organizer now.") % {
                    "name": access.group.name,
                    "person": successor.user.name,
                }
            else:
                text = gettext("You left %(name)s.") % {"name": access.group.name}
            messages.success(request, text)
            return redirect("dashboard")
    context = {"group": access.group, "membership": access.membership, "error": error}
    return render(request, "groups/leave.html", context, status=422 if error else 200)
