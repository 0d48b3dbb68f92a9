"""Why someone was left out, and what a coordinator's manual move would do."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from peercircle.formation.model import Formation, Group, MoveCheck, Person, Settings, Unplaced
from peercircle.formation.score import group_violations, score
from peercircle.formation.sharing import lab_of, may_share, pool_of, symmetric_avoid

_LISTED = 4  # groups named in one reason before "and N more"


def _conflicts(person: Person, members: Sequence[Person]) -> list[str]:
    """Why ``person`` may not sit with ``members``: lab-mates and avoid pairs, in words."""
    found = []
    for other in members:
        if may_share(person, other):
            continue
        if lab_of(other) == lab_of(person):
            found.append(f"{other.id}, from their lab {person.lab}")
        else:
            found.append(f"{other.id}, in an avoid pair with them")
    return found


def explain(
    groups: Sequence[Group], people: Mapping[str, Person], settings: Settings
) -> tuple[Unplaced, ...]:
    """Why each person outside ``groups`` is unplaced, and the nearest fix.

    :func:`form_groups` already explains its result; this is for a grouping a coordinator
    has since changed by hand.

    Parameters
    ----------
    groups : sequence of Group
    people : mapping of id to Person
        Everyone who signed up, placed or not.
    settings : Settings

    Returns
    -------
    tuple of Unplaced
        One per person in no group, in id order: a reason that is true of this grouping,
        and a fix such as "would fit group 7 if they could make mon-evening" (None when no
        single change to the person would do).
    """
    placed = {member for group in groups for member in group.members}
    left = [people[pid] for pid in sorted(people) if pid not in placed]
    return explain_unplaced(left, groups, people, symmetric_avoid(people.values()), settings)


def explain_unplaced(
    unplaced: Sequence[Person],
    groups: Sequence[Group],
    people: Mapping[str, Person],
    avoid: Mapping[str, frozenset[str]],
    settings: Settings,
) -> tuple[Unplaced, ...]:
    """A true reason and the nearest fix for each person left out of ``groups``.

    Notes
    -----
    Groups are indexed by stage, slot and lab, so each person costs a few set operations
    per slot they gave rather than a pass over every group: O(P + U * S * log G) for P
    people, U unplaced, S slots each and G groups, plus a small bounded search per person
    for a group that those left out could start.
    """
    if not unplaced:
        return ()
    index = _Index(groups, people, avoid, settings)
    companions = _companions(people.values(), avoid, settings)
    left = _Left(unplaced, avoid, settings)
    return tuple(
        Unplaced(
            person=person.id,
            reason=_reason(person, index, companions, left, settings),
            fix=_fix(person, index, left, settings),
        )
        for person in unplaced
    )


class _Index:
    """The groups, looked up by pool (stage), slot and lab."""

    def __init__(
        self,
        groups: Sequence[Group],
        people: Mapping[str, Person],
        avoid: Mapping[str, frozenset[str]],
        settings: Settings,
    ) -> None:
        self.avoid = avoid
        self.same = settings.stage == "same"
        self.max_size = settings.max_size
        self.groups = {group.number: group for group in groups}
        self.members = {g.number: [people[m] for m in g.members] for g in groups}
        self.group_of = {m: g.number for g in groups for m in g.members}
        self.stages = {n: {p.stage for p in ms} for n, ms in self.members.items()}
        self.at: dict[str, set[int]] = defaultdict(set)
        self.with_lab: dict[str, set[int]] = defaultdict(set)
        self.room = {g.number for g in groups if len(g.members) < settings.max_size}
        # Groups with room by their one stage; "" holds groups that any stage may join.
        self.room_by_stage: dict[str, set[int]] = defaultdict(set)
        for number in self.room:
            stages = self.stages[number]
            if not self.same or not stages:
                self.room_by_stage[""].add(number)
            elif len(stages) == 1:
                self.room_by_stage[next(iter(stages))].add(number)
        for group in groups:
            self.at[group.slot].add(group.number)
            for member in self.members[group.number]:
                self.with_lab[lab_of(member)].add(group.number)

    def in_pool(self, person: Person, number: int) -> bool:
        return not self.same or self.stages[number] <= {person.stage}

    def clashing(self, person: Person) -> set[int]:
        """Groups holding a lab-mate of ``person`` or someone in an avoid pair with them."""
        found = set(self.with_lab.get(lab_of(person), ()))
        for other in self.avoid.get(person.id, frozenset()):
            if other in self.group_of:
                found.add(self.group_of[other])
        return found

    def room_in_pool(self, person: Person) -> set[int]:
        """Groups with room that ``person`` may join, slots aside."""
        if not self.same:
            return self.room_by_stage[""]
        return self.room_by_stage[""] | self.room_by_stage.get(person.stage, set())

    def has_room(self, number: int) -> bool:
        return len(self.groups[number].members) < self.max_size

    def at_slots(self, person: Person) -> list[int]:
        """Groups of their pool that meet at a slot they can make, in number order."""
        numbers: set[int] = set()
        for slot in person.availability:
            numbers |= self.at.get(slot, set())
        return sorted(n for n in numbers if self.in_pool(person, n))


class _Left:
    """Those left out, by pool and slot, to tell whether some of them could start a group."""

    def __init__(
        self, unplaced: Sequence[Person], avoid: Mapping[str, frozenset[str]], settings: Settings
    ) -> None:
        self.avoid = avoid
        self.min_size = settings.min_size
        self.settings = settings
        self.at: dict[tuple[str, str], list[Person]] = defaultdict(list)
        # Steps for all the searches together, so that explaining stays fast however many
        # are left out; past it a reason says "was found" instead of "exists".
        self.budget = [200_000]
        self.surveys: dict[tuple[str, str], tuple[dict[str, list[Person]], bool]] = {}
        for person in sorted(unplaced, key=lambda p: p.id):
            for slot in person.availability:
                self.at[(self.pool(person), slot)].append(person)

    def pool(self, person: Person) -> str:
        return pool_of(person, self.settings)

    def group_with(self, person: Person, slot: str) -> tuple[list[Person] | None, bool]:
        """``min`` people left out, ``person`` first, who could meet at ``slot``.

        Returns the group (None if there is none) and whether the search was exhaustive.
        Without avoid pairs among them, one person per lab will do; otherwise a depth-first
        search over the first few hundred of them, within a budget of steps.
        """
        needed = self.min_size - 1
        key = (self.pool(person), slot)
        by_lab, tied = self._survey(key)
        if not tied:
            # One per lab: the first of each other lab, unless in an avoid pair with them.
            firsts = [members[0] for members in by_lab.values()]
            picked = [other for other in firsts if may_share(person, other)][:needed]
            found = [person, *picked] if len(picked) == needed else None
            # Someone in an avoid pair with them may hide another of their lab: search.
            if found is not None or not self.avoid.get(person.id):
                return found, True
        candidates = [other for other in self.at.get(key, []) if may_share(person, other)]
        if len({lab_of(p) for p in candidates}) < needed:
            return None, True
        limited = candidates[:_SEARCHED]
        found = self._extend([person], limited, needed, self.budget)
        exhaustive = len(limited) == len(candidates) and self.budget[0] > 0
        return found, found is not None or exhaustive

    def _survey(self, key: tuple[str, str]) -> tuple[dict[str, list[Person]], bool]:
        """Those left out at one pool and slot by lab, and whether any two avoid each other."""
        if key not in self.surveys:
            by_lab: dict[str, list[Person]] = defaultdict(list)
            ids = set()
            for other in self.at.get(key, []):
                by_lab[lab_of(other)].append(other)
                ids.add(other.id)
            tied = any(self.avoid.get(pid, frozenset()) & ids for pid in ids)
            self.surveys[key] = (dict(by_lab), tied)
        return self.surveys[key]

    def _extend(
        self, chosen: list[Person], candidates: list[Person], needed: int, budget: list[int]
    ) -> list[Person] | None:
        if needed == 0:
            return chosen
        for index, other in enumerate(candidates):
            if len(candidates) - index < needed or budget[0] <= 0:
                return None
            budget[0] -= 1
            rest = [p for p in candidates[index + 1 :] if may_share(other, p)]
            found = self._extend([*chosen, other], rest, needed - 1, budget)
            if found is not None:
                return found
        return None


@dataclass(frozen=True)
class _Companions:
    """How many could sit with whom at each slot, counted once per explanation."""

    by_id: Mapping[str, Person]
    avoid: Mapping[str, frozenset[str]]
    settings: Settings
    at: Counter[tuple[str, str]]
    lab_at: Counter[tuple[str, str, str]]


def _companions(
    people: Iterable[Person], avoid: Mapping[str, frozenset[str]], settings: Settings
) -> _Companions:
    everyone = list(people)
    at: Counter[tuple[str, str]] = Counter()
    lab_at: Counter[tuple[str, str, str]] = Counter()
    for person in everyone:
        pool = pool_of(person, settings)
        for slot in person.availability:
            at[(pool, slot)] += 1
            lab_at[(pool, slot, lab_of(person))] += 1
    return _Companions({p.id: p for p in everyone}, avoid, settings, at, lab_at)


def _count_companions(counts: _Companions, person: Person, slot: str) -> int:
    """How many others could sit with ``person`` at ``slot``: same pool, other lab, no avoid."""
    pool = pool_of(person, counts.settings)
    others = counts.at[(pool, slot)] - 1
    others -= counts.lab_at[(pool, slot, lab_of(person))] - 1
    for other_id in counts.avoid.get(person.id, frozenset()):
        other = counts.by_id[other_id]
        # Lab-mates were already subtracted; do not count them twice.
        same_lab = lab_of(other) == lab_of(person)
        same_pool = pool_of(other, counts.settings) == pool
        if slot in other.availability and same_pool and not same_lab:
            others -= 1
    return others


_SEARCHED = 300  # those left out that one search looks at, to keep explaining fast


def _pool_name(person: Person, settings: Settings) -> str:
    """How a reason names the groups someone may join: "postdoc group" or "group"."""
    if settings.stage != "same":
        return "group"
    return f"{person.stage} group" if person.stage else "group of their (blank) stage"


def _reason(
    person: Person,
    index: _Index,
    companions: _Companions,
    left: _Left,
    settings: Settings,
) -> str:
    if not person.availability:
        return "they gave no meeting slot"
    needed = settings.min_size - 1
    best = max(
        (_count_companions(companions, person, slot), slot) for slot in sorted(person.availability)
    )
    if best[0] < needed:
        kind = "same stage, another lab" if settings.stage == "same" else "another lab"
        return (
            f"no slot they can make is shared by {needed} people they could sit with "
            f"({kind}, not in an avoid pair); the most is {best[0]}, at {best[1]}"
        )
    nearby = index.at_slots(person)
    clashing = index.clashing(person)
    for number in nearby:
        if number not in clashing and index.has_room(number):
            group = index.groups[number]
            # Only after a change by hand: the engine itself leaves nobody out who fits.
            return f"not in a group, though group {number} meets at {group.slot} with room"
    if not nearby:
        return _no_group_reason(person, left, settings)
    blocked = [_blocked(person, index, number) for number in nearby[:_LISTED]]
    more = f"; and {len(nearby) - _LISTED} more" if len(nearby) > _LISTED else ""
    return (
        "every group meeting at a slot they can make is full or has a conflict: "
        + "; ".join(blocked)
        + more
    )


def _blocked(person: Person, index: _Index, number: int) -> str:
    conflicts = _conflicts(person, index.members[number])
    if conflicts:
        return f"group {number} has {conflicts[0]}"
    return f"group {number} is full"


def _no_group_reason(person: Person, left: _Left, settings: Settings) -> str:
    slots = sorted(person.availability)
    start = f"no {_pool_name(person, settings)} meets at a slot they can make ({', '.join(slots)})"
    exhaustive = True
    for slot in slots:
        group, complete = left.group_with(person, slot)
        if group is not None:
            others = ", ".join(p.id for p in group[1:])
            return f"{start}; they could start one at {slot} with {others}, also left out"
        exhaustive = exhaustive and complete
    if not exhaustive:
        return (
            f"{start}, and no group of {settings.min_size} with them was found among those left out"
        )
    return (
        f"{start}, and those left out cannot start one: no {settings.min_size} of them, them "
        "included, can make one slot with no two from one lab and no avoid pair"
    )


def _fix(person: Person, index: _Index, left: _Left, settings: Settings) -> str | None:
    """The nearest change that would let ``person`` into an existing group, if any."""
    clashing = index.clashing(person)
    nearby = set(index.at_slots(person)) - clashing
    pool_room = index.room_in_pool(person) - clashing
    if number := _first(nearby & pool_room):
        return f"add them to group {number}"
    if number := _first(pool_room - nearby):
        return f"would fit group {number} if they could make {index.groups[number].slot}"
    if number := _first(nearby):
        return f"would fit group {number} if groups could have {settings.max_size + 1} members"
    if settings.stage == "same":
        anywhere: set[int] = set()
        for slot in person.availability:
            anywhere |= index.at.get(slot, set())
        if number := _first((anywhere & index.room) - clashing):
            return f"would fit group {number} if career stages could mix"
    for slot in sorted(person.availability):
        found, _ = left.group_with(person, slot)
        if found is not None:
            return f"start a group at {slot} with {', '.join(p.id for p in found[1:])}"
    return None


def _first(numbers: set[int]) -> int | None:
    return min(numbers) if numbers else None


def check_move(
    groups: Sequence[Group],
    people: Mapping[str, Person],
    settings: Settings,
    person: str,
    to_group: int | None,
) -> MoveCheck:
    """What moving ``person`` into group ``to_group`` (None: out of every group) would do.

    Parameters
    ----------
    groups : sequence of Group
        The current grouping, as :func:`form_groups` returned it or after manual moves.
    people : mapping of id to Person
    settings : Settings
    person : str
        The id of the person to move.
    to_group : int or None
        The number of the group to move them into; None leaves them unplaced.

    Returns
    -------
    MoveCheck
        The hard constraints the two affected groups would break after the move, and the
        score before and after it. Groups keep their slot.

    Raises
    ------
    KeyError
        If ``person`` or ``to_group`` is unknown.

    Examples
    --------
    >>> from peercircle.formation import form_groups
    >>> a, b = (Person(i, "bio", "", "phd", frozenset({"mon"})) for i in "ab")
    >>> s = Settings(min_size=2, max_size=2, target_size=2)
    >>> f = form_groups([a, b], s)
    >>> check_move(f.groups, {"a": a, "b": b}, s, "a", None).broken
    ('group 1 has 1 members, outside 2-2',)
    """
    if person not in people:
        raise KeyError(person)
    numbers = {group.number for group in groups}
    if to_group is not None and to_group not in numbers:
        raise KeyError(to_group)
    moved = []
    for group in groups:
        rest = tuple(m for m in group.members if m != person)
        if group.number == to_group:
            rest += (person,)
        moved.append(Group(group.number, group.slot, rest))
    touched = [g for g, old in zip(moved, groups, strict=True) if g != old]
    broken = []
    for group in touched:
        broken += group_violations(group, [people[m] for m in group.members], settings)
    return MoveCheck(
        broken=tuple(broken),
        before=score(groups, people, settings),
        after=score([g for g in moved if g.members], people, settings),
    )


def status_text(formation: Formation) -> str:
    """How far the placement is known to be the best, in the words the report uses too."""
    if formation.status == "proved":
        return "proved the most possible"
    most = formation.bounds.placed
    if formation.status == "cut_short":
        return f"cut short by the time limit; at most {most} are possible"
    return f"the most found; at most {most} are possible"
