"""A member says whether they come to a meeting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from peercircle.accounts.http import AuthedRequest
from peercircle.meetings.access import get_meeting_for_user
from peercircle.meetings.actions.rsvp import rsvp_set
from peercircle.meetings.forms import RsvpForm
from peercircle.meetings.queries import meeting_panel, run_for


@require_POST
def meeting_rsvp(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    form = RsvpForm(request.POST)
    if form.is_valid():
        try:
            rsvp_set(meeting=access.meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    status = 422 if form.errors else 200
    if request.htmx:
        access.meeting.refresh_from_db()
        run = run_for(access.meeting)
        context = meeting_panel(access, run=run, form=form, saved=not form.errors)
        return render(request, "meetings/_rsvp.html", context, status=status)
    if form.errors:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        messages.success(request, gettext("Your answer is saved."))
    return redirect("meeting_detail", pk=pk)
