"""The live meeting: the host's controls, members following, attendance, comments, notes.

Every view goes through `get_meeting_for_user` (404 outsiders, 403 coordinators). Forms
post normally and redirect, so everything works without JavaScript; meeting-run.js posts
the same forms with `Accept: application/json` and gets JSON back instead.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import parse_etags
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest
from peercircle.meetings import parts, polling, queries
from peercircle.meetings.access import MeetingAccess, can_read_note, get_meeting_for_user
from peercircle.meetings.actions.live import StaleRun, may_control
from peercircle.meetings.actions.note_draft import note_draft_keep
from peercircle.meetings.actions.records import attendance_set, comments_set
from peercircle.meetings.actions.records import note_add as note_add_action
from peercircle.meetings.actions.run import run_control as run_control_action
from peercircle.meetings.actions.run import run_start, run_take_over
from peercircle.meetings.forms import (
    AttendanceForm,
    CommentsForm,
    ControlForm,
    NoteForm,
)
from peercircle.meetings.models import (
    AgendaItem,
    ItemKind,
    Meeting,
    Note,
    NoteDraft,
    Outcome,
    RunState,
    RunStatus,
)
from peercircle.meetings.views.checkin import error_text


def _wants_json(request: AuthedRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def run_context(access: MeetingAccess, run: RunState | None) -> dict[str, Any]:
    meeting = access.meeting
    memberships = queries.memberships_of(meeting)
    members = [m.user for m in memberships]
    plan = queries.agenda_for(meeting, members=members)
    now = timezone.now()
    current = next_row = None
    if run is not None and plan.materialized and run.status != RunStatus.FINISHED:
        current = plan.rows[run.position] if run.position < len(plan.rows) else None
        next_row = plan.rows[run.position + 1] if run.position + 1 < len(plan.rows) else None
    item = current.item if current else None
    context: dict[str, Any] = {
        "meeting": meeting,
        "access": access,
        "memberships": memberships,
        "run": run,
        "agenda": plan,
        "current": current,
        "next_row": next_row,
        "members": members,
        "is_runner": run is not None and run.runner_id == access.user.pk,
        "may_start": may_control(access, run),
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
        present = queries.attendance_prefill(meeting, {m.user_id for m in memberships})
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
    draft = NoteDraft.objects.filter(meeting=meeting, user=access.user).first()
    context["note_form"] = NoteForm(
        initial={
            "item": item.pk if item else None,
            "shared": True,
            "text": draft.text if draft else "",
        }
    )
    context["notes"] = _visible_notes(meeting, access, item)
    return context


def clock(seconds: float) -> str:
    """12:05 left, or +1:30 over time."""
    whole = int(abs(seconds)) if seconds >= 0 else int(-seconds)
    text = f"{whole // 60}:{whole % 60:02d}"
    return text if seconds >= 0 else gettext("+%(time)s over") % {"time": text}


def _remaining(run: RunState | None, now: Any) -> float:
    if run is None or run.status == RunStatus.FINISHED:
        return 0.0
    return queries.timer.remaining(queries.timer_state(run), now)


def _visible_notes(meeting: Meeting, access: MeetingAccess, item: AgendaItem | None) -> list[Note]:
    """The item's (or the meeting's) notes that the viewer may read."""
    notes = Note.objects.filter(meeting=meeting, item=item).select_related("author", "item")
    return [n for n in notes if can_read_note(n, access.user.pk)]


@require_GET
def run_page(request: AuthedRequest, pk: int) -> HttpResponse:
    """The live meeting: the host's controls, or a member's view that follows the host."""
    access = get_meeting_for_user(request.user, pk)
    read: list[RunState | None] = []

    def live_html() -> str:
        run = queries.run_for(access.meeting)
        read.append(run)
        if run is not None and run.status == RunStatus.RUNNING:
            # The timer counts down with the clock: the part only says so, and each request
            # renders the page until the run changes (a write: a new version).
            return RUNNING
        return parts.render_part("meetings/_run_mine.html", run_context(access, run))

    # Not started, paused or over, the page changes only with rows of the group (the run's
    # state among them) and of the viewer (their note draft).
    cached = parts.personal("meeting-run", access, request, live_html)
    if "running" in cached:
        context = run_context(access, read[0] if read else queries.run_for(access.meeting))
    else:
        context = {"meeting": access.meeting, "cached": cached}
    if request.htmx:
        if "cached" in context:
            return HttpResponse(context["cached"]["live"])
        return render(request, "meetings/_run_live.html", context)
    return render(request, "meetings/run.html", context)


RUNNING = "<!--section:running-->"


@require_GET
def run_state(request: AuthedRequest, pk: int) -> HttpResponse:
    """The small versioned state every page polls; times are absolute, in milliseconds.
    Unchanged since the poller's last answer (its ETag): 304, from the cache when the
    caller's last full answer still holds (meetings/polling.py; usually answered earlier by
    meetings/middleware.py), else before the agenda is read."""
    now = timezone.now()
    asked = parse_etags(request.headers.get("If-None-Match", ""))
    etag = polling.unchanged_etag(pk, request.user.pk, asked, now)
    if etag is not None:
        return polling.not_modified(etag)
    token = polling.group_token(pk)  # before the funnel and the run: see polling.py
    meeting = get_meeting_for_user(request.user, pk).meeting
    run = queries.run_for(meeting)
    parts = polling.run_parts(run)
    polling.keep(meeting_id=pk, user_id=request.user.pk, token=token, run=parts)
    etag = polling.etag_of(parts, now)
    if etag in asked:
        return polling.not_modified(etag)
    return polling.no_store(JsonResponse(queries.snapshot(meeting, run, now)), etag)


@require_POST
def run_begin(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    form = AttendanceForm(request.POST, members=queries.members_of(access.meeting))
    if not form.is_valid():
        messages.error(request, gettext("Tick the members who are here."))
        return redirect("meeting_run", pk=pk)
    try:
        run_start(access=access, present=set(form.cleaned_data["present"]))
    except StaleRun as stale:
        messages.warning(request, str(stale))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("meeting_run", pk=pk)


@require_POST
def run_control(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    form = ControlForm(request.POST)
    if not form.is_valid():
        return _control_reply(
            request, access, gettext("That button sent something unexpected."), 400
        )
    data = form.cleaned_data
    try:
        run_control_action(
            meeting=access.meeting,
            by=request.user,
            command=data["command"],
            version=data["version"],
            outcome=data["outcome"],
            absorb=data["absorb"],
        )
    except StaleRun as stale:
        return _control_reply(request, access, str(stale), 409)
    except ValidationError as error:
        return _control_reply(request, access, error_text(error), 400)
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
            run_take_over(access=access)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, gettext("You are running the meeting now."))
        return redirect("meeting_run", pk=pk)
    return render(request, "meetings/takeover.html", {"meeting": access.meeting, "run": run})


@require_POST
def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    form = AttendanceForm(request.POST, members=queries.members_of(access.meeting))
    if form.is_valid():
        try:
            attendance_set(access=access, present=set(form.cleaned_data["present"]))
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, gettext("Attendance saved."))
    return redirect("meeting_run", pk=pk)


@require_POST
def comments(request: AuthedRequest, pk: int, item_pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=access.meeting)
    members = [u for u in queries.members_of(access.meeting) if u.pk != item.presenter_id]
    form = CommentsForm(request.POST, members=members)
    error = gettext("Pick members of the group other than the presenter.")
    if form.is_valid():
        try:
            comments_set(
                item=item, by=request.user, commenters=set(form.cleaned_data["commenters"])
            )
            error = ""
        except ValidationError as problem:
            error = error_text(problem)
    return _control_reply(request, access, error, 400 if error else 200)


@require_POST
def note_add(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    form = NoteForm(request.POST)
    error = gettext("Write a note of at most 2000 characters.")
    if form.is_valid():
        item_pk = form.cleaned_data["item"]
        item = None
        if item_pk is not None:
            item = get_object_or_404(AgendaItem, pk=item_pk, meeting=access.meeting)
        try:
            note_add_action(
                access=access,
                text=form.cleaned_data["text"],
                shared=form.cleaned_data["shared"],
                item=item,
            )
            error = ""
        except ValidationError as problem:
            error = error_text(problem)
    if not error and not _wants_json(request):
        messages.success(request, gettext("Note saved."))
    if queries.phase(access.meeting, queries.run_for(access.meeting)) == "over":
        if error:
            messages.error(request, error)
        return redirect("meeting_summary", pk=pk)
    return _control_reply(request, access, error, 400 if error else 200)


@require_POST
def note_draft(request: AuthedRequest, pk: int) -> HttpResponse:
    """The note being typed, sent on blur: kept as the caller's own draft (204), never shown
    to anyone else."""
    access = get_meeting_for_user(request.user, pk)
    try:
        note_draft_keep(access=access, text=request.POST.get("text", ""))
    except ValidationError as problem:
        return HttpResponse(error_text(problem), status=400, content_type="text/plain")
    return HttpResponse(status=204)
