"""Invitations read by three independent iCalendar parsers, as different clients would:
icalendar (what we write with), ical (strict, pydantic-validated, as Home Assistant reads
calendars) and vobject (what many CalDAV servers use). Each mail goes through a real SMTP
server on loopback; both the text/calendar part and the .ics attachment are read, and all
three parsers must agree on what a calendar client acts upon."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject  # type: ignore[import-untyped]
from django.test import override_settings
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from peercircle.mail.delivery import mail_deliver
from peercircle.mail.models import Outbox
from peercircle.meetings.actions.meeting import meeting_cancel, meeting_host_set, meeting_move
from peercircle.meetings.actions.rsvp import rsvp_set
from peercircle.meetings.calendar import meeting_uid
from peercircle.meetings.models import Meeting, RsvpAnswer
from tests.conftest import load_demo, make_meeting

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


@dataclass(frozen=True)
class Read:
    """What a calendar client acts upon, whichever parser read it."""

    method: str
    uid: str
    sequence: int
    status: str
    starts_at: datetime
    organizer: tuple[str, str]
    attendees: dict[str, tuple[str, str, str, str]]


def _one_list(value):
    return value if isinstance(value, list) else [value]


def with_icalendar(text: str) -> Read:
    calendar = Calendar.from_ical(text)
    [event] = calendar.walk("VEVENT")
    return Read(
        method=str(calendar["METHOD"]),
        uid=str(event["UID"]),
        sequence=int(str(event["SEQUENCE"])),
        status=str(event["STATUS"]),
        starts_at=event.decoded("DTSTART"),
        organizer=(str(event["ORGANIZER"]), event["ORGANIZER"].params["CN"]),
        attendees={
            str(a).removeprefix("mailto:"): (
                a.params["ROLE"],
                a.params["PARTSTAT"],
                a.params["RSVP"],
                a.params["CN"],
            )
            for a in _one_list(event.get("ATTENDEE", []))
        },
    )


def with_ical(text: str) -> Read:
    calendar = IcsCalendarStream.calendar_from_ics(text)
    [event] = calendar.events
    assert event.organizer is not None and event.sequence is not None
    assert isinstance(event.dtstart, datetime)
    return Read(
        method=str(calendar.method),
        uid=str(event.uid),
        sequence=event.sequence,
        status=str(event.status.value if event.status else ""),
        starts_at=event.dtstart,
        organizer=(str(event.organizer.uri), str(event.organizer.common_name)),
        attendees={
            str(a.uri).removeprefix("mailto:"): (
                str(a.role),
                str(a.status),
                "TRUE" if a.rsvp else "FALSE",
                str(a.common_name),
            )
            for a in event.attendees
        },
    )


def with_vobject(text: str) -> Read:
    calendar = vobject.readOne(text)
    event = calendar.vevent

    def param(line, name):
        [value] = line.params[name]
        return value

    return Read(
        method=calendar.method.value,
        uid=event.uid.value,
        sequence=int(event.sequence.value),
        status=event.status.value,
        starts_at=event.dtstart.value,
        organizer=(event.organizer.value, param(event.organizer, "CN")),
        attendees={
            a.value.removeprefix("mailto:"): (
                param(a, "ROLE"),
                param(a, "PARTSTAT"),
                param(a, "RSVP"),
                param(a, "CN"),
            )
            for a in event.contents.get("attendee", [])
        },
    )


PARSERS = [with_icalendar, with_ical, with_vobject]


def read_invitation(message) -> Read:
    """The invitation in `message`, read by every parser from both places it is in; they
    must all agree."""
    [alternative] = [p for p in message.walk() if p.get_content_type() == "multipart/alternative"]
    [part] = [p for p in alternative.iter_parts() if p.get_content_type() == "text/calendar"]
    [attached] = [p for p in message.iter_attachments() if p.get_filename() == "meeting.ics"]
    texts = [part.get_content(), attached.get_content()]
    texts = [text.decode() if isinstance(text, bytes) else text for text in texts]
    assert texts[0] == texts[1]
    reads = [parse(texts[0]) for parse in PARSERS]
    assert reads[1] == reads[0], "ical reads it differently from icalendar"
    assert reads[2] == reads[0], "vobject reads it differently from icalendar"
    assert part.get_param("method") == reads[0].method
    return reads[0]


def deliver_to(smtp, address: str) -> list:
    for pk in Outbox.objects.filter(sent_at=None).order_by("pk").values_list("pk", flat=True):
        mail_deliver(outbox_id=pk)
    found = [m for m in smtp.messages if m["To"] == address]
    smtp.messages.clear()
    return found


@override_settings(DEFAULT_FROM_EMAIL="Peercircle <circles@example.org>")
def test_three_parsers_follow_one_meeting_through_its_changes(now: datetime, cast, smtp):
    cast.group.timezone = "America/Chicago"
    cast.group.save(update_fields=["timezone"])
    meeting = make_meeting(cast.group, days=5, host=cast.organizer)
    organizer = ("mailto:circles@example.org", "Alpha")
    member = "member@example.org"
    host = "organizer@example.org"

    # Moved across the end of daylight-saving time: still 07:30 on the wall clock.
    moved_to = datetime(2026, 11, 5, 7, 30, tzinfo=CHICAGO)
    meeting_move(meeting=meeting, starts_at=moved_to, location="Café")
    [moved] = [read_invitation(m) for m in deliver_to(smtp, member)]
    assert moved.method == "REQUEST" and moved.status == "CONFIRMED"
    assert moved.organizer == organizer
    assert moved.starts_at == moved_to
    local = moved.starts_at.astimezone(CHICAGO)
    assert (local.hour, local.minute, local.utcoffset()) == (7, 30, timedelta(hours=-6))
    assert moved.attendees == {
        host: ("CHAIR", "NEEDS-ACTION", "FALSE", "Olu Organizer"),
        member: ("REQ-PARTICIPANT", "NEEDS-ACTION", "FALSE", "Mina Member"),
    }

    # A new host: an update with a higher SEQUENCE and the same UID and organizer.
    meeting_host_set(meeting=meeting, host=cast.member)
    [new_host] = [read_invitation(m) for m in deliver_to(smtp, member)]
    assert new_host.uid == moved.uid and new_host.organizer == organizer
    assert new_host.sequence > moved.sequence
    assert new_host.attendees == {member: ("CHAIR", "NEEDS-ACTION", "FALSE", "Mina Member")}

    # Someone not going is DECLINED in the next update they get.
    rsvp_set(meeting=meeting, user=cast.organizer, answer=RsvpAnswer.NOT_GOING)
    meeting_move(meeting=meeting, starts_at=moved_to.replace(hour=18), location="Café")
    [declined] = [read_invitation(m) for m in deliver_to(smtp, host)]
    assert declined.sequence > new_host.sequence
    assert declined.attendees[host] == ("REQ-PARTICIPANT", "DECLINED", "FALSE", "Olu Organizer")

    # Cancelled: METHOD:CANCEL, STATUS:CANCELLED, same UID, higher SEQUENCE.
    meeting_cancel(meeting=meeting)
    [cancelled] = [read_invitation(m) for m in deliver_to(smtp, member)]
    assert (cancelled.method, cancelled.status) == ("CANCEL", "CANCELLED")
    assert cancelled.uid == moved.uid and cancelled.organizer == organizer
    assert cancelled.sequence > declined.sequence


def test_the_demos_own_mail_after_a_move_and_a_cancel(now: datetime, smtp):
    """What `make demo` shows: move one of its meetings and cancel another, then read the
    mails as a mail client and three calendar parsers would."""
    load_demo()
    first_new = (Outbox.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    moved, cancelled = (
        Meeting.objects.upcoming()
        .filter(host__isnull=False)
        .select_related("group")
        .order_by("starts_at", "pk")[:2]
    )
    meeting_move(meeting=moved, starts_at=moved.starts_at + timedelta(days=1), location="Room 2.14")
    meeting_cancel(meeting=cancelled)
    for pk in Outbox.objects.filter(pk__gte=first_new).values_list("pk", flat=True):
        assert mail_deliver(outbox_id=pk) == "sent"
    members = {meeting.pk: meeting.group.memberships.count() for meeting in (moved, cancelled)}
    reads: dict[str, list[Read]] = {"REQUEST": [], "CANCEL": []}
    for message in smtp.messages:
        assert message["Auto-Submitted"] == "auto-generated"
        link = str(message["List-Unsubscribe"]).strip(" <>")
        assert f"Stop these mails: {link}" in message.get_body(("plain",)).get_content()
        read = read_invitation(message)
        assert message["To"].split("<")[-1].strip(">") in read.attendees
        reads[read.method].append(read)
    assert len(reads["REQUEST"]) == members[moved.pk]
    assert len(reads["CANCEL"]) == members[cancelled.pk]
    moved.refresh_from_db()
    assert {(r.uid, r.sequence, r.starts_at) for r in reads["REQUEST"]} == {
        (meeting_uid(moved), moved.sequence, moved.starts_at)
    }
    assert {(r.uid, r.status) for r in reads["CANCEL"]} == {(meeting_uid(cancelled), "CANCELLED")}
