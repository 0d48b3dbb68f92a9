"""Quiet hours and the digest's weekly moment, as pure functions of wall-clock time.

No Django here: times in, times out, so the rules are easy to test across time zones and
daylight-saving changes.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DIGEST_WEEKDAY = 0  # Monday
DIGEST_TIME = time(8, 0)


def in_quiet_hours(local: time, start: time, end: time) -> bool:
    """Whether wall-clock `local` falls in [start, end); the window may span midnight."""
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_release(now: datetime, zone: ZoneInfo, start: time | None, end: time | None) -> datetime:
    """The earliest moment at or after `now` outside the quiet hours [start, end) in `zone`.

    A mail due inside the quiet hours waits until they end; outside them it goes now.
    """
    if start is None or end is None:
        return now
    local = now.astimezone(zone)
    if not in_quiet_hours(local.time(), start, end):
        return now
    end_day = local.date() if local.time() < end else local.date() + timedelta(days=1)
    return _wall_clock(end_day, end, zone)


def quiet_began(
    moment: datetime, zone: ZoneInfo, start: time | None, end: time | None
) -> datetime | None:
    """When the quiet hours holding `moment` began, or None when `moment` is not in them."""
    if start is None or end is None:
        return None
    local = moment.astimezone(zone)
    if not in_quiet_hours(local.time(), start, end):
        return None
    start_day = local.date() if local.time() >= start else local.date() - timedelta(days=1)
    return _wall_clock(start_day, start, zone)


def digest_moment(now: datetime, zone: ZoneInfo) -> tuple[datetime, str]:
    """The latest weekly digest moment at or before `now` (Monday 08:00 in `zone`) and the
    ISO week it belongs to, e.g. "2026-W48" (the digest's occurrence in its key)."""
    local = now.astimezone(zone)
    monday = local.date() - timedelta(days=(local.weekday() - DIGEST_WEEKDAY) % 7)
    moment = _wall_clock(monday, DIGEST_TIME, zone)
    if moment > now:
        monday -= timedelta(days=7)
        moment = _wall_clock(monday, DIGEST_TIME, zone)
    year, week, _ = monday.isocalendar()
    return moment, f"{year}-W{week:02d}"


def _wall_clock(day: date, at: time, zone: ZoneInfo) -> datetime:
    # A wall-clock time skipped by a daylight-saving jump resolves to just after the jump.
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
