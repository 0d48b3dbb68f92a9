"""After the meeting: its summary page."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from peercircle.accounts.http import AuthedRequest
from peercircle.lib.svg import bars
from peercircle.meetings import queries
from peercircle.meetings.access import (
    can_read_note,
    can_share_note_after_end,
    get_meeting_for_user,
)
from peercircle.meetings.forms import NoteForm
from peercircle.meetings.models import AgendaItem


@require_GET
def summary(request: AuthedRequest, pk: int) -> HttpResponse:
    """After the meeting: attendance, planned and actual time, outcomes, who commented on whom.

    Venting slots show their time only; no topic, note or check-in text appears here.
    """
    access = get_meeting_for_user(request.user, pk)
    meeting = access.meeting
    run = queries.run_for(meeting)
    items = list(meeting.agenda_items.select_related("presenter").prefetch_related("comments"))
    present = list(meeting.attendance.filter(present=True).select_related("user"))
    absent = list(meeting.attendance.filter(present=False).select_related("user"))
    names = {u.pk: u.name for u in queries.members_of(meeting)}
    rows = [
        {
            "item": item,
            "actual_minutes": round(item.actual_seconds / 60),
            "commenters": sorted(
                names.get(c.commenter_id, "a former member") for c in item.comments.all()
            ),
        }
        for item in items
    ]
    notes = [
        n
        for n in meeting.notes.select_related("author", "item__presenter")
        if can_read_note(n, request.user.pk)
    ]
    runner_id = run.runner_id if run else None
    is_host = can_share_note_after_end(meeting, access.membership, runner_id)
    note_form = NoteForm(initial={"shared": is_host})
    if not is_host:
        note_form.fields["shared"].widget = forms.HiddenInput()
    context = {
        "meeting": meeting,
        "access": access,
        "notes": notes,
        "note_form": note_form,
        "is_host": is_host,
        "rows": rows,
        "present": present,
        "absent": absent,
        "run": run,
        "bars": _time_bars(items),
    }
    return render(request, "meetings/summary.html", context)


def _time_bars(items: list[AgendaItem]) -> str:
    rows = [(item.title, round(item.actual_seconds / 60)) for item in items if item.actual_seconds]
    planned = [item.planned_minutes for item in items if item.actual_seconds]
    if not rows:
        return ""
    return bars(
        [label for label, _ in rows],
        [value for _, value in rows],
        unit="min",
        title=gettext("Minutes spent on each item"),
        marks=planned,
    )
