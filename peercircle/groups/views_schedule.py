"""The recurring schedule, and one meeting: move, cancel, RSVP, host swap, its .ics."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.groups import actions
from peercircle.groups.access import can_edit_group, get_group_for_user
from peercircle.groups.calendar import meeting_ics as build_meeting_ics
from peercircle.groups.calendar import meeting_zone
from peercircle.groups.forms import MoveForm, RsvpForm, ScheduleForm
from peercircle.groups.models import Schedule
from peercircle.groups.queries import meeting_panel
from peercircle.lib.http import AuthedRequest
from peercircle.meetings import actions as meeting_actions
from peercircle.meetings.access import can_run_meeting, get_meeting_for_user
from peercircle.meetings.models import Meeting


@require_http_methods(["GET", "POST"])
def schedule_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Organizers set how often, when and where; future meetings follow, past ones stay."""
    group = get_group_for_user(request.user, pk, rule=can_edit_group).group
    current = Schedule.objects.filter(group=group).first()
    initial = {
        "timezone": group.timezone,
        "place": group.meeting_place,
        "start_date": timezone.localdate(),
        "duration_minutes": 90,
    }
    if current is not None:
        fields = ["kind", "weekday", "nth", "rrule", "start_time", "duration_minutes"]
        initial.update({name: getattr(current, name) for name in fields})
        initial.update(timezone=current.timezone, place=current.place, video_url=current.video_url)
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["zone"] = data.pop("timezone")
        try:
            schedule = actions.schedule_set(group=group, **data)
        except ValidationError as error:
            _add_any(form, error)
        else:
            text = actions.schedule_describe(schedule)
            messages.success(request, f"Schedule saved: {text}. Future meetings follow it.")
            return redirect("group_detail", pk=group.pk)
    context = {"group": group, "form": form, "current": current}
    status = 422 if form.errors else 200
    return render(request, "groups/schedule_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def meeting_move(request: AuthedRequest, pk: int) -> HttpResponse:
    """Move or re-place one meeting; times are read and shown in the group's zone."""
    access = get_meeting_for_user(request.user, pk, rule=can_run_meeting)
    meeting = access.meeting
    with timezone.override(meeting_zone(meeting)):
        initial = {
            "starts_at": timezone.localtime(meeting.starts_at),
            "location": meeting.location,
            "video_url": meeting.video_url,
        }
        form = MoveForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                meeting_actions.meeting_move(meeting=meeting, **form.cleaned_data)
            except ValidationError as error:
                _add_any(form, error)
            else:
                when = timezone.localtime(meeting.starts_at).strftime("%A %-d %B %Y, %H:%M")
                messages.success(request, f"Meeting moved to {when}. Members were told.")
                return redirect("meeting_detail", pk=meeting.pk)
        context = {"meeting": meeting, "form": form, "zone": meeting.group.timezone}
        status = 422 if form.errors else 200
        return render(request, "groups/meeting_move.html", context, status=status)


def _add_any(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_POST
def meeting_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, rule=can_run_meeting).meeting
    try:
        meeting_actions.meeting_cancel(meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Meeting cancelled. Members were told; the series goes on.")
    return redirect("meeting_detail", pk=meeting.pk)


@require_POST
def meeting_rsvp(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    form = RsvpForm(request.POST)
    if form.is_valid():
        try:
            actions.rsvp_set(meeting=access.meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    status = 422 if form.errors else 200
    if request.htmx:
        access.meeting.refresh_from_db()
        context = meeting_panel(access, form=form, saved=not form.errors)
        return render(request, "groups/_rsvp.html", context, status=status)
    if form.errors:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        messages.success(request, "Your answer is saved.")
    return redirect("meeting_detail", pk=pk)


@require_POST
def meeting_swap(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, rule=can_run_meeting).meeting
    other = Meeting.objects.filter(pk=_int(request.POST.get("other")), group=meeting.group).first()
    if other is None:
        messages.error(request, "Choose another meeting of this group to swap with.")
        return redirect("meeting_detail", pk=pk)
    try:
        meeting_actions.meeting_hosts_swap(meeting=meeting, other=other)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Hosts swapped.")
    return redirect("meeting_detail", pk=pk)


def _int(value: str | None) -> int:
    try:
        return int(value or "0")
    except ValueError:
        return 0


@require_GET
def meeting_ics(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk).meeting
    response = HttpResponse(build_meeting_ics(meeting), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
