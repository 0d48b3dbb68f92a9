"""Due-mail producers for meetings: a reminder to each member a few days before (their own
choice of days, default 3) and a day-of reminder with the agenda to the host.

Each producer takes the scheduler's clock and returns how many mails it queued. They are
safe to run every minute on several machines: each mail's key names the meeting, its start
time (so a moved meeting is reminded again) and the recipient, and a key is sent once.
"""

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.groups.models import Membership
from peercircle.lib.zones import zone_for
from peercircle.mail.actions import mail_enqueue, preference_for
from peercircle.mail.models import Outbox
from peercircle.mail.quiet import quiet_began, quiet_release
from peercircle.meetings import queries
from peercircle.meetings.models import Meeting, Status

LONGEST_NOTICE = timedelta(days=14)  # the most days ahead a person may ask to be reminded
HOST_REMINDER_AT = time(7, 0)
# A host reminder moved out of the quiet hours goes this long before they begin.
QUIET_MARGIN = timedelta(minutes=30)
# Quiet hours may push the host's reminder back to the evening before, or further.
HOST_WINDOW = timedelta(days=2)

ReminderPart = Callable[[Meeting, User], dict[str, Any]]

# Other apps add to a member's reminder (the goals app: the goals to review), each a
# function of the meeting and the member returning extra template context, registered
# with `add_reminder_part` from their AppConfig.ready(). The templates show
# `goals_to_review` when it is there.
_REMINDER_PARTS: list[ReminderPart] = []


def add_reminder_part(part: ReminderPart) -> None:
    if part not in _REMINDER_PARTS:
        _REMINDER_PARTS.append(part)


def agenda_lines(meeting: Meeting) -> list[str]:
    """The meeting's agenda as the host will run it: the same rows as its page."""
    return [
        gettext("%(title)s (%(minutes)s min)") % {"title": row.title, "minutes": row.minutes}
        for row in queries.agenda_for(meeting).rows
    ]


def reminder_key(kind: str, meeting: Meeting, user_id: int) -> str:
    return f"{kind}:{meeting.pk}:{int(meeting.starts_at.timestamp())}:{user_id}"


def _upcoming(now: datetime, until: datetime) -> list[Meeting]:
    members = Membership.objects.select_related("user__mail_preference").order_by("pk")
    return list(
        Meeting.objects.filter(status=Status.SCHEDULED, starts_at__gt=now, starts_at__lte=until)
        .select_related("group", "host__mail_preference")
        .prefetch_related(Prefetch("group__memberships", queryset=members))
        .order_by("starts_at", "pk")
    )


def _taken(keys: list[str]) -> set[str]:
    # One query for the keys already queued, so a run with nothing new is cheap.
    taken: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        taken.update(Outbox.objects.filter(key__in=chunk).values_list("key", flat=True))
    return taken


def meeting_reminders(now: datetime) -> int:
    """Remind each member of a scheduled meeting once it is within their notice period."""
    due: list[tuple[str, Meeting, User]] = []
    for meeting in _upcoming(now, now + LONGEST_NOTICE):
        for membership in meeting.group.memberships.all():
            user = membership.user
            notice = timedelta(days=preference_for(user).reminder_days)
            if user.is_active and meeting.starts_at - notice <= now:
                due.append((reminder_key("meeting_reminder", meeting, user.pk), meeting, user))
    taken = _taken([key for key, _, _ in due])
    sent = 0
    for key, meeting, user in due:
        if key in taken:
            continue
        context: dict[str, Any] = {
            "meeting": meeting,
            "group": meeting.group,
            "members": [m.user for m in meeting.group.memberships.all()],
        }
        for extra in _REMINDER_PARTS:
            context.update(extra(meeting, user))
        mail_enqueue(kind="meeting_reminder", to=user, key=key, context=context, now=now)
        sent += 1
    return sent


def host_reminder_due(meeting: Meeting, host: User) -> datetime:
    """07:00 on the meeting's day in the host's zone, or an hour before an earlier meeting.

    When the host's quiet hours would hold it until the meeting has started, it goes just
    before those quiet hours begin instead (the evening before, for an early meeting).
    """
    zone = zone_for(host)
    day = meeting.starts_at.astimezone(zone).date()
    morning = datetime.combine(day, HOST_REMINDER_AT, tzinfo=zone).astimezone(UTC)
    due = min(morning, meeting.starts_at - timedelta(hours=1))
    preference = preference_for(host)
    start, end = preference.quiet_start, preference.quiet_end
    if quiet_release(due, zone, start, end) < meeting.starts_at:
        return due
    began = quiet_began(due, zone, start, end)
    return (began or due) - QUIET_MARGIN


def host_reminder_in_time(meeting: Meeting, host: User, now: datetime) -> bool:
    """Whether a reminder queued now would reach the host before the meeting starts; when
    it would not (the meeting was set inside the host's quiet hours), it is not sent."""
    preference = preference_for(host)
    release = quiet_release(now, zone_for(host), preference.quiet_start, preference.quiet_end)
    return release < meeting.starts_at


def host_reminders(now: datetime) -> int:
    """On the day of a meeting (or the evening before, see `host_reminder_due`), send its
    host the agenda."""
    due = [
        (reminder_key("host_reminder", meeting, meeting.host.pk), meeting, meeting.host)
        for meeting in _upcoming(now, now + HOST_WINDOW)
        if meeting.host is not None
        and meeting.host.is_active
        and host_reminder_due(meeting, meeting.host) <= now
        and host_reminder_in_time(meeting, meeting.host, now)
    ]
    taken = _taken([key for key, _, _ in due])
    sent = 0
    for key, meeting, host in due:
        if key in taken:
            continue
        # The agenda's words in the host's language: the mail is written in it.
        with translation.override(host.language or settings.LANGUAGE_CODE):
            agenda = agenda_lines(meeting)
        context = {
            "meeting": meeting,
            "group": meeting.group,
            "members": [m.user for m in meeting.group.memberships.all()],
            "agenda": agenda,
        }
        mail_enqueue(kind="host_reminder", to=host, key=key, context=context, now=now)
        sent += 1
    return sent
