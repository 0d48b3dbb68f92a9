from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from peercircle.groups.access import can_edit_group, get_group_for_user
from peercircle.groups.queries import meeting_panel
from peercircle.lib.http import AuthedRequest
from peercircle.meetings import actions
from peercircle.meetings.access import get_meeting_for_user
from peercircle.meetings.forms import MeetingForm
from peercircle.meetings.run_views import meeting_context


@require_GET
def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_meeting_for_user(request.user, pk)
    meeting = access.meeting
    members = meeting.group.memberships.select_related("user")
    context = {"meeting": meeting, "members": members, **meeting_panel(access)}
    context.update(meeting_context(access))  # issue 10: agenda, check-in, live run
    return render(request, "meetings/meeting_detail.html", context)


@require_http_methods(["GET", "POST"])
def meeting_new(request: AuthedRequest, group_pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, group_pk, rule=can_edit_group).group
    initial = {"duration_minutes": 90, "location": group.meeting_place}
    form = MeetingForm(request.POST or None, group=group, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.meeting_schedule(group=group, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("meeting_detail", pk=meeting.pk)
    status = 422 if form.errors else 200
    return render(
        request, "meetings/meeting_new.html", {"group": group, "form": form}, status=status
    )
