"""Cached parts of the meeting pages (lib/versions.py, issue 23).

A meeting page is read far more than it is written: every member opens it before the
meeting, and again during it. Its parts are cached under the group's version (everything
the page shows hangs off the group: the meeting, its run, check-ins, RSVPs, agenda,
goals, successes, members' names), and the personal parts under the viewer's as well.

Two kinds of part:
- *shared*: the same HTML for every member in a time zone at the same point of the
  meeting's clock (`clock`); never anything personal.
- *personal*: one viewer's blocks (their check-in, their RSVP form, their goals to review,
  their successes to remove), under ("group", id) and ("user", viewer). Their forms are
  rendered with a stand-in for the CSRF token, which `personal` replaces with the
  request's own token after the cache: the cache holds no token.

One part renders several sections of a page in one template, each opened by a
`<!--section:name-->` marker, so a page costs one cache read per part however many places
its sections go to. Every text a person wrote is escaped in the HTML ("<" becomes "&lt;"),
so no marker and no stand-in can come from what someone typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from peercircle.lib import versions
from peercircle.meetings.access import MeetingAccess
from peercircle.meetings.models import Meeting

_SECTION = re.compile(r"<!--section:([a-z_]+)-->")
# What `{% csrf_token %}` renders when a part is rendered with this stand-in as the token.
CSRF_STAND_IN = "csrf-token-of-the-request"
_CSRF_FIELD = f'name="csrfmiddlewaretoken" value="{CSRF_STAND_IN}"'


def clock(meeting: Meeting, now: datetime | None = None) -> str:
    """Where the clock is in the meeting: what a part showing its phase is keyed by (the
    host's taps are rows of the group, the clock is not)."""
    now = now or timezone.now()
    if now < meeting.starts_at:
        return "before"
    return "during" if now < meeting.ends_at else "after"


def sections(html: str) -> dict[str, SafeString]:
    """The sections of a part's HTML, by the names of their markers."""
    pieces = _SECTION.split(html)
    return {
        name: mark_safe(body)  # noqa: S308 - our own template's output, escaped when rendered
        for name, body in zip(pieces[1::2], pieces[2::2], strict=True)
    }


def render_part(template: str, context: dict[str, Any]) -> str:
    """A part's template rendered without the request: nothing of the request (its user,
    its messages, its CSRF token) can end up in the cache; forms get the stand-in."""
    return render_to_string(template, {**context, "csrf_token": CSRF_STAND_IN})


def shared(
    name: str, access: MeetingAccess, render: Callable[[], str], *extra: object
) -> dict[str, SafeString]:
    """A part every member of the group shares, per time zone and point of the clock."""
    meeting = access.meeting
    html = versions.part(
        name,
        [("group", meeting.group_id)],
        render,
        meeting.pk,
        timezone.get_current_timezone_name(),
        clock(meeting),
        *extra,
    )
    return sections(html)


def personal(
    name: str,
    access: MeetingAccess,
    request: HttpRequest,
    render: Callable[[], str],
    *extra: object,
) -> dict[str, SafeString]:
    """A part of one viewer's own blocks, with the request's CSRF token put into its forms."""
    meeting = access.meeting
    html = versions.part(
        name,
        [("group", meeting.group_id), ("user", access.user.pk)],
        render,
        meeting.pk,
        access.user.pk,
        timezone.get_current_timezone_name(),
        clock(meeting),
        *extra,
    )
    token = f'name="csrfmiddlewaretoken" value="{get_token(request)}"'
    return sections(html.replace(_CSRF_FIELD, token))
