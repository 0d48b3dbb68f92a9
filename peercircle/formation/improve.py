"""Place more people when avoid pairs, not slots, limit the grouping: a local search.

The flow of :mod:`peercircle.formation.slot_flow` sees avoid pairs only at slots with one
group. When many people avoid several others, dealing a slot's people into groups can fail
and leave people out whom another grouping would place. This module searches for that
grouping by simulated annealing over "bins": at each slot, as many candidate groups as its
people could fill at the minimum size. A move puts one person into a bin (pushing out
whoever they clash with, or someone at random when the bin is full) or takes them out.
Bins below the minimum earn half credit per member, so that the search can grow a new
group one person at a time; only bins of at least the minimum count in the result.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from peercircle.formation.model import Person, Settings
from peercircle.formation.sharing import clashes

_OUT = -1  # the bin of someone left out
_ROUNDS = 6


@dataclass(frozen=True)
class _Problem:
    people: Sequence[Person]
    slots_of: Sequence[Sequence[int]]
    """Per person, the bins they may join."""
    bin_slot: Sequence[str]
    clashes: Sequence[frozenset[int]]
    """Per person, those who may not share a bin with them."""


def improve(
    people: Sequence[Person],
    usable: Mapping[str, frozenset[str]],
    groups: Sequence[tuple[str, Sequence[Person]]],
    settings: Settings,
    *,
    goal: int,
    steps: int,
    rng: random.Random,
    deadline: float,
) -> list[tuple[str, list[Person]]] | None:
    """A grouping of ``people`` that places more than ``groups`` do, or None.

    Parameters
    ----------
    people : the component's people; ``usable`` their possible slots.
    groups : the current valid grouping of some of them, with each group's slot.
    goal : stop as soon as this many are placed (an upper bound).
    steps : moves to try at most (counted, so results do not depend on the machine).
    deadline : a ``time.monotonic()`` value the search never runs past.
    """
    index = {person.id: i for i, person in enumerate(people)}
    problem, bins = _bins(people, usable, groups, settings, index)
    search = _Search(problem, settings, bins, rng)
    best = search.placed()
    start = best
    best_bins = search.snapshot()
    hot, cold = 2.0, 0.05
    # Several rounds, each cooling from hot again, from the best grouping found so far.
    length = max(1, steps // _ROUNDS)
    for step in range(steps):
        if best >= goal:
            break
        if step % 256 == 0 and time.monotonic() > deadline:
            break
        if step % length == 0 and step:
            # Alternate: refine the best grouping, or start afresh from nobody placed.
            fresh = step // length % 2 == 1
            start_bins = [set() for _ in best_bins] if fresh else [set(b) for b in best_bins]
            search = _Search(problem, settings, start_bins, rng)
        temperature = hot * (cold / hot) ** ((step % length) / length)
        search.move(temperature)
        now = search.placed()
        if now > best:
            best, best_bins = now, search.snapshot()
    if best <= start:
        return None
    return [
        (problem.bin_slot[b], sorted((people[i] for i in members), key=lambda p: p.id))
        for b, members in enumerate(best_bins)
        if len(members) >= settings.min_size
    ]


def _bins(
    people: Sequence[Person],
    usable: Mapping[str, frozenset[str]],
    groups: Sequence[tuple[str, Sequence[Person]]],
    settings: Settings,
    index: Mapping[str, int],
) -> tuple[_Problem, list[set[int]]]:
    at: dict[str, int] = {}
    for person in people:
        for slot in usable[person.id]:
            at[slot] = at.get(slot, 0) + 1
    existing: dict[str, int] = {}
    for slot, _ in groups:
        existing[slot] = existing.get(slot, 0) + 1
    bin_slot: list[str] = []
    first_bin: dict[str, int] = {}
    for slot in sorted(at):
        first_bin[slot] = len(bin_slot)
        bin_slot += [slot] * max(at[slot] // settings.min_size, existing.get(slot, 0))
    bins: list[set[int]] = [set() for _ in bin_slot]
    used: dict[str, int] = {}
    for slot, members in groups:
        number = first_bin[slot] + used.get(slot, 0)
        used[slot] = used.get(slot, 0) + 1
        bins[number] = {index[person.id] for person in members}
    slots_of = [
        [b for b, slot in enumerate(bin_slot) if slot in usable[person.id]] for person in people
    ]
    clashing = clashes(people)
    problem = _Problem(
        people=people,
        slots_of=slots_of,
        bin_slot=bin_slot,
        clashes=[frozenset(index[o] for o in clashing[p.id]) for p in people],
    )
    return problem, bins


class _Search:
    """The annealing state: bins, where each person is, and the running objective."""

    def __init__(
        self, problem: _Problem, settings: Settings, bins: list[set[int]], rng: random.Random
    ) -> None:
        self.problem = problem
        self.low = settings.min_size
        self.high = settings.max_size
        self.bins = bins
        self.rng = rng
        self.where = [_OUT] * len(problem.people)
        for b, members in enumerate(bins):
            for i in members:
                self.where[i] = b
        self.movable = [i for i, bins_of in enumerate(problem.slots_of) if bins_of]
        self.total = sum(self._real(len(members)) for members in bins)

    def placed(self) -> int:
        return self.total

    def _real(self, size: int) -> int:
        return size if size >= self.low else 0

    def snapshot(self) -> list[set[int]]:
        return [set(members) for members in self.bins]

    def _value(self, size: int) -> float:
        return float(size) if size >= self.low else size * 0.7

    def move(self, temperature: float) -> None:
        if not self.movable:
            return
        i = self.rng.choice(self.movable)
        home = self.where[i]
        options = self.problem.slots_of[i]
        if home != _OUT and self.rng.random() < 0.1:
            target = _OUT
        else:
            target = self.rng.choice(options)
            if target == home:
                return
        if target != _OUT and home != _OUT and self.rng.random() < 0.5:
            self._swap(i, home, target, temperature)
            return
        ejected = self._clashes(i, target)
        sizes = {home: len(self.bins[home]) if home != _OUT else 0}
        if target != _OUT:
            sizes[target] = len(self.bins[target])
        after = dict(sizes)
        if home != _OUT:
            after[home] -= 1
        if target != _OUT:
            after[target] += 1 - len(ejected)
            if after[target] > self.high:
                spare = sorted(self.bins[target] - set(ejected))
                ejected.append(self.rng.choice(spare))
                after[target] -= 1
        delta = sum(self._value(after[b]) - self._value(sizes[b]) for b in sizes if b != _OUT)
        if delta < 0 and self.rng.random() >= math.exp(delta / temperature):
            return
        self.total += sum(self._real(after[b]) - self._real(sizes[b]) for b in sizes if b != _OUT)
        for j in ejected:
            self.bins[target].discard(j)
            self.where[j] = _OUT
        if home != _OUT:
            self.bins[home].discard(i)
        if target != _OUT:
            self.bins[target].add(i)
        self.where[i] = target

    def _swap(self, i: int, home: int, target: int, temperature: float) -> None:
        """Trade places with a member of ``target`` who can sit in ``home`` instead."""
        if not self.bins[target]:
            return
        j = self.rng.choice(sorted(self.bins[target]))
        if home not in self.problem.slots_of[j]:
            return
        if any(k != i for k in self._clashes(j, home)):
            return
        ejected = [k for k in self._clashes(i, target) if k != j]
        size = len(self.bins[target])
        delta = self._value(size - len(ejected)) - self._value(size)
        if delta < 0 and self.rng.random() >= math.exp(delta / temperature):
            return
        self.total += self._real(size - len(ejected)) - self._real(size)
        for k in ejected:
            self.bins[target].discard(k)
            self.where[k] = _OUT
        self.bins[home].discard(i)
        self.bins[target].discard(j)
        self.bins[home].add(j)
        self.bins[target].add(i)
        self.where[i], self.where[j] = target, home

    def _clashes(self, i: int, target: int) -> list[int]:
        """Members of ``target`` who may not sit with person ``i``."""
        if target == _OUT:
            return []
        mine = self.problem.clashes[i]
        return sorted(j for j in self.bins[target] if j in mine)
