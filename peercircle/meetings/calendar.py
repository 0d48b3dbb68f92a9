"""Calendar files (RFC 5545) for meetings: a person's feed, one meeting's .ics, mail invites.

One VEVENT per materialised meeting, never RRULE/EXDATE/RECURRENCE-ID, which clients
handle inconsistently. DTSTART is in the group's zone with its VTIMEZONE, so a client shows
7:30 as 7:30 on both sides of a daylight-saving change. The UID never changes; SEQUENCE
and LAST-MODIFIED grow whenever time, place or host change, so clients apply the update.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vDuration

from peercircle.accounts.models import User
from peercircle.lib import tokens
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


def meeting_event(meeting: Meeting) -> Event:
    zone = meeting_zone(meeting)
    cancelled = meeting.status == Status.CANCELLED
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    title = meeting.group.name
    event.add("summary", f"Cancelled: {title}" if cancelled else title)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", meeting.sequence)
    event.add("last-modified", meeting.last_modified)
    place = meeting.location or meeting.video_url
    if place:
        event.add("location", place)
    link = settings.SITE_URL + reverse("meeting_detail", args=[meeting.pk])
    event.add("url", link)
    host = meeting.host.name if meeting.host else "not chosen yet"
    lines = [f"Host: {host}", f"Meeting page: {link}"]
    if meeting.video_url:
        lines.insert(1, f"Video link: {meeting.video_url}")
    event.add("description", "\n".join(lines))
    if meeting.host:
        organizer = vCalAddress(f"mailto:{meeting.host.email}")
        organizer.params["cn"] = meeting.host.name
        event.add("organizer", organizer)
    return event


def build_calendar(meetings: Iterable[Meeting], *, name: str, method: str = "") -> bytes:
    """A VCALENDAR with one VEVENT per meeting and the VTIMEZONEs they use."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Peer-mentoring meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    days = []
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
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
    return build_calendar(feed_meetings(user), name=f"{settings.SITE_NAME}: {user.name}")


def meeting_ics(meeting: Meeting, *, method: str = "PUBLISH") -> bytes:
    return build_calendar([meeting], name=meeting.group.name, method=method)


FEED_PURPOSE = "calendar-feed"


def feed_token(feed: CalendarFeed) -> str:
    """The feed's secret link token, derived again from its salt (so the page can show it)."""
    return tokens.derived_token(FEED_PURPOSE, feed.salt)
