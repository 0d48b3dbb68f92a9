"""Before the meeting: a member's check-in, and the host's agenda."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.meetings import parts, queries
from peercircle.meetings.access import MeetingAccess, can_run_meeting, get_meeting_for_user
from peercircle.meetings.actions.agenda import agenda_adjust
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.live import NOT_RUNNER, may_control
from peercircle.meetings.forms import CheckInForm
from peercircle.meetings.models import CheckIn


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_http_methods(["GET", "POST"])
def checkin(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    meeting = access.meeting
    if request.method == "GET":
        # The form as the viewer left it: their check-in is a row of the group's and theirs.
        cached = parts.personal(
            "meeting-checkin", access, request, lambda: _checkin_form_html(access)
        )
        return render(request, "meetings/checkin.html", {"meeting": meeting, "cached": cached})
    form = CheckInForm(request.POST, initial=_checkin_initial(access))
    if form.is_valid():
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
    context = {"meeting": meeting, "form": form}
    return render(request, "meetings/checkin.html", context, status=422)


def _checkin_initial(access: MeetingAccess) -> dict[str, Any]:
    mine = CheckIn.objects.filter(meeting=access.meeting, user=access.user).first()
    if mine is None:
        return {}
    initial = {f: getattr(mine, f) for f in ("response", "topic", "notes", "success")}
    initial["minutes"] = mine.minutes or None
    return initial


def _checkin_form_html(access: MeetingAccess) -> str:
    context = {"meeting": access.meeting, "form": CheckInForm(initial=_checkin_initial(access))}
    return parts.render_part("meetings/_checkin_mine.html", context)


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
