from copy import copy

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from peercircle.groups import actions
from peercircle.groups.access import can_edit_group, get_group_for_user
from peercircle.groups.forms import GroupForm
from peercircle.groups.models import Group, Membership
from peercircle.groups.queries import group_panel
from peercircle.groups.views_own import group_page_extras
from peercircle.lib.http import AuthedRequest, HtmxRequest
from peercircle.meetings.models import Meeting
from peercircle.meetings.run_views import group_section
from peercircle.programs.queries import coordinator_context


@login_not_required
@require_GET
def home(request: HtmxRequest) -> HttpResponse:
    """The landing page for visitors; the dashboard for people who are signed in."""
    if not request.user.is_authenticated:
        return render(request, "groups/landing.html")
    # One row per group with its next meeting found by the database: two queries however
    # many meetings the groups have scheduled.
    next_meeting = Meeting.objects.upcoming().filter(group=OuterRef("group_id")).values("pk")[:1]
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("group__program")
        .annotate(next_meeting_id=Subquery(next_meeting))
    )
    ids = [m.next_meeting_id for m in memberships if m.next_meeting_id]
    meetings = Meeting.objects.in_bulk(ids)
    # A meeting under way comes first: that is when the host and the others need it most.
    # One more query, bounded by the longest a meeting can last.
    now = timezone.now()
    live = {
        meeting.group_id: meeting
        for meeting in Meeting.objects.started_lately().filter(
            group_id__in=[m.group_id for m in memberships]
        )
        if meeting.ends_at > now
    }
    rows = [(m, live.get(m.group_id) or meetings.get(m.next_meeting_id)) for m in memberships]
    context = {
        "rows": rows,
        **coordinator_context(request.user),
        "is_site_admin": request.user.is_staff,
        "self_started_groups": settings.SELF_STARTED_GROUPS,
    }
    return render(request, "groups/dashboard.html", context)


@require_GET
def group_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, pk)
    group = access.group
    memberships = list(group.memberships.select_related("user"))
    context = {
        **group_page_extras(access, memberships),
        "group": group,
        "membership": access.membership,
        "memberships": memberships,
        "can_edit": access.is_organizer,
        **_meeting_lists(group),
        **group_panel(group, is_organizer=access.is_organizer),
    }
    context.update(group_section(group, request.user))  # issue 10: balance, time shares
    return render(request, "groups/group_detail.html", context)


def _meeting_lists(group: Group) -> dict[str, list[Meeting]]:
    """Upcoming and past meetings; one under way heads the upcoming ones, not the past."""
    now = timezone.now()
    under_way = [
        m for m in group.meetings.started_lately().select_related("host") if m.ends_at > now
    ]
    for meeting in under_way:
        meeting.under_way = True  # type: ignore[attr-defined]
    past = group.meetings.past().select_related("host")[: 6 + len(under_way)]
    return {
        "upcoming": [*under_way, *group.meetings.upcoming().select_related("host")[:4]],
        "past": [m for m in past if m not in under_way][:6],
    }


@require_http_methods(["GET", "POST"])
def group_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Organizers change the group's name, cadence and place; htmx swaps the card in place."""
    group = get_group_for_user(request.user, pk, rule=can_edit_group).group
    # The form validates a copy, so a rejected edit never shows up as the group's name.
    form = GroupForm(request.POST or None, instance=copy(group))
    if request.method == "POST" and form.is_valid():
        try:
            group = actions.group_update(group=group, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.htmx:
                context = {"group": group, "can_edit": True}
                return render(request, "groups/_group_details.html", context)
            return redirect("group_detail", pk=group.pk)
    template = "groups/_group_form.html" if request.htmx else "groups/group_edit.html"
    status = 422 if form.errors else 200
    return render(request, template, {"group": group, "form": form}, status=status)
