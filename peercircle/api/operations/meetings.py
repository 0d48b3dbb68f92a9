"""Meetings of my groups: list, one, its calendar file, my RSVP and my check-in."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router, Schema

from peercircle.api.auth import require
from peercircle.api.http import PAGE_DEFAULT, Id, page, read
from peercircle.api.operations.people import _limit
from peercircle.meetings.access import get_meeting_for_user
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.rsvp import rsvp_set
from peercircle.meetings.calendar import meeting_ics
from peercircle.meetings.models import CheckIn, Meeting, Rsvp

router = Router(tags=["meetings"])


class MeetingOut(Schema):
    id: int
    group_id: Id
    starts_at: datetime
    duration_minutes: int
    location: str
    status: str
    ics_url: str


class MeetingPage(Schema):
    items: list[MeetingOut]
    next_cursor: str | None


class RsvpIn(Schema):
    answer: Literal["going", "maybe", "not_going"]
    note: str = ""


class RsvpOut(Schema):
    meeting_id: Id
    answer: str
    note: str


class CheckInIn(Schema):
    response: Literal["feedback", "support", "troubleshooting", "venting", "pass"]
    minutes: int = 10
    topic: str = ""
    notes: str = ""
    success: str = ""


class CheckInOut(Schema):
    meeting_id: Id
    response: str
    minutes: int
    topic: str
    notes: str
    success: str
    late: bool


def _meeting_out(request: HttpRequest, meeting: Meeting) -> MeetingOut:
    return MeetingOut(
        id=meeting.pk,
        group_id=meeting.group_id,
        starts_at=meeting.starts_at,
        duration_minutes=meeting.duration_minutes,
        location=meeting.location,
        status=meeting.status,
        # The API's own calendar file: it takes the same token, unlike the page's link.
        ics_url=request.build_absolute_uri(reverse("api:meeting_calendar", args=[meeting.pk])),
    )


@router.get("/meetings", response={200: MeetingPage, 304: None})
def meetings(
    request: HttpRequest, cursor: str | None = None, limit: int = PAGE_DEFAULT
) -> HttpResponse:
    user = require(request, "meetings:read")
    limit = _limit(limit)
    # Meetings of the caller's own groups: what get_meeting_for_user lets through one by one.
    mine = Meeting.objects.filter(group__memberships__user=user)
    result = page(mine, cursor, limit, lambda m: _meeting_out(request, m))
    return read(request, MeetingPage(**result))


@router.get("/meetings/{meeting_id}", response={200: MeetingOut, 304: None})
def meeting(request: HttpRequest, meeting_id: Id) -> HttpResponse:
    user = require(request, "meetings:read")
    access = get_meeting_for_user(user, meeting_id)
    return read(request, _meeting_out(request, access.meeting))


CALENDAR_RESPONSE = {
    "description": "The meeting as an iCalendar file (RFC 5545)",
    "content": {"text/calendar": {"schema": {"type": "string"}}},
}


@router.get(
    "/meetings/{meeting_id}/calendar.ics",
    response={200: None, 304: None},
    openapi_extra={"responses": {200: CALENDAR_RESPONSE}},
)
def meeting_calendar(request: HttpRequest, meeting_id: Id) -> HttpResponse:
    """The meeting's .ics, for a calendar tool that sends the token."""
    user = require(request, "meetings:read")
    access = get_meeting_for_user(user, meeting_id)
    return read(request, meeting_ics(access.meeting), content_type="text/calendar")


@router.put("/meetings/{meeting_id}/rsvp", response={200: RsvpOut})
def rsvp(request: HttpRequest, meeting_id: Id, body: RsvpIn) -> RsvpOut:
    user = require(request, "meetings:write")
    access = get_meeting_for_user(user, meeting_id)
    answer: Rsvp = rsvp_set(meeting=access.meeting, user=user, answer=body.answer, note=body.note)
    return RsvpOut(meeting_id=meeting_id, answer=answer.answer, note=answer.note)


def _checkin_out(checkin: CheckIn) -> CheckInOut:
    return CheckInOut(
        meeting_id=checkin.meeting_id,
        response=checkin.response,
        minutes=checkin.minutes,
        topic=checkin.topic,
        notes=checkin.notes,
        success=checkin.success,
        late=checkin.late,
    )


@router.get("/meetings/{meeting_id}/checkin", response={200: CheckInOut, 304: None})
def my_checkin(request: HttpRequest, meeting_id: Id) -> HttpResponse:
    user = require(request, "meetings:read")
    access = get_meeting_for_user(user, meeting_id)
    # Only the caller's own check-in: never another member's.
    checkin = CheckIn.objects.filter(meeting=access.meeting, user=user).first()
    if checkin is None:
        from peercircle.api.problems import ApiProblem

        raise ApiProblem(404, "Not found", "You have not checked in for this meeting.")
    return read(request, _checkin_out(checkin))


@router.put("/meetings/{meeting_id}/checkin", response={200: CheckInOut})
def checkin(request: HttpRequest, meeting_id: Id, body: CheckInIn) -> CheckInOut:
    user = require(request, "meetings:write")
    access = get_meeting_for_user(user, meeting_id)
    saved = checkin_save(
        meeting=access.meeting,
        user=user,
        response=body.response,
        minutes=body.minutes,
        topic=body.topic,
        notes=body.notes,
        success=body.success,
    )
    return _checkin_out(saved)
