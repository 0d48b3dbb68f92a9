from copy import copy

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, Subquery
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
    # The same second query brings any meeting under way (started, not yet over): it comes
    # first, as that is when the host and the others need it most.
    ids = [m.next_meeting_id for m in memberships if m.next_meeting_id]
    started = Meeting.objects.started_lately().filter(
        group_id__in=[m.group_id for m in memberships]
    )
    found = list(Meeting.objects.filter(Q(pk__in=ids) | Q(pk__in=started.values("pk"))))
    meetings = {m.pk: m for m in found}
    now = timezone.now()
    live = {m.group_id: m for m in found if m.starts_at <= now < m.ends_at}
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
    # Ahead or under way in one query: the few that started lately but are over are dropped.
    soon = [
        m for m in group.meetings.not_long_started().select_related("host")[:12] if m.ends_at > now
    ]
    for meeting in soon:
        meeting.under_way = meeting.starts_at <= now  # type: ignore[attr-defined]
    under_way = [m for m in soon if m.starts_at <= now]
    past = group.meetings.past().select_related("host")[: 6 + len(under_way)]
    return {
        "upcoming": soon[: len(under_way) + 4],
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
