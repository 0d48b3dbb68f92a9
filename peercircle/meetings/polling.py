"""The polled live state: its ETag, and answering "unchanged" without reading the database.

Every open live page polls its meeting's state about once a second, so on a site with many
meetings running at once the poll, not the pages, sets how many a web process can serve.
An unchanged state is answered `304 Not Modified` from two cache entries read in one round
trip, after the full answer once:

- what the caller's last full answer found, kept per meeting and person: that the meeting
  funnel let them through, and the run's version, revision and status;
- the version token of the meeting's group (lib/versions.py), replaced by every write to the
  group's rows: the run (each control, each revision), memberships (someone removed), the
  meeting itself.

The kept answer holds only under the token it was read with: any such write sends the next
poll through the funnel and the database again, so a person removed from the group gets 404
at their next poll, as before. The token is read before the funnel and the run, so a write
committing in between can only make the kept answer older than the token, never newer.
Without a shared cache (no REDIS_URL) the versions cache is a dummy and every poll takes the
full path.
"""

from datetime import datetime

from peercircle.lib import versions
from peercircle.meetings.access import group_of_meeting
from peercircle.meetings.models import RunState, RunStatus

# While the clock runs, the projected minutes of later slots move with it: the live state's
# ETag changes every this many seconds, so a poller sees them at most this late.
PROJECTION_SECONDS = 15
# A kept answer outlives no live meeting by much; the token makes it stale earlier anyway.
KEPT_SECONDS = 3 * 3600

RunParts = tuple[int, int, str] | None


def run_parts(run: RunState | None) -> RunParts:
    return None if run is None else (run.version, run.revision, str(run.status))


def etag_of(parts: RunParts, now: datetime) -> str:
    """What the polled state depends on: the clock's version, the revision and, while the
    clock runs, the time to within PROJECTION_SECONDS (the "now" it carries is for the
    device's clock offset, which any earlier answer measured as well)."""
    if parts is None:
        return '"none"'
    version, revision, status = parts
    tick = int(now.timestamp()) // PROJECTION_SECONDS if status == RunStatus.RUNNING else 0
    return f'"{version}.{revision}.{status}.{tick}"'


def _kept_key(meeting_id: int, user_id: int) -> str:
    return f"poll:{meeting_id}:{user_id}"


def group_token(meeting_id: int) -> str | None:
    """The meeting's group token, read before the full answer reads anything (see above);
    None when this process does not know the meeting's group yet."""
    group_id = group_of_meeting(meeting_id)
    return None if group_id is None else versions.tokens(("group", group_id))


def keep(*, meeting_id: int, user_id: int, token: str | None, run: RunParts) -> None:
    """The full answer let `user_id` through under `token`: keep what it found."""
    if token is not None:
        # In a tuple: a meeting not started yet has no run (None), unlike nothing kept.
        versions.keep(_kept_key(meeting_id, user_id), token, (run,), KEPT_SECONDS)


def unchanged_etag(meeting_id: int, user_id: int, asked: list[str], now: datetime) -> str | None:
    """The ETag to answer 304 with, if the caller's kept answer still holds and the state it
    found is the one they asked about; None sends them down the full path."""
    group_id = group_of_meeting(meeting_id)
    if group_id is None or not asked:
        return None
    found = versions.kept(_kept_key(meeting_id, user_id), [("group", group_id)])
    if found is None:
        return None
    etag = etag_of(found[0], now)
    return etag if etag in asked else None
