"""When a group meets: recurrence rules turned into aware local datetimes. Pure: no Django.

A schedule is a rule over *local wall-clock* times in one IANA zone: "the second Thursday
at 18:00 in America/Chicago" stays 18:00 local on both sides of a daylight-saving change,
so its UTC instant moves by an hour twice a year. `python-dateutil` expands the rule over
naive local datetimes; each one is then placed in the zone.

Used by the schedule (materialising meetings), the demo data, calendar feeds and reminders.

Examples
--------
>>> from datetime import date, datetime, time
>>> from zoneinfo import ZoneInfo
>>> rule = Recurrence(kind=Kind.MONTHLY_NTH, weekday=3, nth=2, start_date=date(2027, 1, 1),
...                   start_time=time(18, 0), zone="America/Chicago")
>>> describe(rule)
'Monthly on the second Thursday at 18:00'
>>> after = datetime(2027, 1, 1, tzinfo=ZoneInfo("UTC"))
>>> [d.date().isoformat() for d in occurrences(rule, after=after, count=2)]
['2027-01-14', '2027-02-11']
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import rrule

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Parts a custom rule may not set: the time of day, the start and the zone come from the
# schedule's own fields, and sub-weekly meetings would flood members' calendars.
_FORBIDDEN_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND", "DTSTART", "TZID", "UNTIL", "COUNT")
_ALLOWED_FREQS = ("WEEKLY", "MONTHLY", "YEARLY")
# No generated series may be denser than this: a runaway custom rule is refused loudly.
MAX_PER_YEAR = 60
# A series starts in a year people plan in; year 9999 would overflow the year of dates
# that validation expands ahead.
FIRST_YEAR, LAST_YEAR = 2000, 2200


def gettext_noop(message: str) -> str:
    """Marks a sentence for the translation catalogue (`make messages` finds it by this
    name); the Django side translates it, as this module has no Django."""
    return message


class RecurrenceError(ValueError):
    """The rule cannot be used; the message is a plain sentence for the person who wrote it.

    `template` and `params` are what the English message was made of, so that a page can
    say it in its reader's language.
    """

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params if params else template)
        self.template = template
        self.params = params


class Kind(StrEnum):
    MONTHLY_NTH = "monthly_nth"
    BIWEEKLY = "biweekly"
    WEEKLY = "weekly"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Recurrence:
    """A recurring local time.

    Parameters
    ----------
    kind : Kind
        Monthly on the `nth` `weekday`, every other week, weekly, or a custom RRULE.
    weekday : int
        Monday is 0. Ignored for custom rules.
    nth : int
        1..4, or -1 for the last; only for monthly rules.
    start_date : date
        The series starts on the first match on or after this day (every other week
        counts its fortnights from that first match).
    start_time : time
        Local wall-clock time of every occurrence.
    zone : str
        IANA time zone name, e.g. "Europe/Berlin".
    rrule_text : str
        For custom rules: RRULE parts such as "FREQ=MONTHLY;BYDAY=-1FR".
    """

    kind: Kind
    start_date: date
    start_time: time
    zone: str
    weekday: int = 0
    nth: int = 1
    rrule_text: str = ""


def zone_info(name: str) -> ZoneInfo:
    """The zone called `name`, or RecurrenceError with a plain sentence."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise RecurrenceError(
            gettext_noop("“%(name)s” is not a time zone we know."), name=name[:60]
        ) from None


def validate(rule: Recurrence) -> None:
    """Raise RecurrenceError if `rule` cannot produce a sane series."""
    zone_info(rule.zone)
    if not FIRST_YEAR <= rule.start_date.year <= LAST_YEAR:
        raise RecurrenceError(
            gettext_noop("Choose a first day between %(first)s and %(last)s."),
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )
    if rule.kind not in Kind.__members__.values():
        raise RecurrenceError(gettext_noop("Choose how often the group meets."))
    if rule.kind != Kind.CUSTOM and not 0 <= rule.weekday <= 6:
        raise RecurrenceError(gettext_noop("Choose a day of the week."))
    if rule.kind == Kind.MONTHLY_NTH and rule.nth not in ORDINALS:
        raise RecurrenceError(
            gettext_noop("Choose which week of the month: first to fourth, or last.")
        )
    if rule.kind == Kind.CUSTOM:
        _check_custom(rule.rrule_text)
    dense = _expand(rule, _naive_start(rule), _naive_start(rule) + timedelta(days=366))
    if len(dense) > MAX_PER_YEAR:
        raise RecurrenceError(gettext_noop("That rule meets too often: at most about once a week."))
    if not dense:
        raise RecurrenceError(gettext_noop("That rule never matches a day in the coming year."))


def to_rrule(rule: Recurrence) -> str:
    """The RRULE parts (RFC 5545) for `rule`, without DTSTART."""
    day = _RRULE_DAYS[rule.weekday] if 0 <= rule.weekday <= 6 else "MO"
    if rule.kind == Kind.MONTHLY_NTH:
        return f"FREQ=MONTHLY;BYDAY={rule.nth}{day}"
    if rule.kind == Kind.BIWEEKLY:
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"
    if rule.kind == Kind.WEEKLY:
        return f"FREQ=WEEKLY;BYDAY={day}"
    return _normalise(rule.rrule_text)


def occurrences(
    rule: Recurrence,
    *,
    after: datetime,
    before: datetime | None = None,
    count: int | None = None,
) -> list[datetime]:
    """Aware datetimes (in the rule's zone) strictly after `after`, up to `before` inclusive.

    Give `before`, `count` or both. A local time that does not exist on a spring-forward
    day (02:30 in a gap) moves forward by the gap; an ambiguous one (autumn) is the first.
    """
    if after.tzinfo is None or (before is not None and before.tzinfo is None):
        raise ValueError("after and before must be timezone-aware")
    if before is None and count is None:
        raise ValueError("give before, count or both")
    zone = zone_info(rule.zone)
    start = _naive_start(rule)
    local_after = after.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
    local_before = (
        before.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
        if before is not None
        else None
    )
    found: list[datetime] = []
    for naive in _iterate(rule, start):
        if naive <= local_after:
            continue
        if local_before is not None and naive > local_before:
            break
        aware = _place(naive, zone)
        if aware <= after or (before is not None and aware > before):
            continue
        found.append(aware)
        if count is not None and len(found) >= count:
            break
    return found


def describe(rule: Recurrence) -> str:
    """A sentence such as "Monthly on the second Thursday at 18:00"."""
    at = rule.start_time.strftime("%H:%M")
    day = WEEKDAYS[rule.weekday] if 0 <= rule.weekday <= 6 else ""
    if rule.kind == Kind.MONTHLY_NTH:
        return f"Monthly on the {ORDINALS.get(rule.nth, '')} {day} at {at}"
    if rule.kind == Kind.BIWEEKLY:
        return f"Every other {day} at {at}"
    if rule.kind == Kind.WEEKLY:
        return f"Every {day} at {at}"
    return f"{_normalise(rule.rrule_text)} at {at}"


def nth_label(nth: int) -> str:
    """ "2nd"-style label for a qualifier; 0 means every week."""
    return {0: "every", 1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}.get(nth, "")


# --- internals ---------------------------------------------------------------------------


def _naive_start(rule: Recurrence) -> datetime:
    start = rule.start_date
    if rule.kind in (Kind.WEEKLY, Kind.BIWEEKLY) and 0 <= rule.weekday <= 6:
        # Fortnights count from the first meeting day, not from the calendar week that
        # holds the start date (RFC 5545's reading, which would skip the first week).
        start += timedelta(days=(rule.weekday - start.weekday()) % 7)
    return datetime.combine(start, rule.start_time)


def _iterate(rule: Recurrence, start: datetime) -> rrule.rrule:
    text = to_rrule(rule)
    try:
        parsed = rrule.rrulestr(text, dtstart=start, forceset=False)
    except (ValueError, TypeError, KeyError):
        raise RecurrenceError(gettext_noop("That is not a recurrence rule we can read.")) from None
    if not isinstance(parsed, rrule.rrule):
        raise RecurrenceError(gettext_noop("That is not a recurrence rule we can read."))
    return parsed


def _expand(rule: Recurrence, start: datetime, end: datetime) -> list[datetime]:
    found: list[datetime] = []
    for naive in _iterate(rule, start):
        if naive > end or len(found) > MAX_PER_YEAR:
            break
        found.append(naive)
    return found


def _normalise(text: str) -> str:
    body = text.strip().upper()
    if body.startswith("RRULE:"):
        body = body[len("RRULE:") :]
    return body


def _check_custom(text: str) -> None:
    body = _normalise(text)
    if not body or len(body) > 200:
        raise RecurrenceError(
            gettext_noop("Write a recurrence rule such as FREQ=MONTHLY;BYDAY=2TH.")
        )
    parts = dict(part.partition("=")[::2] for part in body.split(";") if part)
    if parts.get("FREQ") not in _ALLOWED_FREQS:
        raise RecurrenceError(
            gettext_noop("A custom rule must repeat weekly, monthly or yearly (FREQ=…).")
        )
    for name in _FORBIDDEN_PARTS:
        if name in parts:
            raise RecurrenceError(
                gettext_noop(
                    "Leave %(name)s out of the rule: the start, time and zone are set separately."
                ),
                name=name,
            )
    try:
        rrule.rrulestr(body, dtstart=datetime(2000, 1, 1))  # noqa: DTZ001 - local, naive by design
    except (ValueError, TypeError, KeyError):
        raise RecurrenceError(gettext_noop("That is not a recurrence rule we can read.")) from None


def _place(naive: datetime, zone: ZoneInfo) -> datetime:
    """`naive` local wall-clock time as an aware datetime in `zone`.

    A time in a spring-forward gap does not exist; round-tripping through UTC moves it
    forward by the gap (02:30 becomes 03:30), which is what calendar clients do too.
    """
    aware = naive.replace(tzinfo=zone, fold=0)
    return aware.astimezone(ZoneInfo("UTC")).astimezone(zone)
