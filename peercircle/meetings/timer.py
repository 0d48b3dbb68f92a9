"""The meeting timer's state and its transitions, on absolute times. Pure Python, no Django.

A running item is described by when it ends (`ends_at`), a paused or waiting one by how
long it has left (`remaining`, seconds, negative in overtime). Nothing counts in memory:
any process, page or device computes the same countdown from the same state and a clock.
Every transition takes `now` and returns a new state; none mutates its input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

Status = Literal["ready", "running", "paused", "finished"]
ONE_MINUTE = 60.0


class TimerError(ValueError):
    """A transition that makes no sense in the current state (pausing a paused timer)."""


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue (`make messages` finds it by this
    name); the Django side translates it, as this module has no Django."""
    return message


@dataclass(frozen=True)
class TimerState:
    """Where the meeting is: which item (`position`), and how its clock stands."""

    status: Status = "ready"
    position: int = 0
    ends_at: datetime | None = None  # set while running
    remaining: float = 0.0  # seconds left while ready or paused; negative in overtime
    added: float = 0.0  # seconds the host added to this item


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now


def remaining(state: TimerState, now: datetime) -> float:
    """Seconds left on the current item at `now`; negative once it runs over."""
    if state.status == "running":
        assert state.ends_at is not None
        return (state.ends_at - _aware(now)).total_seconds()
    return state.remaining


def overtime(state: TimerState, now: datetime) -> float:
    return max(0.0, -remaining(state, now))


def elapsed(state: TimerState, now: datetime, budget: float) -> float:
    """Seconds spent on the current item, given it started with `budget` seconds."""
    return budget + state.added - remaining(state, now)


def begin(budget: float, *, position: int = 0) -> TimerState:
    """A timer waiting at item `position`, which has `budget` seconds."""
    return TimerState(status="ready", position=position, remaining=float(budget))


def start(state: TimerState, now: datetime) -> TimerState:
    """Run the clock (from ready or paused)."""
    if state.status not in ("ready", "paused"):
        raise TimerError(f"cannot start a {state.status} timer")
    ends_at = _aware(now) + timedelta(seconds=state.remaining)
    return replace(state, status="running", ends_at=ends_at, remaining=0.0)


def pause(state: TimerState, now: datetime) -> TimerState:
    if state.status != "running":
        raise TimerError(f"cannot pause a {state.status} timer")
    return replace(state, status="paused", ends_at=None, remaining=remaining(state, now))


def add_minute(state: TimerState, now: datetime) -> TimerState:
    """One more minute. In overtime that is one minute from now, not from the old end."""
    if state.status == "finished":
        raise TimerError(gettext_noop("cannot add time to a finished meeting"))
    left = remaining(state, now)
    extra = ONE_MINUTE if left >= 0 else ONE_MINUTE - left
    added = state.added + extra
    if state.status == "running":
        assert state.ends_at is not None
        return replace(state, ends_at=state.ends_at + timedelta(seconds=extra), added=added)
    return replace(state, remaining=left + extra, added=added)


def go_to(state: TimerState, now: datetime, *, position: int, budget: float) -> TimerState:
    """Move to item `position` with `budget` seconds; a running clock keeps running."""
    if state.status == "finished":
        raise TimerError(gettext_noop("the meeting has finished"))
    if position < 0:
        raise TimerError(gettext_noop("there is no item before the first"))
    moved = TimerState(status="ready", position=position, remaining=float(budget))
    if state.status == "running":
        return start(moved, now)
    if state.status == "paused":
        return replace(moved, status="paused")
    return moved


def finish(state: TimerState, now: datetime) -> TimerState:
    if state.status == "finished":
        raise TimerError(gettext_noop("the meeting has already finished"))
    _aware(now)
    return TimerState(status="finished", position=state.position)
