"""Calendar files (RFC 5545) for meetings: a person's feed, one meeting's .ics, mail invites.

One VEVENT per materialised meeting, never RRULE/EXDATE/RECURRENCE-ID, which clients
handle inconsistently. DTSTART is in the group's zone with its VTIMEZONE, so a client shows
7:30 as 7:30 on both sides of a daylight-saving change. The UID never changes; SEQUENCE
and LAST-MODIFIED grow whenever time, place or host change, so clients apply the update.

ORGANIZER is the same for every meeting of a group (the site's sending address, the group's
name as CN), so it never changes with the host and no member is mailed an invitation that
names them as its organizer. The host is an ATTENDEE with ROLE=CHAIR and is named in the
description; a mailed invitation also names its recipient as an ATTENDEE (RFC 5546), with
PARTSTAT=DECLINED once they said they will not come.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress, vDuration, vText

from peercircle.accounts.models import User
from peercircle.lib import tokens
from peercircle.lib.text import one_line
from peercircle.lib.zones import zone_for
from peercircle.meetings.models import CalendarFeed, Meeting, Status

# Cancelled meetings stay this long in feeds, as STATUS:CANCELLED, so clients remove them.
CANCELLED_KEPT = timedelta(days=14)
# Past meetings a feed still lists: enough to look back, small enough to stay quick.
PAST_KEPT = timedelta(days=120)
REFRESH = timedelta(hours=1)


def meeting_uid(meeting: Meeting) -> str:
    """The meeting's UID: stable for its whole life, unique across installations."""
    host = urlsplit(settings.SITE_URL).hostname or "peercircle"
    return f"meeting-{meeting.pk}@{host}"


def meeting_zone(meeting: Meeting) -> ZoneInfo:
    """A meeting happens in its group's place, so its calendar entry is in the group's zone."""
    return zone_for(group=meeting.group)


@dataclass(frozen=True)
class Attendee:
    """The person a mailed invitation is for, and whether they said they will not come."""

    user: User
    declined: bool = False


def organizer_address(meeting: Meeting) -> vCalAddress:
    """The group's stable ORGANIZER: the site's sending address, named after the group."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "noreply@localhost"
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = meeting.group.name
    return organizer


def _attendee(user: User, *, chair: bool, declined: bool) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    address.params["cn"] = user.name or user.email
    address.params["cutype"] = "INDIVIDUAL"
    address.params["role"] = "CHAIR" if chair else "REQ-PARTICIPANT"
    address.params["partstat"] = "DECLINED" if declined else "NEEDS-ACTION"
    address.params["rsvp"] = "FALSE"
    return address


def meeting_event(meeting: Meeting, *, attendee: Attendee | None = None) -> Event:
    zone = meeting_zone(meeting)
    cancelled = meeting.status == Status.CANCELLED
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    # Text values are one line whatever the database holds: RFC 5545 forbids control
    # characters, and an unescaped line break made the whole file unreadable.
    title = one_line(meeting.group.name)
    event.add("summary", gettext("Cancelled: %(name)s") % {"name": title} if cancelled else title)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", meeting.sequence)
    event.add("last-modified", meeting.last_modified)
    place = one_line(meeting.location or meeting.video_url)
    if place:
        event.add("location", place)
    link = settings.SITE_URL + reverse("meeting_detail", args=[meeting.pk])
    event.add("url", link)
    host = one_line(meeting.host.name) if meeting.host else gettext("not chosen yet")
    lines = [
        gettext("Host: %(name)s") % {"name": host},
        gettext("Meeting page: %(url)s") % {"url": link},
    ]
    if meeting.video_url:
        lines.insert(1, gettext("Video link: %(url)s") % {"url": one_line(meeting.video_url)})
    event.add("description", "\n".join(lines))
    event.add("organizer", organizer_address(meeting))
    recipient_hosts = attendee is not None and attendee.user.pk == meeting.host_id
    if meeting.host is not None:
        declined = recipient_hosts and attendee is not None and attendee.declined
        event.add("attendee", _attendee(meeting.host, chair=True, declined=declined))
    if attendee is not None and not recipient_hosts:
        event.add("attendee", _attendee(attendee.user, chair=False, declined=attendee.declined))
    return event


def build_calendar(
    meetings: Iterable[Meeting], *, name: str, method: str = "", attendee: Attendee | None = None
) -> bytes:
    """A VCALENDAR with one VEVENT per meeting and the VTIMEZONEs they use."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Peer-mentoring meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    # An X- property is not known to be text, so icalendar would not escape it.
    calendar.add("x-wr-calname", vText(one_line(name)))
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    days = []
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, attendee=attendee))
        days.append(meeting.starts_at.date())
    if days:
        # VTIMEZONE rules only for the years the events span keep the file small.
        first = min(days).replace(month=1, day=1)
        last = max(days).replace(month=12, day=31) + timedelta(days=1)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def feed_meetings(user: User, *, now: datetime | None = None) -> QuerySet[Meeting]:
    """Every meeting a person's feed lists, across all their groups, in one query."""
    now = now or timezone.now()
    live = Q(starts_at__gte=now - PAST_KEPT) & ~Q(status=Status.CANCELLED)
    recently_cancelled = Q(status=Status.CANCELLED, cancelled_at__gte=now - CANCELLED_KEPT)
    return (
        Meeting.objects.filter(group__memberships__user=user)
        .filter(live | recently_cancelled)
        .select_related("group", "host")
        .order_by("starts_at")
    )


def user_feed(user: User) -> bytes:
    """The feed's texts are in its owner's language, whoever's request fetches it."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        return build_calendar(feed_meetings(user), name=f"{settings.SITE_NAME}: {user.name}")


def meeting_ics(
    meeting: Meeting, *, method: str = "PUBLISH", attendee: Attendee | None = None
) -> bytes:
    """One meeting's calendar; a mailed invitation names its recipient as `attendee`."""
    return build_calendar([meeting], name=meeting.group.name, method=method, attendee=attendee)


FEED_PURPOSE = "calendar-feed"


def feed_token(feed: CalendarFeed) -> str:
    """The feed's secret link token, derived again from its salt (so the page can show it)."""
    return tokens.derived_token(FEED_PURPOSE, feed.salt)
