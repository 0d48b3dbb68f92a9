from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Membership, Schedule
from peercircle.meetings.models import Meeting, Status, validate_start

# Longest meeting: a clash search only looks this far back for one still running.
_LONGEST = timedelta(minutes=480)


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
        raise ValidationError({"host": "The host must be a member of the group."})
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
    _save_or_clash(meeting, update_fields=None)
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting) -> Meeting:
    if meeting.starts_at > timezone.now():
        raise ValidationError("A meeting that has not started yet cannot be marked as held.")
    meeting.status = Status.HELD
    meeting.save(update_fields=["status"])
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
            {"starts_at": f"That overlaps the group's meeting on {when}: choose another time."}
        )


def _save_or_clash(meeting: Meeting, *, update_fields: list[str] | None) -> None:
    # Two requests at once (a double click) both pass the clash check; the database's
    # unique start is the referee, and the loser gets the same sentence, not a 500.
    try:
        with transaction.atomic():
            if update_fields is None:
                meeting.save()
            else:
                meeting.save(update_fields=update_fields)
    except IntegrityError:
        raise ValidationError(
            {"starts_at": "The group already has a meeting at that time."}
        ) from None


# --- moving, cancelling and hosting one meeting (issue 8) ---


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
        raise ValidationError("Only an upcoming meeting can be moved.")
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
    _bump(meeting)
    fields = ["starts_at", "location", "video_url", "original_starts_at", "sequence"]
    _save_or_clash(meeting, update_fields=[*fields, "last_modified"])
    if notify:
        _notify(meeting, change="moved")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, notify: bool = True) -> Meeting:
    """Cancel one meeting; feeds keep it two weeks as cancelled so calendars drop it."""
    if meeting.status != Status.SCHEDULED or meeting.starts_at < timezone.now():
        raise ValidationError("Only an upcoming meeting can be cancelled.")
    meeting.status = Status.CANCELLED
    meeting.cancelled_at = timezone.now()
    _bump(meeting)
    meeting.save(update_fields=["status", "cancelled_at", "sequence", "last_modified"])
    if notify:
        _notify(meeting, change="cancelled")
    return meeting


@transaction.atomic
def meeting_hosts_swap(*, meeting: Meeting, other: Meeting) -> None:
    """Two upcoming meetings of one group exchange their hosts."""
    now = timezone.now()
    for one in (meeting, other):
        if one.status != Status.SCHEDULED or one.starts_at < now:
            raise ValidationError("Only upcoming meetings can swap hosts.")
    if meeting.group_id != other.group_id or meeting.pk == other.pk:
        raise ValidationError("Choose another meeting of the same group.")
    meeting.host_id, other.host_id = other.host_id, meeting.host_id
    for one in (meeting, other):
        _bump(one)
        one.save(update_fields=["host", "sequence", "last_modified"])


@transaction.atomic
def meeting_host_set(*, meeting: Meeting, host: User | None) -> Meeting:
    if host is not None and not Membership.objects.filter(group=meeting.group, user=host).exists():
        raise ValidationError({"host": "The host must be a member of the group."})
    meeting.host = host
    _bump(meeting)
    meeting.save(update_fields=["host", "sequence", "last_modified"])
    return meeting


def _bump(meeting: Meeting) -> None:
    meeting.sequence += 1
    meeting.last_modified = timezone.now()


def _notify(meeting: Meeting, *, change: str) -> None:
    # Imported here: calendar mail is the groups app's, and it imports this module's models.
    from peercircle.groups.notify import calendar_update_send

    calendar_update_send(meeting=meeting, change=change)
