"""One meeting: its page, planning it, moving, cancelling, swapping hosts, its .ics file."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest
from peercircle.groups.access import can_edit_group, get_group_for_user
from peercircle.groups.models import Membership
from peercircle.meetings import parts, queries
from peercircle.meetings.access import MeetingAccess, can_run_meeting, get_meeting_for_user
from peercircle.meetings.actions.live import may_control
from peercircle.meetings.actions.meeting import meeting_cancel as meeting_cancel_action
from peercircle.meetings.actions.meeting import meeting_hosts_swap, meeting_schedule
from peercircle.meetings.actions.meeting import meeting_move as meeting_move_action
from peercircle.meetings.calendar import meeting_ics as build_meeting_ics
from peercircle.meetings.calendar import meeting_zone
from peercircle.meetings.forms import MeetingForm, MoveForm
from peercircle.meetings.models import CheckIn, Meeting, RunState, Status
from peercircle.meetings.views.schedule import add_errors


@require_GET
def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The meeting page: its parts are cached (meetings/parts.py); a hit costs the funnel."""
    access = get_meeting_for_user(request.user, pk)
    reads = _PageReads(access)  # what both parts read, read once when both are rendered
    context = {
        "meeting": access.meeting,
        "shared": parts.shared("meeting-page", access, reads.shared_html),
        "mine": parts.personal("meeting-mine", access, request, reads.mine_html),
        **_change_panel(access),
    }
    return render(request, "meetings/meeting_detail.html", context)


class _PageReads:
    """The rows the meeting page's parts are rendered from, read when a part is rendered."""

    def __init__(self, access: MeetingAccess) -> None:
        self.access = access
        self.meeting = access.meeting

    @cached_property
    def run(self) -> RunState | None:
        return queries.run_for(self.meeting)

    @cached_property
    def memberships(self) -> list[Membership]:
        return queries.memberships_of(self.meeting)

    def shared_html(self) -> str:
        """What every member sees alike: the facts, the members and the agenda."""
        members = [m.user for m in self.memberships]
        context = {
            "meeting": self.meeting,
            "run": self.run,
            "phase": queries.phase(self.meeting, self.run),
            "memberships": self.memberships,
            "agenda": queries.agenda_for(self.meeting, members=members),
        }
        return parts.render_part("meetings/_meeting_shared.html", context)

    def mine_html(self) -> str:
        """The viewer's own blocks: RSVP, check-in, the live-run buttons, successes, review."""
        access, meeting = self.access, self.meeting
        context = {
            "meeting": meeting,
            "access": access,
            "run": self.run,
            "phase": queries.phase(meeting, self.run),
            "my_checkin": CheckIn.objects.filter(meeting=meeting, user=access.user).first(),
            "may_adjust": may_control(access, self.run),
            "memberships": self.memberships,
            **queries.meeting_panel(access, run=self.run),
        }
        return parts.render_part("meetings/_meeting_personal.html", context)


def _change_panel(access: MeetingAccess) -> dict[str, object]:
    """The host's block to move, cancel or swap a meeting not yet started (forms: rendered
    per request), with the group's next meetings to swap hosting with."""
    meeting = access.meeting
    if not (
        can_run_meeting(meeting, access.membership)
        and meeting.status == Status.SCHEDULED
        and meeting.starts_at > timezone.now()
    ):
        return {"change_meeting": False}
    others = (
        Meeting.objects.upcoming()
        .filter(group_id=meeting.group_id)
        .exclude(pk=meeting.pk)
        .select_related("host")[:12]
    )
    return {"change_meeting": True, "swap_choices": list(others)}


@require_http_methods(["GET", "POST"])
def meeting_new(request: AuthedRequest, group_pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, group_pk, rule=can_edit_group).group
    initial = {"duration_minutes": 90, "location": group.meeting_place}
    form = MeetingForm(
        request.POST if request.method == "POST" else None, group=group, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_schedule(group=group, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("meeting_detail", pk=meeting.pk)
    status = 422 if form.errors else 200
    return render(
        request, "meetings/meeting_new.html", {"group": group, "form": form}, status=status
    )


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
        form = MoveForm(request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                meeting_move_action(meeting=meeting, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                when = timezone.localtime(meeting.starts_at).strftime("%A %-d %B %Y, %H:%M")
                messages.success(
                    request,
                    gettext("Meeting moved to %(when)s. Members were told.") % {"when": when},
                )
                return redirect("meeting_detail", pk=meeting.pk)
        context = {"meeting": meeting, "form": form, "zone": meeting.group.timezone}
        status = 422 if form.errors else 200
        return render(request, "meetings/meeting_move.html", context, status=status)


@require_POST
def meeting_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, rule=can_run_meeting).meeting
    try:
        meeting_cancel_action(meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, gettext("Meeting cancelled. Members were told; the series goes on.")
        )
    return redirect("meeting_detail", pk=meeting.pk)


@require_POST
def meeting_swap(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, rule=can_run_meeting).meeting
    other = Meeting.objects.filter(pk=_int(request.POST.get("other")), group=meeting.group).first()
    if other is None:
        messages.error(request, gettext("Choose another meeting of this group to swap with."))
        return redirect("meeting_detail", pk=pk)
    try:
        meeting_hosts_swap(meeting=meeting, other=other)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("Hosts swapped."))
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
