"""The time zones people can choose: current IANA names only, the common ones first.

Computed once per process: scanning the zone database on every render made the profile page
a tenth as fast as the login page.
"""

import functools
import importlib.resources
import zoneinfo
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Where most of our members live, west to east; everything else follows by name.
COMMON = [
    "UTC",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Africa/Nairobi",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
]


def _zone_tab() -> str:
    """The tz database's zone.tab: one line per current zone, no backward-compatible links."""
    for directory in zoneinfo.TZPATH:
        path = Path(directory) / "zone.tab"
        if path.is_file():
            return path.read_text()
    try:  # the tzdata wheel, where the system has no zone database
        return (importlib.resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text()
    except (ModuleNotFoundError, FileNotFoundError):
        return ""


@functools.cache
def zone_names() -> frozenset[str]:
    """Every zone a person may pick: current names (Africa/Asmara, never Africa/Asmera)."""
    names = {
        line.split("\t")[2]
        for line in _zone_tab().splitlines()
        if line and not line.startswith("#") and len(line.split("\t")) >= 3
    }
    if not names:  # no zone.tab anywhere: fall back to region/city names
        names = {name for name in zoneinfo.available_timezones() if "/" in name}
        names -= {name for name in names if name.startswith(("Etc/", "SystemV/", "US/"))}
    return frozenset((names & zoneinfo.available_timezones()) | {"UTC"})


def _label(name: str) -> str:
    return name.replace("_", " ")


@functools.cache
def timezone_choices() -> list[tuple["str | StrPromise", list[tuple[str, str]]]]:
    names = zone_names()
    common = [(name, _label(name)) for name in COMMON if name in names]
    rest = [(name, _label(name)) for name in sorted(names - set(COMMON))]
    return [(_("Common time zones"), common), (_("All time zones"), rest)]


# Old names people may still have stored or browsers still report, and their current ones.
RENAMED = {
    "Africa/Asmera": "Africa/Asmara",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "Europe/Kiev": "Europe/Kyiv",
    "Pacific/Ponape": "Pacific/Pohnpei",
    "US/Central": "America/Chicago",
    "US/Eastern": "America/New_York",
    "US/Mountain": "America/Denver",
    "US/Pacific": "America/Los_Angeles",
    "Etc/UTC": "UTC",
    "GMT": "UTC",
}


def current_name(name: str) -> str:
    """The zone's current name when it was renamed; otherwise the name unchanged."""
    return RENAMED.get(name, name)
