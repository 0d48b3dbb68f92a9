"""zone_for: the person's zone, else the group's, else the site's; never an error."""

from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from peercircle.lib.zones import zone_for, zone_named


def owner(zone: str) -> SimpleNamespace:
    return SimpleNamespace(timezone=zone)


@pytest.mark.parametrize(
    ("person", "group", "expected"),
    [
        (owner("Europe/Berlin"), owner("America/Chicago"), "Europe/Berlin"),
        (owner(""), owner("America/Chicago"), "America/Chicago"),
        (owner("Not/AZone"), owner("America/Chicago"), "America/Chicago"),
        (None, owner("Asia/Tokyo"), "Asia/Tokyo"),
        (owner(""), owner(""), "Pacific/Auckland"),
        (None, None, "Pacific/Auckland"),
        (owner("../../etc/passwd"), None, "Pacific/Auckland"),
    ],
)
def test_the_first_known_zone_wins(person, group, expected, settings) -> None:
    settings.TIME_ZONE = "Pacific/Auckland"
    assert zone_for(person, group) == ZoneInfo(expected)


def test_an_unknown_or_empty_name_is_no_zone() -> None:
    assert zone_named("") is None
    assert zone_named(None) is None
    assert zone_named("Mars/Olympus") is None
    assert zone_named("UTC") == ZoneInfo("UTC")
