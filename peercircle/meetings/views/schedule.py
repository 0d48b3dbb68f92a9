"""A group's recurring schedule: set by its organizers, or adopted from a poll."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest
from peercircle.groups.access import (
    can_adopt_poll,
    can_edit_group,
    get_group_for_user,
    get_poll_for_user,
)
from peercircle.groups.forms import AdoptForm, PollAnswerForm
from peercircle.groups.views.polls import render_poll
from peercircle.meetings.actions.schedule import schedule_adopt_poll, schedule_set
from peercircle.meetings.forms import ScheduleForm
from peercircle.meetings.models import Schedule
from peercircle.meetings.queries import schedule_describe


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
    form = ScheduleForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["zone"] = data.pop("timezone")
        try:
            schedule = schedule_set(group=group, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            text = schedule_describe(schedule)
            messages.success(
                request,
                gettext("Schedule saved: %(schedule)s. Future meetings follow it.")
                % {"schedule": text},
            )
            return redirect("group_detail", pk=group.pk)
    context = {"group": group, "form": form, "current": current}
    status = 422 if form.errors else 200
    return render(request, "meetings/schedule_edit.html", context, status=status)


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Put each field's errors on its field, the rest on the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_POST
def poll_adopt(request: AuthedRequest, pk: int) -> HttpResponse:
    poll = get_poll_for_user(request.user, pk, rule=can_adopt_poll).poll
    adopt = AdoptForm(request.POST, poll=poll)
    if adopt.is_valid():
        options = {o.pk: o for o in poll.options.all()}
        place_pk = adopt.cleaned_data["place_option"]
        try:
            schedule = schedule_adopt_poll(
                poll=poll,
                time_option=options[adopt.cleaned_data["time_option"]],
                place_option=options.get(place_pk) if place_pk else None,
                kind=adopt.cleaned_data["kind"],
                confirmed=adopt.cleaned_data["confirmed"],
            )
        except ValidationError as error:
            adopt.add_error(None, error)
        else:
            text = schedule_describe(schedule)
            messages.success(
                request,
                gettext("Adopted: %(schedule)s. Meetings are on the calendar.")
                % {"schedule": text},
            )
            return redirect("group_detail", pk=poll.group_id)
    form = PollAnswerForm(poll=poll, initial_answers={})
    return render_poll(request, poll, True, form, adopt)
