"""The polled live state's ETag: what the small JSON every live page polls depends on."""

from datetime import datetime

from peercircle.meetings.models import RunState, RunStatus

# While the clock runs, the projected minutes of later slots move with it: the live state's
# ETag changes every this many seconds, so a poller sees them at most this late.
PROJECTION_SECONDS = 15


def run_etag(run: RunState | None, now: datetime) -> str:
    """What the polled state depends on: the clock's version, the revision and, while the
    clock runs, the time to within PROJECTION_SECONDS (the "now" it carries is for the
    device's clock offset, which any earlier answer measured as well)."""
    if run is None:
        return '"none"'
    tick = int(now.timestamp()) // PROJECTION_SECONDS if run.status == RunStatus.RUNNING else 0
    return f'"{run.version}.{run.revision}.{run.status}.{tick}"'
