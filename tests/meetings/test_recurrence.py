"""The pure recurrence module: local wall-clock times that survive daylight saving."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from peercircle.meetings.recurrence import (
    Kind,
    Recurrence,
    RecurrenceError,
    describe,
    occurrences,
    to_rrule,
    validate,
)

JAN_2027 = datetime(2027, 1, 1, tzinfo=UTC)


def rule(kind: Kind = Kind.MONTHLY_NTH, **changes: object) -> Recurrence:
    fields: dict[str, object] = {
        "kind": kind,
        "weekday": 3,
        "nth": 2,
        "start_date": date(2027, 1, 1),
        "start_time": time(18, 0),
        "zone": "America/Chicago",
    }
    fields.update(changes)
    return Recurrence(**fields)  # type: ignore[arg-type]


def test_monthly_on_the_second_thursday() -> None:
    found = occurrences(rule(), after=JAN_2027, count=4)
    assert [d.date() for d in found] == [
        date(2027, 1, 14),
        date(2027, 2, 11),
        date(2027, 3, 11),
        date(2027, 4, 8),
    ]
    assert describe(rule()) == "Monthly on the second Thursday at 18:00"
    assert to_rrule(rule()) == "FREQ=MONTHLY;BYDAY=2TH"


def test_last_friday_and_every_other_week() -> None:
    last = occurrences(rule(weekday=4, nth=-1), after=JAN_2027, count=2)
    assert [d.date() for d in last] == [date(2027, 1, 29), date(2027, 2, 26)]
    fortnight = occurrences(rule(Kind.BIWEEKLY), after=JAN_2027, count=3)
    assert [d.date() for d in fortnight] == [date(2027, 1, 7), date(2027, 1, 21), date(2027, 2, 4)]
    assert describe(rule(Kind.BIWEEKLY)) == "Every other Thursday at 18:00"


def test_a_breakfast_stays_at_7_30_across_dst_in_chicago() -> None:
    # US clocks spring forward on 14 March 2027 and fall back on 7 November 2027.
    breakfast = rule(Kind.WEEKLY, weekday=1, start_time=time(7, 30))
    found = occurrences(breakfast, after=datetime(2027, 3, 1, tzinfo=UTC), count=3)
    assert [d.strftime("%m-%d %H:%M") for d in found] == [
        "03-02 07:30",
        "03-09 07:30",
        "03-16 07:30",
    ]
    utc = [d.astimezone(UTC).strftime("%H:%M") for d in found]
    assert utc == ["13:30", "13:30", "12:30"]  # CST is UTC-6, CDT UTC-5
    autumn = occurrences(breakfast, after=datetime(2027, 11, 1, tzinfo=UTC), count=2)
    assert [d.astimezone(UTC).strftime("%H:%M") for d in autumn] == ["12:30", "13:30"]


def test_an_evening_stays_at_18_00_across_dst_in_berlin() -> None:
    # EU clocks spring forward on 28 March 2027.
    evening = rule(Kind.WEEKLY, weekday=3, zone="Europe/Berlin")
    found = occurrences(evening, after=datetime(2027, 3, 20, tzinfo=UTC), count=2)
    assert [d.strftime("%d %H:%M") for d in found] == ["25 18:00", "01 18:00"]
    assert [d.astimezone(UTC).hour for d in found] == [17, 16]


def test_a_time_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    # 02:30 on 28 March 2027 does not exist in Berlin.
    night = rule(Kind.WEEKLY, weekday=6, start_time=time(2, 30), zone="Europe/Berlin")
    found = occurrences(night, after=datetime(2027, 3, 27, tzinfo=UTC), count=1)
    assert found[0].strftime("%H:%M") == "03:30"


def test_occurrences_respect_the_window_and_the_start_date() -> None:
    later = rule(start_date=date(2027, 3, 1))
    found = occurrences(later, after=JAN_2027, before=datetime(2027, 5, 1, tzinfo=UTC))
    assert [d.date() for d in found] == [date(2027, 3, 11), date(2027, 4, 8)]


def test_custom_rules_are_checked() -> None:
    custom = rule(Kind.CUSTOM, rrule_text="RRULE:freq=monthly;byday=-1fr")
    validate(custom)
    assert to_rrule(custom) == "FREQ=MONTHLY;BYDAY=-1FR"
    for bad, message in [
        ("FREQ=DAILY", "weekly, monthly or yearly"),
        ("FREQ=MONTHLY;BYHOUR=9", "Leave BYHOUR out"),
        ("FREQ=MONTHLY;BYDAY=9ZZ", "not a recurrence rule"),
        ("nonsense", "weekly, monthly or yearly"),
        ("", "Write a recurrence rule"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE", "too often"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never matches"),
    ]:
        with pytest.raises(RecurrenceError, match=message):
            validate(rule(Kind.CUSTOM, rrule_text=bad))


def test_unknown_zones_and_naive_bounds_are_refused() -> None:
    with pytest.raises(RecurrenceError, match="not a time zone"):
        validate(rule(zone="Mars/Olympus"))
    with pytest.raises(RecurrenceError, match="which week"):
        validate(rule(nth=7))
    with pytest.raises(ValueError, match="aware"):
        occurrences(rule(), after=datetime(2027, 1, 1), count=1)  # noqa: DTZ001


def test_results_are_in_the_rules_zone() -> None:
    found = occurrences(rule(), after=JAN_2027, count=1)
    assert found[0].tzinfo == ZoneInfo("America/Chicago")


@pytest.mark.parametrize(
    "zone",
    ["America/Chicago", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo"],
)
@pytest.mark.parametrize("kind", [Kind.MONTHLY_NTH, Kind.BIWEEKLY, Kind.WEEKLY])
def test_every_occurrence_keeps_its_weekday_and_local_time_for_two_years(
    zone: str, kind: Kind
) -> None:
    series = rule(kind, weekday=5, nth=-1, start_time=time(10, 30), zone=zone)
    found = occurrences(series, after=JAN_2027, before=datetime(2029, 1, 1, tzinfo=UTC))
    assert len(found) >= 24
    assert {(d.weekday(), d.hour, d.minute) for d in found} == {(5, 10, 30)}
    assert found == sorted(set(found))


@pytest.mark.parametrize("start", [date(9999, 12, 31), date(1, 1, 1), date(2201, 1, 1)])
def test_a_first_day_at_the_limits_of_the_calendar_is_refused_not_an_overflow(start: date) -> None:
    with pytest.raises(RecurrenceError, match="first day between 2000 and 2200"):
        validate(rule(start_date=start))
