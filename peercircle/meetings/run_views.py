"""Pages of the meeting itself: check-in, agenda, the live run, notes and the summary.

Every view goes through `get_meeting_for_user` (404 outsiders, 403 coordinators). Forms
post normally and redirect, so everything works without JavaScript; meeting-run.js posts
the same forms with `Accept: application/json` and gets JSON back instead.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.accounts.models import User
from peercircle.groups.models import Group
from peercircle.lib.http import AuthedRequest
from peercircle.lib.svg import bars, heatmap
from peercircle.meetings import actions, queries
from peercircle.meetings.access import MeetingAccess, can_control_run, get_meeting_for_user
from peercircle.meetings.forms import (
    AttendanceForm,
    CheckInForm,
    CommentsForm,
    ControlForm,
    NoteForm,
)
from peercircle.meetings.models import (
    AgendaItem,
    CheckIn,
    ItemKind,
    Meeting,
    Note,
    Outcome,
    RunState,
    RunStatus,
)


def meeting_context(access: MeetingAccess) -> dict[str, Any]:
    """What the meeting page's own section needs: the agenda, my check-in, the phase."""
    meeting = access.meeting
    run = queries.run_for(meeting)
    return {
        "agenda": queries.agenda_for(meeting),
        "my_checkin": CheckIn.objects.filter(meeting=meeting, user=access.user).first(),
        "phase": queries.phase(meeting, run),
        "run": run,
        "may_adjust": _may_control(access, run),
    }


def _may_control(access: MeetingAccess, run: RunState | None) -> bool:
    runner_id = run.runner_id if run is not None else None
    return can_control_run(access.meeting, access.membership, runner_id)


def _wants_json(request: AuthedRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_http_methods(["GET", "POST"])
def checkin(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk).meeting
    mine = CheckIn.objects.filter(meeting=meeting, user=request.user).first()
    initial = {}
    if mine is not None:
        initial = {f: getattr(mine, f) for f in ("response", "topic", "notes", "success")}
        initial["minutes"] = mine.minutes or None
    form = CheckInForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.checkin_save(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            late = " (after the start, so marked late)" if saved.late else ""
            messages.success(request, f"Your check-in is saved{late}.")
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
    if not _may_control(access, run):
        raise PermissionDenied(actions.NOT_RUNNER)
    error = ""
    if request.method == "POST":
        try:
            minutes, order = _read_agenda_post(request)
            actions.agenda_adjust(meeting=meeting, by=request.user, minutes=minutes, order=order)
        except ValidationError as problem:
            error = _error_text(problem)
        else:
            messages.success(request, "Agenda saved.")
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
            raise ValidationError("Minutes and positions must be whole numbers.") from None
        (minutes if name == "minutes" else order)[int(raw_id)] = number
    return minutes, order


def run_context(access: MeetingAccess) -> dict[str, Any]:
    meeting = access.meeting
    run = queries.run_for(meeting)
    plan = queries.agenda_for(meeting)
    now = timezone.now()
    current = next_row = None
    if run is not None and plan.materialized and run.status != RunStatus.FINISHED:
        current = plan.rows[run.position] if run.position < len(plan.rows) else None
        next_row = plan.rows[run.position + 1] if run.position + 1 < len(plan.rows) else None
    members = queries.members_of(meeting)
    item = current.item if current else None
    context: dict[str, Any] = {
        "meeting": meeting,
        "run": run,
        "agenda": plan,
        "current": current,
        "next_row": next_row,
        "members": members,
        "is_runner": run is not None and run.runner_id == access.user.pk,
        "may_start": _may_control(access, run),
        "phase": queries.phase(meeting, run, now),
        "remaining": _remaining(run, now),
        "remaining_text": clock(_remaining(run, now)),
        "ends_at_ms": int(run.ends_at.timestamp() * 1000) if run and run.ends_at else "",
        "outcomes": Outcome.choices,
        "need": queries.need_text(current.checkin) if current else "",
        "projected": queries.projected_minutes([r.item for r in plan.rows if r.item], run, now)
        if run and plan.materialized
        else {},
    }
    if run is None or run.status == RunStatus.READY:
        present = queries.attendance_prefill(meeting)
    else:
        present = set(meeting.attendance.filter(present=True).values_list("user_id", flat=True))
    context["attendance_form"] = AttendanceForm(
        members=members, initial={"present": sorted(present)}
    )
    if item is not None and item.kind == ItemKind.SLOT:
        said = sorted(item.comments.values_list("commenter_id", flat=True))
        others = [u for u in members if u.pk != item.presenter_id]
        context["comments_form"] = CommentsForm(members=others, initial={"commenters": said})
        context["later_slots"] = (
            [r for r in plan.rows[run.position + 1 :] if r.item and r.kind == ItemKind.SLOT]
            if run
            else []
        )
    context["note_form"] = NoteForm(initial={"item": item.pk if item else None, "shared": True})
    context["notes"] = _visible_notes(meeting, access, item)
    return context


def clock(seconds: float) -> str:
    """12:05 left, or +1:30 over time."""
    whole = int(abs(seconds)) if seconds >= 0 else int(-seconds)
    text = f"{whole // 60}:{whole % 60:02d}"
    return text if seconds >= 0 else f"+{text} over"


def group_section(group: Group, viewer: User) -> dict[str, Any]:
    """The group page's section: balance matrix heat map, time shares, venting, nudges."""
    insights = queries.group_insights(group, viewer)
    if not insights.meetings:
        return {"insights": insights}
    names = [u.name.split(" ")[0] for u in insights.people]
    return {
        "insights": insights,
        "heatmap": heatmap(
            names,
            names,
            insights.matrix,
            title="Who commented on whose slot (rows comment on columns)",
        ),
        "share_bars": bars(
            [u.name for u, _ in insights.shares],
            [round(seconds / 60) for _, seconds in insights.shares],
            unit="min",
            title="Presenting time per member",
        ),
        "matrix_rows": list(zip(insights.people, insights.matrix, strict=True)),
    }


def _remaining(run: RunState | None, now: Any) -> float:
    if run is None or run.status == RunStatus.FINISHED:
        return 0.0
    return queries.timer.remaining(queries.timer_state(run), now)


def _visible_notes(meeting: Meeting, access: MeetingAccess, item: AgendaItem | None) -> list[Note]:
    """Shared notes of the item (or the meeting), and the viewer's own private ones."""
    notes = Note.objects.filter(meeting=meeting, item=item).select_related("author")
    return [n for n in notes if n.shared or n.author_id == access.user.pk]


@require_GET
def run_page(request: AuthedRequest, pk: int) -> HttpResponse:
    """The live meeting: the host's controls, or a member's view that follows the host."""
    access = get_meeting_for_user(request.user, pk)
    context = run_context(access)
    if request.htmx:
        return render(request, "meetings/_run_live.html", context)
    return render(request, "meetings/run.html", context)


@require_GET
def run_state(request: AuthedRequest, pk: int) -> JsonResponse:
    """The small versioned state every page polls; times are absolute, in milliseconds."""
    meeting = get_meeting_for_user(request.user, pk).meeting
    response = JsonResponse(queries.snapshot(meeting, queries.run_for(meeting)))
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def run_begin(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    form = AttendanceForm(request.POST, members=queries.members_of(access.meeting))
    if not form.is_valid():
        messages.error(request, "Tick the members who are here.")
        return redirect("meeting_run", pk=pk)
    try:
        actions.run_start(
            meeting=access.meeting, by=request.user, present=set(form.cleaned_data["present"])
        )
    except actions.StaleRun as stale:
        messages.warning(request, str(stale))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("meeting_run", pk=pk)


@require_POST
def run_control(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    form = ControlForm(request.POST)
    if not form.is_valid():
        return _control_reply(request, access, "That button sent something unexpected.", 400)
    data = form.cleaned_data
    try:
        actions.run_control(
            meeting=access.meeting,
            by=request.user,
            command=data["command"],
            version=data["version"],
            outcome=data["outcome"],
            absorb=data["absorb"],
        )
    except actions.StaleRun as stale:
        return _control_reply(request, access, str(stale), 409)
    except ValidationError as error:
        return _control_reply(request, access, _error_text(error), 400)
    return _control_reply(request, access, "", 200)


def _control_reply(
    request: AuthedRequest, access: MeetingAccess, error: str, status: int
) -> HttpResponse:
    if _wants_json(request):
        meeting = access.meeting
        state = queries.snapshot(meeting, queries.run_for(meeting))
        return JsonResponse({"error": error, "state": state}, status=status)
    if error:
        messages.warning(request, error)
    return redirect("meeting_run", pk=access.meeting.pk)


@require_http_methods(["GET", "POST"])
def run_takeover(request: AuthedRequest, pk: int) -> HttpResponse:
    """Any member may run the meeting after confirming; the host takes it back the same way."""
    access = get_meeting_for_user(request.user, pk)
    run = queries.run_for(access.meeting)
    if request.method == "POST":
        try:
            actions.run_take_over(meeting=access.meeting, by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, "You are running the meeting now.")
        return redirect("meeting_run", pk=pk)
    return render(request, "meetings/takeover.html", {"meeting": access.meeting, "run": run})


@require_POST
def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    form = AttendanceForm(request.POST, members=queries.members_of(access.meeting))
    if form.is_valid():
        try:
            actions.attendance_set(
                meeting=access.meeting, by=request.user, present=set(form.cleaned_data["present"])
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, "Attendance saved.")
    return redirect("meeting_run", pk=pk)


@require_POST
def comments(request: AuthedRequest, pk: int, item_pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=access.meeting)
    members = [u for u in queries.members_of(access.meeting) if u.pk != item.presenter_id]
    form = CommentsForm(request.POST, members=members)
    error = "Pick members of the group other than the presenter."
    if form.is_valid():
        try:
            actions.comments_set(
                item=item, by=request.user, commenters=set(form.cleaned_data["commenters"])
            )
            error = ""
        except ValidationError as problem:
            error = _error_text(problem)
    return _control_reply(request, access, error, 400 if error else 200)


@require_POST
def note_add(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    form = NoteForm(request.POST)
    error = "Write a note of at most 2000 characters."
    if form.is_valid():
        item_pk = form.cleaned_data["item"]
        item = None
        if item_pk is not None:
            item = get_object_or_404(AgendaItem, pk=item_pk, meeting=access.meeting)
        try:
            actions.note_add(
                meeting=access.meeting,
                author=request.user,
                text=form.cleaned_data["text"],
                shared=form.cleaned_data["shared"],
                item=item,
            )
            error = ""
        except ValidationError as problem:
            error = _error_text(problem)
    if not error and not _wants_json(request):
        messages.success(request, "Note saved.")
    if queries.phase(access.meeting, queries.run_for(access.meeting)) == "over":
        if error:
            messages.error(request, error)
        return redirect("meeting_summary", pk=pk)
    return _control_reply(request, access, error, 400 if error else 200)


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
        if (n.shared and not (n.item and n.item.venting)) or n.author_id == request.user.pk
    ]
    is_host = request.user.pk in (meeting.host_id, run.runner_id if run else None)
    note_form = NoteForm(initial={"shared": is_host})
    if not is_host:
        note_form.fields["shared"].widget = forms.HiddenInput()
    context = {
        "meeting": meeting,
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
        title="Minutes spent on each item",
        marks=planned,
    )
