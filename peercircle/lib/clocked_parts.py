"""Cached page parts that also change with the clock (issue 23; see lib/versions.py).

A dashboard shows "the next meeting", "under way now", polls until their deadline: what it
says changes when a start, an end or a deadline passes, with no write to replace a token.
`render()` therefore also returns the first moment its HTML would read differently, and the
part is kept until then at most (the cache drops it; never after, possibly a second before).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime

from django.core.cache import caches
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from peercircle.lib import versions

Until = datetime | None  # None: nothing in the part moves with the clock before tomorrow


def part_until(
    name: str,
    scopes: Iterable[versions.Scope],
    render: Callable[[], tuple[str, Until]],
    *extra: object,
) -> SafeString:
    """`versions.part`, for a part whose `render()` returns (HTML, the first moment it changes
    by the clock alone). Put the viewer's local date in `extra` when dates are shown."""
    cache = caches[versions.ALIAS]
    label = ":".join(str(value) for value in extra)
    # Hashed: a program's dashboard has a token per group, and an address among its extras.
    state = hashlib.sha256(f"{label}|{versions.tokens(*scopes)}".encode()).hexdigest()
    key = f"p:{name}:{translation.get_language()}:{state}"
    html = cache.get(key)
    if html is None:
        html, until = render()
        seconds = versions.PART_SECONDS
        if until is not None:
            # Whole seconds, rounded down: the cache drops the part before `until`, never after.
            seconds = min(seconds, int((until - timezone.now()).total_seconds()))
        if seconds > 0:
            cache.set(key, html, seconds)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered


def earliest(*moments: datetime | None) -> Until:
    """The first of these moments not yet past, None when none is. A moment that is now
    counts: a filter such as `starts_at >= now` changes just after it, and a part whose
    moment is now is not kept at all."""
    now = timezone.now()
    ahead = [moment for moment in moments if moment is not None and moment >= now]
    return min(ahead, default=None)
