"""A group's recurring schedule: adopting it (from a poll or a form) and keeping meetings ahead."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from peercircle.groups.actions.group import group_zone_set
from peercircle.groups.actions.membership import lock_group
from peercircle.groups.actions.polls import poll_close
from peercircle.groups.models import Group, Poll, PollOption, RecurrenceKind
from peercircle.lib.zones import zone_for
from peercircle.meetings import mails, recurrence, wording
from peercircle.meetings.actions.hosts import next_hosts
from peercircle.meetings.actions.meeting import find_clash, meeting_save, meeting_schedule
from peercircle.meetings.models import LATEST_AHEAD, Meeting, Schedule, Status
from peercircle.meetings.queries import meeting_has_records, schedule_recurrence

# Meetings exist this far ahead; `schedule_materialize` tops the series up.
HORIZON = timedelta(days=183)


@transaction.atomic
def schedule_set(
    *,
    group: Group,
    kind: str,
    weekday: int,
    nth: int,
    rrule: str,
    start_date: date,
    start_time: time,
    duration_minutes: int,
    zone: str,
    place: str,
    video_url: str = "",
    now: datetime | None = None,
    notify_members: bool = True,
) -> Schedule:
    """Adopt or change the group's schedule.

    Future meetings of the series that have no records are re-timed in place (same UID,
    SEQUENCE bumped); past ones, moved or cancelled ones and those with records are left
    alone. Then the series is materialised six months ahead, and each member gets one mail
    about the next meeting.
    """
    now = now or timezone.now()
    rule = recurrence.Recurrence(
        kind=recurrence.Kind(kind) if kind in RecurrenceKind.values else recurrence.Kind.CUSTOM,
        weekday=weekday,
        nth=nth,
        rrule_text=rrule,
        start_date=start_date,
        start_time=start_time,
        zone=zone,
    )
    if kind not in RecurrenceKind.values:
        raise ValidationError({"kind": gettext("Choose how often the group meets.")})
    try:
        recurrence.validate(rule)
    except recurrence.RecurrenceError as error:
        field = {"custom": "rrule"}.get(kind, "kind")
        if "time zone" in str(error):
            field = "timezone"
        raise ValidationError({field: wording.recurrence_error(error)}) from None
    today = now.astimezone(recurrence.zone_info(zone)).date()
    if start_date < today:
        raise ValidationError(
            {"start_date": gettext("That day has already passed: start today or later.")}
        )
    if start_date > (now + LATEST_AHEAD).date():
        raise ValidationError({"start_date": gettext("Start within the next two years.")})
    # Two saves at once: the second waits here and then updates, never duplicates.
    lock_group(group)
    schedule = Schedule.objects.filter(group=group).first()
    is_new = schedule is None
    if schedule is None:
        schedule = Schedule(group=group)
    schedule.kind = kind
    schedule.weekday = weekday
    schedule.nth = nth
    schedule.rrule = recurrence.to_rrule(rule) if kind == RecurrenceKind.CUSTOM else ""
    schedule.start_date = start_date
    schedule.start_time = start_time
    schedule.duration_minutes = duration_minutes
    schedule.timezone = zone
    schedule.place = place.strip()
    schedule.video_url = video_url.strip()
    schedule.materialized_until = now
    schedule.full_clean()
    schedule.save()
    group_zone_set(group=group, zone=zone)
    retimed = [] if is_new else _retime_series(schedule, now=now)
    created = schedule_materialize(schedule=schedule, now=now)
    upcoming = sorted([*retimed, *created], key=lambda m: m.starts_at)
    if notify_members and upcoming:
        mails.calendar_update_send(meeting=upcoming[0], change="scheduled", schedule=schedule)
    return schedule


def _retime_series(schedule: Schedule, *, now: datetime) -> list[Meeting]:
    """Move the series' untouched future meetings onto the new rule's times."""
    series = list(
        Meeting.objects.filter(
            schedule=schedule,
            status=Status.SCHEDULED,
            starts_at__gt=now,
            original_starts_at__isnull=True,
        ).order_by("starts_at")
    )
    free = [m for m in series if not meeting_has_records(m)]
    others = Meeting.objects.filter(group_id=schedule.group_id).exclude(pk__in=[m.pk for m in free])
    taken = set(others.values_list("starts_at", flat=True))
    times = [
        t
        for t in recurrence.occurrences(
            schedule_recurrence(schedule), after=now, before=now + HORIZON
        )
        if t not in taken
    ]
    # Meetings already at a new time keep it; the rest take the remaining times in order,
    # so no update ever lands on a time another meeting still holds.
    wanted = set(times)
    kept = [m for m in free if m.starts_at in wanted]
    moving = [m for m in free if m.starts_at not in wanted]
    remaining = [t for t in times if t not in {m.starts_at for m in kept}]
    updated = []
    for meeting, starts_at in zip(moving, remaining, strict=False):
        meeting.starts_at = starts_at
        updated.append(meeting)
    for meeting in [*kept, *updated]:
        meeting.duration_minutes = schedule.duration_minutes
        meeting.location = schedule.place or schedule.group.meeting_place
        meeting.video_url = schedule.video_url
        meeting_save(meeting, fields=["starts_at", "duration_minutes", "location", "video_url"])
    for meeting in moving[len(remaining) :]:  # the new rule meets less often
        meeting.status = Status.CANCELLED
        meeting.cancelled_at = timezone.now()
        meeting_save(meeting, fields=["status", "cancelled_at"])
    return [*kept, *updated]


@transaction.atomic
def schedule_materialize(*, schedule: Schedule, now: datetime | None = None) -> list[Meeting]:
    """Create the series' meetings up to six months from `now`; hosts take turns.

    Only occurrences after `materialized_until` are considered, so a cancelled or moved
    meeting is never recreated. Sends no mail.
    """
    now = now or timezone.now()
    schedule = Schedule.objects.select_for_update().select_related("group").get(pk=schedule.pk)
    horizon = now + HORIZON
    start_after = max(now, schedule.materialized_until or now)
    if start_after >= horizon:
        return []
    times = recurrence.occurrences(schedule_recurrence(schedule), after=start_after, before=horizon)
    group = schedule.group
    fresh = []
    for starts_at in times:
        probe = Meeting(
            group=group, starts_at=starts_at, duration_minutes=schedule.duration_minutes
        )
        if find_clash(probe) is None:
            fresh.append(starts_at)
    hosts = next_hosts(group, len(fresh))
    created = [
        meeting_schedule(
            group=group,
            starts_at=starts_at,
            duration_minutes=schedule.duration_minutes,
            location=schedule.place,
            video_url=schedule.video_url,
            host=host,
            schedule=schedule,
            allow_past=True,  # `now` may be the caller's clock; occurrences are after it
        )
        for starts_at, host in zip(fresh, hosts, strict=False)
    ]
    schedule.materialized_until = horizon
    schedule.save(update_fields=["materialized_until"])
    return created


def schedules_materialize(*, now: datetime | None = None) -> int:
    """Top up every schedule (the daily job); returns how many meetings were created."""
    total = 0
    for schedule in Schedule.objects.all():
        total += len(schedule_materialize(schedule=schedule, now=now))
    return total


@transaction.atomic
def schedule_adopt_poll(
    *,
    poll: Poll,
    time_option: PollOption,
    place_option: PollOption | None,
    kind: str,
    confirmed: bool = False,
    duration_minutes: int = 90,
    notify_members: bool = True,
) -> Schedule:
    """Make a poll's chosen time (and place) the group's schedule; closes the poll."""
    group = poll.group
    poll = poll_close(
        poll=poll, time_option=time_option, place_option=place_option, confirmed=confirmed
    )
    # A "2nd Thursday" option says which week; a plain "Thursday" adopted monthly
    # defaults to the second one.
    nth = time_option.nth or 2
    place = ""
    if place_option is not None:
        place = place_option.detail or place_option.label
    video = place if _looks_like_url(place) else ""
    return schedule_set(
        group=group,
        kind=kind,
        weekday=time_option.weekday or 0,
        nth=nth,
        rrule="",
        start_date=timezone.localdate(timezone=zone_for(group=group)),
        start_time=time_option.time or time(18, 0),
        duration_minutes=duration_minutes,
        zone=group.timezone,
        place="" if video else place,
        video_url=video,
        notify_members=notify_members,
    )


def _looks_like_url(text: str) -> bool:
    return text.startswith(("https://", "http://"))
