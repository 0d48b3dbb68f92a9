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

import time
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified

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


# In this process: each group's token as last read from Redis (and until when it is
# trusted), and each caller's kept answer. For LIVE_STATE_TOKEN_MS the polls of a
# meeting's members that land on this process compare with them and ask Redis nothing; a
# change then reaches a poller that much later at most (docs/deploy.md).
_tokens_here: dict[int, tuple[float, str]] = {}
_kept_here: dict[tuple[int, int], tuple[str, RunParts]] = {}
MAX_KEPT_HERE = 50_000
_clock = time.monotonic  # tests move it


def keep(*, meeting_id: int, user_id: int, token: str | None, run: RunParts) -> None:
    """The full answer let `user_id` through under `token`: keep what it found."""
    if token is None:
        return
    # In a tuple: a meeting not started yet has no run (None), unlike nothing kept.
    versions.keep(_kept_key(meeting_id, user_id), token, (run,), KEPT_SECONDS)
    _keep_here(meeting_id, user_id, token, run)


def _keep_here(meeting_id: int, user_id: int, token: str, run: RunParts) -> None:
    if len(_kept_here) >= MAX_KEPT_HERE:
        _kept_here.clear()
    _kept_here[(meeting_id, user_id)] = (token, run)


def unchanged_etag(meeting_id: int, user_id: int, asked: list[str], now: datetime) -> str | None:
    """The ETag to answer 304 with, if the caller's kept answer still holds and the state it
    found is the one they asked about; None sends them down the full path."""
    group_id = group_of_meeting(meeting_id)
    if group_id is None or not asked:
        return None
    found = _kept_answer(meeting_id, user_id, group_id)
    if found is None:
        return None
    etag = etag_of(found[0], now)
    return etag if etag in asked else None


def _kept_answer(meeting_id: int, user_id: int, group_id: int) -> tuple[RunParts] | None:
    """The caller's kept run parts under the group's current token: from this process while
    its copy of the token is fresh, else from Redis (one round trip), refreshing the copy."""
    moment = _clock()
    seen = _tokens_here.get(group_id)
    here = _kept_here.get((meeting_id, user_id))
    if seen is not None and seen[0] > moment and here is not None and here[0] == seen[1]:
        return (here[1],)
    kept_key, token_key = _kept_key(meeting_id, user_id), versions.key_of(("group", group_id))
    found = caches[versions.ALIAS].get_many([kept_key, token_key])
    entry, token = found.get(kept_key), found.get(token_key)
    if token is None:
        return None
    seconds = settings.LIVE_STATE_TOKEN_MS / 1000
    if seconds:
        _tokens_here[group_id] = (moment + seconds, str(token))
    if entry is None or entry[0] != token:
        return None
    if seconds:
        _keep_here(meeting_id, user_id, entry[0], entry[1][0])
    return (entry[1][0],)


def forget_here() -> None:
    """For tests: what this process keeps between polls."""
    _tokens_here.clear()
    _kept_here.clear()


def not_modified(etag: str) -> HttpResponse:
    """The 304 for an unchanged state (the view's and the early answer's)."""
    return no_store(HttpResponseNotModified(), etag)


def no_store(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    response["Cache-Control"] = "no-store"
    return response
