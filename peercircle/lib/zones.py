"""Which time zone a time is shown in: the one rule, used by pages, mails and calendars.

A person's own zone comes first, then the group's (a meeting belongs to a place), then the
site's. A name that is empty or unknown (an old row, a zone since removed from the
database) falls through to the next, never to an error.
"""

from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings


class HasZone(Protocol):
    @property
    def timezone(self) -> str: ...


def zone_named(name: str | None) -> ZoneInfo | None:
    """The zone called `name`, or None when it is empty or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return None


def site_zone() -> ZoneInfo:
    return zone_named(settings.TIME_ZONE) or ZoneInfo("UTC")


def zone_for(person: HasZone | None = None, group: HasZone | None = None) -> ZoneInfo:
    """The person's zone, else the group's, else the site's."""
    for owner in (person, group):
        zone = zone_named(getattr(owner, "timezone", "")) if owner is not None else None
        if zone is not None:
            return zone
    return site_zone()
