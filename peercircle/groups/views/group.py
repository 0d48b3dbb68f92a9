import json
from copy import copy
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from peercircle.accounts.http import AuthedRequest, HtmxRequest
from peercircle.accounts.models import User
from peercircle.groups import queries
from peercircle.groups.access import GroupAccess, can_edit_group, get_group_for_user
from peercircle.groups.actions.group import group_start as start_group
from peercircle.groups.actions.group import group_update
from peercircle.groups.forms import GroupForm, StartGroupForm
from peercircle.groups.models import DEFAULT_AGREEMENT, Membership
from peercircle.groups.pages import (
    DASHBOARD_UNTIL,
    dashboard_context,
    dashboard_scopes,
    group_page_clock,
    group_page_context,
)
from peercircle.lib import versions
from peercircle.lib.clocked_parts import Until, earliest, part_until


@login_not_required
@require_GET
def home(request: HtmxRequest) -> HttpResponse:
    """The landing page for visitors; the dashboard for people who are signed in."""
    if not request.user.is_authenticated:
        return render(request, "groups/landing.html")
    user = request.user
    scopes, loaded = dashboard_scopes(user)
    if len(scopes) == 1 and not user.is_staff:
        # In no group and coordinating nothing: the invitations waiting for their address
        # are shown, and those belong to other groups' scopes. Cheap, so never cached.
        body = _dashboard_body(user, loaded)[0]
    else:
        # Per person: their groups, programs and polls; the zone the times are shown in.
        zone = timezone.get_current_timezone_name()
        body = part_until("dashboard", scopes, lambda: _dashboard_body(user, loaded), zone)
    return render(request, "groups/dashboard.html", {"body": body})


def _dashboard_body(user: User, loaded: dict[str, Any]) -> tuple[str, Until]:
    """The dashboard's content, and the first moment it changes by the clock alone."""
    memberships = loaded.get("memberships")
    if memberships is None:
        memberships = list(Membership.objects.filter(user=user).select_related("group__program"))
    polls = queries.polls_to_answer(user, [m.group_id for m in memberships])
    context = {
        "user": user,
        # Each group's row; the meetings app fills in the next meeting (pages.py).
        "rows": [(m, None) for m in memberships],
        "is_site_admin": user.is_staff,
        "self_started_groups": settings.SELF_STARTED_GROUPS,
        "polls_to_answer": polls,
        # Only a person in no group yet is shown the invitations waiting for them.
        "invitations_waiting": [] if memberships else queries.invitations_waiting(user, []),
        **dashboard_context(user, memberships, loaded),
    }
    until = earliest(context.pop(DASHBOARD_UNTIL), *(poll.deadline for poll in polls))
    return render_to_string("groups/_dashboard_body.html", context), until


# Where each viewer's own lines go in the shared page (escaped text can never look like them).
_AGREEMENT_SLOT, _NUDGE_SLOT = "<!--agreement-note-->", "<!--nudge-->"


@require_GET
def group_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, pk)
    group = access.group
    # The program's name is on the page; people's names come with the group's version.
    scopes = [("group", group.pk)]
    if group.program_id is not None:
        scopes.append(("program", group.program_id))
    shared = versions.part(
        "group-page",
        scopes,
        lambda: _group_page(access),
        access.role,
        timezone.get_current_timezone_name(),
        group_page_clock(group, scopes, invitations=access.is_organizer),
    )
    page = json.loads(shared)
    me = str(request.user.pk)
    body = page["html"].replace(
        _AGREEMENT_SLOT, page["agreement_note"] if me in page["not_accepted"] else ""
    )
    body = body.replace(_NUDGE_SLOT, page["nudges"].get(me, ""))
    return render(request, "groups/group_detail.html", {"group": group, "body": mark_safe(body)})  # noqa: S308 - our templates' output


def _group_page(access: GroupAccess) -> str:
    """The group page as every member with `access`'s role sees it, with slots for each
    viewer's agreement note and nudge, which come along by user id."""
    group = access.group
    # Each membership with the newest version it accepted: one query for both.
    memberships: list[Membership] = list(
        group.memberships.select_related("user").annotate(
            accepted=Max("acceptances__agreement__version")
        )
    )
    current = queries.current_agreement(group.pk)
    accepted = {m.pk: m.accepted for m in memberships if m.accepted}  # type: ignore[attr-defined]
    waiting = queries.not_accepted(memberships, current, accepted)
    context = {
        "group": group,
        "memberships": memberships,
        "can_edit": access.is_organizer,
        "agreement": current,
        "agreement_waiting": waiting,
        "agreement_slot": mark_safe(_AGREEMENT_SLOT),  # noqa: S308 - a constant
        "nudge_slot": mark_safe(_NUDGE_SLOT),  # noqa: S308 - a constant
        **queries.group_panel(
            group, is_organizer=access.is_organizer, member_count=len(memberships)
        ),
        **group_page_context(access, memberships),
    }
    nudges = context.get("nudge_texts", {})
    return json.dumps(
        {
            "html": render_to_string("groups/_group_page.html", context),
            "agreement_note": render_to_string("groups/_agreement_note.html", context),
            "not_accepted": [str(m.user_id) for m in waiting],
            "nudges": {
                str(pk): format_html('<p class="message">{}</p>', text)
                for pk, text in nudges.items()
                if text
            },
        }
    )


@require_http_methods(["GET", "POST"])
def group_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Organizers change the group's name, cadence and place; htmx swaps the card in place."""
    access = get_group_for_user(request.user, pk, rule=can_edit_group)
    group = access.group
    # The form validates a copy, so a rejected edit never shows up as the group's name.
    form = GroupForm(request.POST if request.method == "POST" else None, instance=copy(group))
    if request.method == "POST" and form.is_valid():
        try:
            group = group_update(group=group, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.htmx:
                # The card shows the schedule too, which the meetings app adds to the page.
                memberships = list(group.memberships.select_related("user"))
                context = {
                    "group": group,
                    "can_edit": True,
                    **group_page_context(access, memberships),
                }
                return render(request, "groups/_group_details.html", context)
            return redirect("group_detail", pk=group.pk)
    template = "groups/_group_form.html" if request.htmx else "groups/group_edit.html"
    status = 422 if form.errors else 200
    return render(request, template, {"group": group, "form": form}, status=status)


def _require_self_started_groups() -> None:
    if not settings.SELF_STARTED_GROUPS:
        raise Http404("Self-started groups are turned off on this site")


@require_http_methods(["GET", "POST"])
def group_start(request: AuthedRequest) -> HttpResponse:
    _require_self_started_groups()
    initial = {"timezone": request.user.timezone, "agreement_text": gettext(DEFAULT_AGREEMENT)}
    form = StartGroupForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            group = start_group(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                gettext("%(name)s is started. Next: invite your peers.") % {"name": group.name},
            )
            return redirect("group_detail", pk=group.pk)
    status = 422 if form.errors else 200
    return render(request, "groups/start.html", {"form": form}, status=status)
