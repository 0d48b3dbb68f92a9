"""Creating, moving, cancelling and hosting one meeting.

`meeting_save` is the only place a meeting row is written after it exists: whenever a field
that a calendar shows changes, it raises the meeting's SEQUENCE and LAST-MODIFIED so every
calendar client picks the change up.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Membership
from peercircle.meetings import mails
from peercircle.meetings.models import Meeting, Schedule, Status, validate_start

# Longest meeting: a clash search only looks this far back for one still running.
_LONGEST = timedelta(minutes=480)
# What a calendar entry shows (time, length, place, link, host, cancelled or not).
CALENDAR_FIELDS = frozenset(
    {"starts_at", "duration_minutes", "location", "video_url", "host", "status"}
)
CLASH = _("The group already has a meeting at that time.")


def meeting_save(meeting: Meeting, *, fields: list[str]) -> None:
    """Write `fields` of an existing meeting; a calendar-visible change raises its SEQUENCE.

    A lost race on the group's unique start time is a form error, not a 500.
    """
    names = list(dict.fromkeys(fields))
    if CALENDAR_FIELDS.intersection(names):
        meeting.sequence += 1
        meeting.last_modified = timezone.now()
        names += [name for name in ("sequence", "last_modified") if name not in names]
    try:
        with transaction.atomic():
            meeting.save(update_fields=names)
    except IntegrityError:
        raise ValidationError({"starts_at": CLASH}) from None


@transaction.atomic
def meeting_schedule(
    *,
    group: Group,
    starts_at: datetime,
    duration_minutes: int = 90,
    location: str = "",
    host: User | None = None,
    video_url: str = "",
    schedule: Schedule | None = None,
    allow_past: bool = False,
) -> Meeting:
    """A new meeting. `allow_past` records history (demo data, imports), never user input."""
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be timezone-aware")
    if not allow_past:
        validate_start(starts_at)
    if host is not None and not Membership.objects.filter(group=group, user=host).exists():
        raise ValidationError({"host": gettext("The host must be a member of the group.")})
    meeting = Meeting(
        group=group,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location.strip() or group.meeting_place,
        video_url=video_url.strip(),
        host=host,
        schedule=schedule,
    )
    meeting.full_clean(validate_constraints=False)
    check_no_clash(meeting)
    # Two requests at once (a double click) both pass the clash check; the database's
    # unique start is the referee, and the loser gets the same sentence, not a 500.
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError:
        raise ValidationError({"starts_at": CLASH}) from None
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting) -> Meeting:
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            gettext("A meeting that has not started yet cannot be marked as held.")
        )
    if meeting.status != Status.HELD:
        meeting.status = Status.HELD
        meeting_save(meeting, fields=["status"])
    return meeting


def find_clash(meeting: Meeting) -> Meeting | None:
    """Another live meeting of the group that overlaps `meeting`'s time, if any."""
    candidates = (
        Meeting.objects.filter(
            group_id=meeting.group_id,
            starts_at__lt=meeting.ends_at,
            starts_at__gt=meeting.starts_at - _LONGEST,
        )
        .exclude(status=Status.CANCELLED)
        .exclude(pk=meeting.pk)
    )
    for other in candidates:
        if other.ends_at > meeting.starts_at:
            return other
    return None


def check_no_clash(meeting: Meeting) -> None:
    other = find_clash(meeting)
    if other is not None:
        when = timezone.localtime(other.starts_at).strftime("%A %-d %B %Y at %H:%M")
        raise ValidationError(
            {
                "starts_at": gettext(
                    "That overlaps the group's meeting on %(when)s: choose another time."
                )
                % {"when": when}
            }
        )


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    starts_at: datetime,
    location: str,
    video_url: str = "",
    notify: bool = True,
) -> Meeting:
    """Move one meeting (time and place) without touching the rest of its series."""
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be timezone-aware")
    if meeting.status != Status.SCHEDULED or meeting.starts_at < timezone.now():
        raise ValidationError(gettext("Only an upcoming meeting can be moved."))
    validate_start(starts_at)
    changed = (starts_at, location.strip(), video_url.strip()) != (
        meeting.starts_at,
        meeting.location,
        meeting.video_url,
    )
    if not changed:
        return meeting
    if meeting.original_starts_at is None and starts_at != meeting.starts_at:
        meeting.original_starts_at = meeting.starts_at
    meeting.starts_at = starts_at
    meeting.location = location.strip()
    meeting.video_url = video_url.strip()
    meeting.full_clean(validate_constraints=False)
    check_no_clash(meeting)
    meeting_save(meeting, fields=["starts_at", "location", "video_url", "original_starts_at"])
    if notify:
        mails.calendar_update_send(meeting=meeting, change="moved")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, notify: bool = True) -> Meeting:
    """Cancel one meeting; feeds keep it two weeks as cancelled so calendars drop it."""
    if meeting.status != Status.SCHEDULED or meeting.starts_at < timezone.now():
        raise ValidationError(gettext("Only an upcoming meeting can be cancelled."))
    meeting.status = Status.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting_save(meeting, fields=["status", "cancelled_at"])
    if notify:
        mails.calendar_update_send(meeting=meeting, change="cancelled")
    return meeting


@transaction.atomic
def meeting_hosts_swap(*, meeting: Meeting, other: Meeting) -> None:
    """Two upcoming meetings of one group exchange their hosts."""
    now = timezone.now()
    for one in (meeting, other):
        if one.status != Status.SCHEDULED or one.starts_at < now:
            raise ValidationError(gettext("Only upcoming meetings can swap hosts."))
    if meeting.group_id != other.group_id or meeting.pk == other.pk:
        raise ValidationError(gettext("Choose another meeting of the same group."))
    meeting.host_id, other.host_id = other.host_id, meeting.host_id
    for one in (meeting, other):
        meeting_save(one, fields=["host"])
    for one in (meeting, other):
        host_change_send(one)


def host_change_send(meeting: Meeting) -> None:
    """A new host is a change calendars show (CHAIR, description): mail the update."""
    if meeting.status == Status.SCHEDULED and meeting.starts_at > timezone.now():
        mails.calendar_update_send(meeting=meeting, change="host")


@transaction.atomic
def meeting_host_set(*, meeting: Meeting, host: User | None) -> Meeting:
    """Give `meeting` a new host, or none."""
    if host is not None and not Membership.objects.filter(group=meeting.group, user=host).exists():
        raise ValidationError({"host": gettext("The host must be a member of the group.")})
    if (host.pk if host else None) == meeting.host_id:
        return meeting
    meeting.host = host
    meeting_save(meeting, fields=["host"])
    host_change_send(meeting)
    return meeting
