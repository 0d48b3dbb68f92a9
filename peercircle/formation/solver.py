"""The engine's entry point: :func:`form_groups`."""

from __future__ import annotations

import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from peercircle.formation import exact
from peercircle.formation.components import Component, build_component
from peercircle.formation.dealing import deal, group_count
from peercircle.formation.explain import explain_unplaced
from peercircle.formation.group_counts import best_counts
from peercircle.formation.improve import improve
from peercircle.formation.model import (
    Bounds,
    Formation,
    Group,
    InfeasibleSettings,
    Person,
    Progress,
    Settings,
    Unplaced,
)
from peercircle.formation.respread import respread
from peercircle.formation.score import score
from peercircle.formation.sharing import fits, pool_of, symmetric_avoid
from peercircle.formation.spreading import assign


def form_groups(
    people: Sequence[Person],
    settings: Settings,
    *,
    seed: int = 0,
    time_limit: float | None = None,
    progress: Progress | None = None,
) -> Formation:
    """Form peer-mentoring groups that share a meeting slot.

    Parameters
    ----------
    people : sequence of Person
        The sign-ups. Ids must be unique; avoid entries naming nobody are ignored.
    settings : Settings
        Group sizes and the stage mode.
    seed : int
        Seeds the ``random.Random`` that breaks ties; the same seed gives the same groups.
    time_limit : float or None
        Seconds after which the search stops and returns the best grouping found so far
        (``Formation.complete`` is then False, ``status`` "cut_short" unless the most
        possible was proved by then). A longer limit buys more exact search when avoid
        pairs keep people out. None searches to the end, giving the exact step
        20 seconds per stage.
    progress : callable or None
        Called as ``progress(fraction, message)`` as the work advances.

    Returns
    -------
    Formation
        Groups (each with its slot), the unplaced with a reason and the nearest fix, the
        score (see :func:`peercircle.formation.score`) and bounds.

    Raises
    ------
    InfeasibleSettings
        If ``min_size`` < 2, ``min_size`` > ``max_size``, the target is outside the sizes,
        the stage mode is unknown, or nobody gave any meeting slot.
    ValueError
        If two people share an id.

    Notes
    -----
    Hard constraints: sizes within [min, max]; everyone can make the group's slot; no two
    members from one lab; no avoid pair (either direction) together; one career stage per
    group in ``same`` mode. Objective, lexicographic: most people placed; then the
    department term; then the sizes' distance from the target.

    The stages (in ``same`` mode) are solved apart. For each, a branch and bound over the
    number of groups per slot, with a maximum flow over classes of interchangeable people
    as the bound, finds the most people that can be placed and proves it optimal (up to
    the time limit). A minimum-cost flow for those group counts then decides who meets at
    which slot so that departments spread, and each slot's people are dealt round-robin,
    sorted by department and lab, into groups of even size. When avoid pairs then keep
    anyone out while the bound says more could be placed, a simulated annealing over
    candidate groups per slot (:mod:`peercircle.formation.improve`) searches for a grouping
    that places more; then, if HiGHS (the optional ``highspy`` package) is installed, an
    exact model (:mod:`peercircle.formation.exact`) starts from that grouping and places
    the most possible, or bounds it. ``status`` says whether the placement is proved the
    most possible. See ``docs/performance.md`` for measurements against CP-SAT.

    Examples
    --------
    >>> people = [
    ...     Person(str(i), f"dept{i % 3}", f"lab{i}", "phd", frozenset({"mon"}))
    ...     for i in range(6)
    ... ]
    >>> result = form_groups(people, Settings(min_size=3, max_size=4, target_size=3))
    >>> [len(group.members) for group in result.groups]
    [3, 3]
    """
    check_settings(settings)
    by_id = _index(people)
    if people and not any(person.availability for person in people):
        raise InfeasibleSettings("nobody gave a meeting slot, so no group can meet")
    started = time.monotonic()
    deadline = math.inf if time_limit is None else started + time_limit
    rng = random.Random(seed)
    avoid = symmetric_avoid(people)
    parts = _components(people, settings)
    groups: list[tuple[str, list[Person]]] = []
    upper = 0
    proved = complete = True
    cut = False
    skipped: set[str] = set()
    for index, part in enumerate(parts):
        if time.monotonic() > deadline:
            # No time left for this part: its people stay out, and the bound stays trivial.
            upper += len(part)
            proved = complete = False
            cut = True
            skipped.update(person.id for person in part)
            continue
        share = (deadline - time.monotonic()) / (len(parts) - index)
        name = part[0].stage if settings.stage == "same" else "everyone"
        # Progress counts people, so the biggest stage takes most of the bar.
        done = sum(len(earlier) for earlier in parts[:index]) / len(people)
        step = _stepper(progress, done, len(part) / len(people), name)
        formed, part_upper, part_proved, part_complete, part_cut = _solve_part(
            part, avoid, settings, rng, time.monotonic() + max(share, 0.0), step
        )
        groups += formed
        upper += part_upper
        proved = proved and part_proved
        complete = complete and part_complete
        cut = cut or (part_cut and time_limit is not None)
    _report(progress, 1.0, "explaining")
    numbered = tuple(
        Group(number=i + 1, slot=slot, members=tuple(p.id for p in members))
        for i, (slot, members) in enumerate(groups)
    )
    formation = _result(numbered, by_id, avoid, settings, upper, proved, complete, skipped, cut)
    return formation


def check_settings(settings: Settings) -> None:
    """Raise :class:`InfeasibleSettings` if no grouping could satisfy ``settings``."""
    if settings.min_size < 2:
        raise InfeasibleSettings(
            f"the minimum group size must be at least 2, not {settings.min_size}"
        )
    if settings.min_size > settings.max_size:
        raise InfeasibleSettings(
            f"the minimum group size {settings.min_size} exceeds the maximum {settings.max_size}"
        )
    if not settings.min_size <= settings.target_size <= settings.max_size:
        raise InfeasibleSettings(
            f"the target size {settings.target_size} is outside "
            f"{settings.min_size}-{settings.max_size}"
        )
    if settings.stage not in ("same", "any"):
        raise InfeasibleSettings(f"the stage mode must be 'same' or 'any', not {settings.stage!r}")


def _index(people: Sequence[Person]) -> dict[str, Person]:
    by_id: dict[str, Person] = {}
    for person in people:
        if person.id in by_id:
            raise ValueError(f"two people share the id {person.id!r}")
        by_id[person.id] = person
    return by_id


def _components(people: Sequence[Person], settings: Settings) -> list[list[Person]]:
    """People split by the pool their groups are drawn from, each sorted by id."""
    pools: dict[str, list[Person]] = defaultdict(list)
    for person in sorted(people, key=lambda person: person.id):
        pools[pool_of(person, settings)].append(person)
    return [pools[pool] for pool in sorted(pools)]


def _stepper(progress: Progress | None, start: float, width: float, name: str) -> Progress:
    """A progress callback for one component, covering [start, start + width] of the run."""

    def step(done: float, message: str) -> None:
        _report(progress, start + done * width, f"{name}: {message}")

    return step


def _report(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


def _solve_part(
    people: list[Person],
    avoid: Mapping[str, frozenset[str]],
    settings: Settings,
    rng: random.Random,
    deadline: float,
    step: Progress,
) -> tuple[list[tuple[str, list[Person]]], int, bool, bool, bool]:
    """Groups for one component, the placement upper bound, whether the most placed is
    proved, whether every step ran to its end, and whether the deadline stopped one."""
    shuffled = list(people)
    # The order within a class decides who is placed among interchangeable people.
    rng.shuffle(shuffled)
    step(0.0, "finding the most that can be placed")
    component = build_component(shuffled, avoid, settings)
    counts = best_counts(component, settings, deadline)
    step(0.3, "spreading departments")
    by_slot, spread = assign(component, settings, counts, deadline)
    step(0.9, "dealing groups")
    groups: list[tuple[str, list[Person]]] = []
    for slot in sorted(by_slot):
        dealt = _deal_slot(by_slot[slot], component, settings, rng, deadline)
        groups += [(slot, group) for group in dealt]
    placed = {person.id for _, group in groups for person in group}
    left = [person for person in component.people if person.id not in placed]
    _insert(left, groups, component, settings, deadline)
    placed_now = sum(len(group) for _, group in groups)
    searched = placed_now < counts.upper
    if placed_now < counts.upper and time.monotonic() < deadline:
        step(0.95, "placing more around avoid pairs")
        # Avoid pairs kept someone out: search for a grouping that places more.
        steps = max(_MIN_STEPS, _IMPROVE_WORK // max(1, len(component.people)))
        better = improve(
            component.people,
            component.usable,
            groups,
            settings,
            goal=counts.upper,
            steps=steps,
            rng=rng,
            deadline=deadline,
        )
        if better is not None:
            groups = better
            placed_now = sum(len(group) for _, group in groups)
    upper = counts.upper
    repair_cut = False
    if placed_now < upper and exact.available() and time.monotonic() < deadline:
        step(0.97, "solving exactly around avoid pairs")
        # A time limit funds the exact step; without one it has a fixed allowance.
        limited = math.isfinite(deadline)
        repair_deadline = deadline if limited else time.monotonic() + _REPAIR_SECONDS
        # The exact model starts from the groups found and proves, or bounds, the most.
        repaired = exact.repair(
            component.people,
            component.usable,
            groups,
            settings,
            upper=upper,
            deadline=repair_deadline,
            seed=rng.randrange(2**31),
        )
        groups = repaired.groups
        placed_now = sum(len(group) for _, group in groups)
        if counts.proved:
            upper = repaired.bound
        spread = spread and not repaired.timed_out
        repair_cut = repaired.timed_out and limited
    if searched and time.monotonic() < deadline:
        # The searches above placed people without regard to departments.
        groups = respread(groups)
    # Steps that ran past the deadline stopped early: the answer is the best found by then.
    finished = counts.proved and spread and time.monotonic() <= deadline
    proved = counts.proved and placed_now >= upper
    cut = repair_cut or time.monotonic() > deadline
    return groups, max(upper, placed_now), proved, finished, cut


# Seconds the exact model may take per component when no time limit is given.
_REPAIR_SECONDS = 20.0


# Moves of the avoid-pair search: about 4 million person-moves per component, at least a
# few thousand. Counted, not timed, so the same seed gives the same groups anywhere.
_IMPROVE_WORK = 4_000_000
_MIN_STEPS = 2_000


def _deal_slot(
    members: list[Person],
    component: Component,
    settings: Settings,
    rng: random.Random,
    deadline: float,
) -> list[list[Person]]:
    """One slot's groups; anyone an avoid pair pushes out is left for :func:`_insert`."""
    k = group_count(members, settings)
    if k == 0:
        return []
    dealt, _ = deal(members, k, component.lab_department, rng, deadline)
    # Leaving someone out may shrink a group below the minimum; its members then wait too.
    return [group for group in dealt if len(group) >= settings.min_size]


def _insert(
    left: list[Person],
    groups: list[tuple[str, list[Person]]],
    component: Component,
    settings: Settings,
    deadline: float,
) -> None:
    """Put people left out into groups with room, then start groups among the rest.

    Only needed when the search ran out of time or an avoid pair could not be separated;
    otherwise nobody left out fits anywhere.
    """
    waiting = sorted(left, key=lambda person: person.id)
    if time.monotonic() > deadline:
        return
    for person in list(waiting):
        for slot, group in groups:
            if len(group) < settings.max_size and fits(person, slot, group):
                group.append(person)
                waiting.remove(person)
                break
    for slot in sorted({slot for person in waiting for slot in person.availability}):
        fresh: list[Person] = []
        for person in list(waiting):
            if len(fresh) < settings.max_size and fits(person, slot, fresh):
                fresh.append(person)
        if len(fresh) >= settings.min_size:
            groups.append((slot, fresh))
            waiting = [person for person in waiting if person not in fresh]


def _result(
    groups: tuple[Group, ...],
    by_id: Mapping[str, Person],
    avoid: Mapping[str, frozenset[str]],
    settings: Settings,
    upper: int,
    proved: bool,
    complete: bool,
    skipped: set[str],
    cut: bool,
) -> Formation:
    placed = {member for group in groups for member in group.members}
    departments = Counter(by_id[member].department for member in placed)
    department_bound = sum(max(0, n - len(groups)) for n in departments.values())
    unplaced_people = [
        by_id[pid] for pid in sorted(by_id) if pid not in placed and pid not in skipped
    ]
    # The bound is proved reached only if the search ended and nobody was lost afterwards
    # while separating avoid pairs.
    proved = proved and len(placed) == upper
    return Formation(
        groups=groups,
        unplaced=_merge(
            explain_unplaced(unplaced_people, groups, by_id, avoid, settings),
            [_not_reached(by_id[pid], settings) for pid in skipped],
        ),
        score=score(groups, by_id, settings),
        bounds=Bounds(placed=upper, department=department_bound, placed_proved=proved),
        complete=complete and proved,
        status="proved" if proved else "cut_short" if cut else "best_found",
    )


def _not_reached(person: Person, settings: Settings) -> Unplaced:
    """The reason for someone whose stage the time limit left no time to group."""
    what = f"the {person.stage or '(blank)'} stage" if settings.stage == "same" else "anyone"
    return Unplaced(person.id, f"the time limit ran out before {what} could be grouped")


def _merge(first: Sequence[Unplaced], second: Sequence[Unplaced]) -> tuple[Unplaced, ...]:
    return tuple(sorted([*first, *second], key=lambda unplaced: unplaced.person))
