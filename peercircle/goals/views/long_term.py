"""The member's long-term list: only they ever see it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.goals import actions, queries
from peercircle.goals.access import get_long_term_for_user
from peercircle.goals.charts import progress_bar
from peercircle.goals.forms import LongTermEditForm, LongTermForm


@require_http_methods(["GET", "POST"])
def long_term_list(request: AuthedRequest) -> HttpResponse:
    """The member's long-term list; only they ever see it."""
    form = LongTermForm(
        request.POST if request.method == "POST" else None,
        initial={"target_year": timezone.localdate().year + 5},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.long_term_add(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Added to your long-term list."))
            return redirect("long_term_list")
    progress = queries.long_term_progress(request.user)
    reached = queries.long_term_reached(progress)
    context = {
        "form": form,
        "progress": progress,
        "reached": reached,
        "chart": progress_bar(
            reached=reached,
            total=len(progress),
            chart_id="long-term",
            title=gettext("Long-term list"),
        ),
    }
    return render(request, "goals/long_term_list.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def long_term_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = get_long_term_for_user(request.user, pk).long_term
    initial = {"text": goal.text, "target_year": goal.target_year, "status": goal.status}
    form = LongTermEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.long_term_update(goal=goal, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Long-term goal updated."))
            return redirect("long_term_list")
    status = 422 if form.errors else 200
    return render(request, "goals/long_term_edit.html", {"goal": goal, "form": form}, status=status)
