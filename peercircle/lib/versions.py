"""Versions of what pages show, for caching rendered parts of them (issue 23).

A *scope* is ("group", id), ("program", id) or ("user", id). Its version is a random token
in the "versions" cache, replaced whenever anything shown under that scope is written, so a
part rendered under one version is never read again under another. Tokens are random, not
counters: a scope evicted from Redis gets a fresh token, never an old number that earlier
parts were stored under.

Who replaces them: each app names, in its AppConfig.ready(), the scopes every row of its
models belongs to (`track`); a save or delete of such a row (signals, so a forgotten action
cannot skip it) replaces them when the transaction commits, never before: a reader in between
would otherwise cache the old rows under the new token. Queryset `update()`,
`bulk_create()` and `bulk_update()` send no signals; the actions that use them call
`changed()` themselves. `tests/lib/test_versions.py` fails on a model of ours that is
neither tracked nor declared untracked.

Where no shared cache is configured (no REDIS_URL) the "versions" cache is a dummy: every
read misses, so parts are rendered each time, as before, and nothing can be stale across
web processes.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.db import models, transaction
from django.db.models.signals import post_save, pre_delete
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

ALIAS = "versions"
PART_SECONDS = 24 * 3600  # a rendered part outlives no day (and dates in it move daily)

Scope = tuple[str, int]
ScopesOf = Callable[[Any], Iterable[Scope | None]]


@dataclass(frozen=True)
class Tracked:
    model: type[models.Model]
    scopes: ScopesOf
    quiet_fields: frozenset[str]


_tracked: dict[type[models.Model], Tracked] = {}
_untracked: set[type[models.Model]] = set()


def track(model: type[models.Model], scopes: ScopesOf, *, quiet_fields: Iterable[str] = ()) -> None:
    """Rows of `model` are shown under `scopes(row)`: saving or deleting one changes them.
    `scopes` may read the row's relations; it runs before a delete, while the row is still
    there. A save of `quiet_fields` only (bookkeeping no page shows) changes nothing."""
    _tracked[model] = Tracked(model, scopes, frozenset(quiet_fields))
    uid = f"versions:{model._meta.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid, weak=False)
    # Before the delete: what a row belongs to can only be read while it is still there.
    pre_delete.connect(_deleting, sender=model, dispatch_uid=uid, weak=False)


def untracked(model: type[models.Model]) -> None:
    """`model`'s rows are shown on no cached part (mail, tokens, sessions' bookkeeping)."""
    _untracked.add(model)


def tracked_models() -> set[type[models.Model]]:
    return set(_tracked)


def untracked_models() -> set[type[models.Model]]:
    return set(_untracked)


def changed(*scopes: tuple[str, int | None] | None) -> None:
    """What is shown under these scopes changed: new tokens when the transaction commits."""
    wanted = {(s[0], s[1]) for s in scopes if s is not None and s[1] is not None}
    if not wanted:
        return
    # Now, so this connection's next read (and a test's transaction, which never commits)
    # sees new tokens; and again once committed, because a reader on another connection may
    # have cached the old rows under the first new token meanwhile.
    _replace(wanted)
    transaction.on_commit(lambda: _replace(wanted))


def _replace(scopes: set[Scope]) -> None:
    caches[ALIAS].set_many({key_of(scope): _token() for scope in scopes}, None)


def _saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    tracked = _tracked[sender]
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= tracked.quiet_fields:
        return
    changed(*tracked.scopes(instance))


def _deleting(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    changed(*_tracked[sender].scopes(instance))


def key_of(scope: Scope) -> str:
    """The cache key of a scope's token, for a caller reading it with other keys at once."""
    return f"v:{scope[0]}:{scope[1]}"


def _token() -> str:
    return secrets.token_hex(6)


def tokens(*scopes: Scope) -> str:
    """The current tokens of these scopes, in one round trip; a scope without one gets one."""
    cache = caches[ALIAS]
    keys = [key_of(scope) for scope in scopes]
    found = cache.get_many(keys)
    missing = {key: _token() for key in keys if key not in found}
    if missing:
        for key, token in missing.items():
            # add(): two readers racing for a new scope agree on the first writer's token.
            if not cache.add(key, token, None):
                found[key] = cache.get(key) or token
            else:
                found[key] = token
    return ".".join(str(found[key]) for key in keys)


def kept(key: str, scopes: Sequence[Scope]) -> Any | None:
    """What `keep` stored under `key`, if no token of these scopes was replaced since; None
    otherwise. One round trip for the value and the tokens together."""
    cache = caches[ALIAS]
    found = cache.get_many([key, *(key_of(scope) for scope in scopes)])
    entry = found.get(key)
    if entry is None:
        return None
    held, value = entry
    if held != ".".join(str(found.get(key_of(scope))) for scope in scopes):
        return None
    return value


def keep(key: str, held: str, value: Any, seconds: int = PART_SECONDS) -> None:
    """Store `value` as read under `held` (what `tokens()` returned BEFORE the value was
    read from the database: a write in between then leaves it already stale, never newer
    than its tokens)."""
    caches[ALIAS].set(key, (held, value), seconds)


def part(
    name: str,
    scopes: Iterable[Scope],
    render: Callable[[], str],
    *extra: object,
    seconds: int = PART_SECONDS,
) -> SafeString:
    """The part `name` rendered under these scopes' current tokens, in the active language
    and for `extra` (a date, a role…); rendered by `render()` and kept for `seconds` at most
    when not found.

    A part must hold nothing personal beyond its scopes (a "user" scope for one person's
    items) and no form with a CSRF token: those stay outside, rendered per request."""
    cache = caches[ALIAS]
    label = ":".join(str(value) for value in extra)
    key = f"p:{name}:{translation.get_language()}:{label}:{tokens(*scopes)}"
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, seconds)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered


def scope_at(kind: str, row: Any, path: str) -> Scope | None:
    """(kind, id) for the id at the end of `path` from `row` ("meeting.group_id"), following
    relations (loaded ones cost nothing; others are read)."""
    value: Any = row
    for step in path.split("."):
        value = getattr(value, step, None)
        if value is None:
            return None
    return (kind, int(value))


class GroupRows:
    """Rows that belong to one group for life (a meeting, a poll), kept in the versions cache
    under that group's token, which every write to the row (or its group) replaces. The
    row's group id is remembered in the process: a row never moves to another group."""

    def __init__(self, name: str, load: Callable[[int], Any], seconds: int = 3600) -> None:
        self.name, self.load, self.seconds = name, load, seconds
        self._group_of: dict[int, int] = {}

    def group_of(self, pk: int) -> int | None:
        """The row's group, if this process has read the row before."""
        return self._group_of.get(pk)

    def get(self, pk: int) -> Any | None:
        """Row `pk` (None if there is none): kept, or read with `load` and kept."""
        group_id = self._group_of.get(pk)
        key, held = f"{self.name}:{pk}", ""
        if group_id is not None:
            found = kept(key, [("group", group_id)])
            if found is not None:
                return found
            held = tokens(("group", group_id))  # before the read: see `keep`
        row = self.load(pk)
        if row is None:
            return None
        if row.group_id == group_id:
            keep(key, held, row, self.seconds)
        self._group_of[pk] = row.group_id
        return row

    def forget(self) -> None:
        """For tests: their ids come back after a rollback, in other groups."""
        self._group_of.clear()
