"""Calendar invitations as mail and calendar clients read them: sent through a real SMTP
server on loopback, the text/calendar part parsed with icalendar."""

from datetime import datetime

import pytest
from django.test import override_settings
from icalendar import Calendar

from peercircle.groups.actions.membership import membership_add, membership_leave
from peercircle.groups.models import Membership
from peercircle.mail.delivery import mail_deliver
from peercircle.mail.models import Outbox
from peercircle.meetings.actions.meeting import meeting_cancel, meeting_host_set, meeting_move
from peercircle.meetings.actions.rsvp import rsvp_set
from peercircle.meetings.models import RsvpAnswer
from tests.conftest import make_meeting, make_user

pytestmark = pytest.mark.django_db


def deliver_all(smtp):
    for pk in Outbox.objects.order_by("pk").values_list("pk", flat=True):
        mail_deliver(outbox_id=pk)
    return smtp.messages


def calendar_part(message):
    """The text/calendar part inside multipart/alternative, parsed."""
    [alternative] = [p for p in message.walk() if p.get_content_type() == "multipart/alternative"]
    [part] = [p for p in alternative.iter_parts() if p.get_content_type() == "text/calendar"]
    return part, Calendar.from_ical(part.get_content())


def attendees(event):
    found = event.get("attendee")
    found = found if isinstance(found, list) else [found]
    return {
        str(a).removeprefix("mailto:"): (
            a.params["ROLE"],
            a.params["PARTSTAT"],
            a.params["RSVP"],
            a.params["CN"],
        )
        for a in found
    }


def messages_to(messages, address):
    return [m for m in messages if m["To"] == address]


@override_settings(DEFAULT_FROM_EMAIL="Peercircle <circles@example.org>")
def test_a_moved_meeting_names_each_recipient_as_attendee_and_the_group_as_organizer(
    now: datetime, cast, smtp
):
    meeting = make_meeting(cast.group, days=5, host=cast.organizer)
    meeting_move(meeting=meeting, starts_at=meeting.starts_at.replace(hour=18), location="Café")
    messages = deliver_all(smtp)
    [to_member] = messages_to(messages, "member@example.org")
    part, calendar = calendar_part(to_member)
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["ORGANIZER"]) == "mailto:circles@example.org"
    assert event["ORGANIZER"].params["CN"] == "Alpha"
    assert attendees(event) == {
        "organizer@example.org": ("CHAIR", "NEEDS-ACTION", "FALSE", "Olu Organizer"),
        "member@example.org": ("REQ-PARTICIPANT", "NEEDS-ACTION", "FALSE", "Mina Member"),
    }
    assert "Host: Olu Organizer" in str(event["DESCRIPTION"])
    # The .ics attachment stays for clients that want a file.
    [attached] = [p for p in to_member.iter_attachments() if p.get_filename() == "meeting.ics"]
    assert Calendar.from_ical(attached.get_content()).walk("VEVENT")[0]["UID"] == event["UID"]
    # The host's own invitation names them once, as the chair, and never as organizer.
    [to_host] = messages_to(messages, "organizer@example.org")
    [host_event] = calendar_part(to_host)[1].walk("VEVENT")
    assert attendees(host_event) == {
        "organizer@example.org": ("CHAIR", "NEEDS-ACTION", "FALSE", "Olu Organizer"),
    }
    assert str(host_event["ORGANIZER"]) == "mailto:circles@example.org"


def test_the_organizer_stays_the_same_when_the_host_changes(now: datetime, cast, smtp):
    meeting = make_meeting(cast.group, days=5, host=cast.organizer)
    sequence = meeting.sequence
    meeting_host_set(meeting=meeting, host=cast.member)
    messages = deliver_all(smtp)
    assert (
        sorted(m["Subject"] for m in messages)
        == [
            f"New host: Alpha on {meeting.starts_at:%a %-d %b}",
        ]
        * 2
    )
    [to_member] = messages_to(messages, "member@example.org")
    [event] = calendar_part(to_member)[1].walk("VEVENT")
    assert event["SEQUENCE"] == sequence + 1
    assert event["ORGANIZER"].params["CN"] == "Alpha"
    assert attendees(event) == {
        "member@example.org": ("CHAIR", "NEEDS-ACTION", "FALSE", "Mina Member"),
    }
    assert "Host: Mina Member" in str(event["DESCRIPTION"])
    assert "new host: Mina Member" in to_member.get_body(("plain",)).get_content()


def test_a_meeting_without_a_host_still_has_an_organizer(now: datetime, cast, smtp):
    meeting = make_meeting(cast.group, days=5)
    meeting_cancel(meeting=meeting)
    [to_member] = messages_to(deliver_all(smtp), "member@example.org")
    part, calendar = calendar_part(to_member)
    assert part.get_param("method") == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert event["ORGANIZER"].params["CN"] == "Alpha"
    assert attendees(event) == {
        "member@example.org": ("REQ-PARTICIPANT", "NEEDS-ACTION", "FALSE", "Mina Member"),
    }


def test_a_member_who_is_not_going_is_declined_in_the_next_update(now: datetime, cast, smtp):
    meeting = make_meeting(cast.group, days=5, host=cast.organizer)
    rsvp_set(meeting=meeting, user=cast.member, answer=RsvpAnswer.NOT_GOING)
    meeting_move(meeting=meeting, starts_at=meeting.starts_at.replace(hour=18), location="Café")
    messages = deliver_all(smtp)
    [to_member] = messages_to(messages, "member@example.org")
    [event] = calendar_part(to_member)[1].walk("VEVENT")
    assert attendees(event)["member@example.org"][1] == "DECLINED"
    [to_host] = messages_to(messages, "organizer@example.org")
    [event] = calendar_part(to_host)[1].walk("VEVENT")
    assert attendees(event)["organizer@example.org"][1] == "NEEDS-ACTION"


def test_a_host_who_sends_regrets_gives_everyone_an_update(now: datetime, cast, smtp):
    meeting = make_meeting(cast.group, days=5, host=cast.organizer)
    rsvp_set(meeting=meeting, user=cast.organizer, answer=RsvpAnswer.NOT_GOING)
    messages = deliver_all(smtp)
    assert sorted(m["To"] for m in messages) == ["member@example.org", "organizer@example.org"]
    [to_old_host] = messages_to(messages, "organizer@example.org")
    [event] = calendar_part(to_old_host)[1].walk("VEVENT")
    assert attendees(event) == {
        "member@example.org": ("CHAIR", "NEEDS-ACTION", "FALSE", "Mina Member"),
        "organizer@example.org": ("REQ-PARTICIPANT", "DECLINED", "FALSE", "Olu Organizer"),
    }


def test_leaving_cancels_every_meeting_ahead_and_joining_invites_to_the_next(
    now: datetime, cast, smtp
):
    past = make_meeting(cast.group, days=-3)
    ahead = [make_meeting(cast.group, days=d, host=cast.organizer) for d in (5, 12, 19, 26)]
    membership_leave(membership=Membership.objects.get(group=cast.group, user=cast.member))
    left = deliver_all(smtp)
    assert [m["To"] for m in left] == ["member@example.org"] * 4
    for message, meeting in zip(left, ahead, strict=True):
        part, calendar = calendar_part(message)
        assert part.get_param("method") == "CANCEL"
        [event] = calendar.walk("VEVENT")
        assert str(event["UID"]).startswith(f"meeting-{meeting.pk}@")
    assert past.pk not in {m.pk for m in ahead}

    newcomer = make_user("new@example.org", display_name="Nia New")
    membership_add(group=cast.group, user=newcomer)
    joined = messages_to(deliver_all(smtp), "new@example.org")
    assert len(joined) == 3
    for message, meeting in zip(joined, ahead[:3], strict=True):
        part, calendar = calendar_part(message)
        assert part.get_param("method") == "REQUEST"
        [event] = calendar.walk("VEVENT")
        assert str(event["UID"]).startswith(f"meeting-{meeting.pk}@")
        assert attendees(event)["new@example.org"] == (
            "REQ-PARTICIPANT",
            "NEEDS-ACTION",
            "FALSE",
            "Nia New",
        )
