"""Recording a goal's review at a meeting."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.goals import actions, queries
from peercircle.goals.access import get_goal_review_for_user
from peercircle.goals.forms import ReviewForm


@require_http_methods(["GET", "POST"])
def goal_review(request: AuthedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Record a due goal's status and a one-line note, by its owner or the meeting's host."""
    access = get_goal_review_for_user(request.user, pk, meeting_pk)
    goal, meeting = access.goal, access.meeting
    form = ReviewForm(request.POST if request.method == "POST" else None, prefix=f"g{goal.pk}")
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            actions.goal_review(
                goal=goal,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                meeting=meeting,
                by=access.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.htmx:
                return redirect("meeting_detail", pk=meeting.pk)
            saved = True
            form = ReviewForm(prefix=f"g{goal.pk}")
    context = {
        "item": queries.review_goal(goal, meeting, access.membership),
        "meeting": meeting,
        "form": form,
        "saved": saved,
        "carried_to": queries.carried_to(goal) if saved else None,
    }
    template = "goals/_review_goal.html" if request.htmx else "goals/goal_review.html"
    return render(request, template, context, status=422 if form.errors else 200)
