"""Before the meeting: a member's check-in, and the host's agenda."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.meetings import queries
from peercircle.meetings.access import can_run_meeting, get_meeting_for_user
from peercircle.meetings.actions.agenda import agenda_adjust
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.live import NOT_RUNNER, may_control
from peercircle.meetings.forms import CheckInForm
from peercircle.meetings.models import CheckIn


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_http_methods(["GET", "POST"])
def checkin(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk).meeting
    mine = CheckIn.objects.filter(meeting=meeting, user=request.user).first()
    initial = {}
    if mine is not None:
        initial = {f: getattr(mine, f) for f in ("response", "topic", "notes", "success")}
        initial["minutes"] = mine.minutes or None
    form = CheckInForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = checkin_save(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if saved.late:
                text = gettext("Your check-in is saved (after the start, so marked late).")
            else:
                text = gettext("Your check-in is saved.")
            messages.success(request, text)
            return redirect("meeting_detail", pk=meeting.pk)
    context = {"meeting": meeting, "form": form, "mine": mine}
    status = 422 if form.errors else 200
    return render(request, "meetings/checkin.html", context, status=status)


@require_http_methods(["GET", "POST"])
def agenda_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The host reorders items and adjusts minutes, with the total in view."""
    access = get_meeting_for_user(request.user, pk)
    meeting = access.meeting
    run = queries.run_for(meeting)
    if not may_control(access, run):
        # An organizer (or a host) whose meeting someone else now runs still reads the
        # agenda they were sent to, rather than a 403: only changing it is refused.
        if request.method == "POST" or not can_run_meeting(meeting, access.membership):
            raise PermissionDenied(NOT_RUNNER)
        context = {"meeting": meeting, "agenda": queries.agenda_for(meeting), "run": run}
        return render(request, "meetings/agenda_read.html", context)
    error = ""
    if request.method == "POST":
        try:
            minutes, order = _read_agenda_post(request)
            agenda_adjust(access=access, minutes=minutes, order=order)
        except ValidationError as problem:
            error = error_text(problem)
        else:
            messages.success(request, gettext("Agenda saved."))
            return redirect("meeting_agenda", pk=meeting.pk)
    context = {"meeting": meeting, "agenda": queries.agenda_for(meeting), "error": error}
    return render(request, "meetings/agenda_edit.html", context, status=422 if error else 200)


def _read_agenda_post(request: AuthedRequest) -> tuple[dict[int, int], dict[int, int]]:
    minutes: dict[int, int] = {}
    order: dict[int, int] = {}
    for key in request.POST:
        name, _, raw_id = key.partition("-")
        if name not in ("minutes", "order") or not (raw_id.isascii() and raw_id.isdigit()):
            continue
        try:
            number = int(request.POST.get(key, ""))
        except ValueError:
            raise ValidationError(gettext("Minutes and positions must be whole numbers.")) from None
        (minutes if name == "minutes" else order)[int(raw_id)] = number
    return minutes, order
