"""Sharing a success with the group, and taking it back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest
from peercircle.goals import actions
from peercircle.goals.access import get_meeting_in_group, get_success_for_user
from peercircle.goals.forms import SuccessForm
from peercircle.groups.access import get_group_for_user


@require_http_methods(["GET", "POST"])
def success_new(request: AuthedRequest, group_pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, group_pk).group
    meeting = get_meeting_in_group(group, request.GET.get("meeting", ""))
    form = SuccessForm(
        request.POST if request.method == "POST" else None,
        initial={"happened_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.success_add(owner=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Success shared with your group."))
            if meeting is not None:
                return redirect("meeting_detail", pk=meeting.pk)
            return redirect("group_detail", pk=group.pk)
    context = {"group": group, "meeting": meeting, "form": form}
    return render(request, "goals/success_new.html", context, status=422 if form.errors else 200)


@require_POST
def success_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    success = get_success_for_user(request.user, pk, write=True).success
    meeting = get_meeting_in_group(success.group, request.GET.get("meeting", ""))
    group_pk = success.group_id
    actions.success_delete(success=success)
    messages.success(request, gettext("Success removed."))
    if meeting is not None:
        return redirect("meeting_detail", pk=meeting.pk)
    return redirect("group_detail", pk=group_pk)
