from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from peercircle.mail.quiet import digest_moment, in_quiet_hours, quiet_release

BERLIN = ZoneInfo("Europe/Berlin")


def test_quiet_hours_may_span_midnight():
    assert in_quiet_hours(time(23, 0), time(22, 0), time(7, 0))
    assert in_quiet_hours(time(6, 59), time(22, 0), time(7, 0))
    assert not in_quiet_hours(time(7, 0), time(22, 0), time(7, 0))
    assert in_quiet_hours(time(13, 0), time(12, 0), time(14, 0))
    assert not in_quiet_hours(time(14, 0), time(12, 0), time(14, 0))


def test_a_mail_outside_quiet_hours_goes_now():
    now = datetime(2026, 6, 10, 10, 0, tzinfo=UTC)  # 12:00 in Berlin
    assert quiet_release(now, BERLIN, time(22, 0), time(7, 0)) == now
    assert quiet_release(now, BERLIN, None, None) == now


def test_a_mail_due_late_at_night_waits_for_the_next_morning_in_the_recipients_zone():
    now = datetime(2026, 6, 10, 21, 30, tzinfo=UTC)  # 23:30 in Berlin
    assert quiet_release(now, BERLIN, time(22, 0), time(7, 0)) == datetime(
        2026, 6, 11, 5, 0, tzinfo=UTC
    )


def test_a_mail_due_after_midnight_waits_until_the_same_morning():
    now = datetime(2026, 6, 11, 1, 0, tzinfo=UTC)  # 03:00 in Berlin
    assert quiet_release(now, BERLIN, time(22, 0), time(7, 0)) == datetime(
        2026, 6, 11, 5, 0, tzinfo=UTC
    )


def test_quiet_hours_follow_daylight_saving_time():
    now = datetime(2026, 1, 10, 22, 30, tzinfo=UTC)  # 23:30 in Berlin, winter (UTC+1)
    assert quiet_release(now, BERLIN, time(22, 0), time(7, 0)) == datetime(
        2026, 1, 11, 6, 0, tzinfo=UTC
    )


def test_the_digest_moment_is_the_last_monday_morning_in_the_recipients_zone():
    wednesday = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    moment, week = digest_moment(wednesday, BERLIN)
    assert moment == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    assert week == "2026-W48"


def test_early_on_monday_the_digest_moment_is_still_last_week():
    monday_early = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # 07:00 in Berlin
    moment, week = digest_moment(monday_early, BERLIN)
    assert moment == datetime(2026, 11, 16, 7, 0, tzinfo=UTC)
    assert week == "2026-W47"
