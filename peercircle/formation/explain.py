"""Why someone was left out, and what a coordinator's manual move would do."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from peercircle.formation.model import Group, MoveCheck, Person, Settings, Unplaced, name_key
from peercircle.formation.score import group_violations, score

_LISTED = 4  # groups named in one reason before "and N more"


def fits(
    person: Person, slot: str, members: Sequence[Person], avoid: Mapping[str, frozenset[str]]
) -> bool:
    """Whether ``person`` can join ``members`` meeting at ``slot`` (size aside)."""
    return slot in person.availability and not _conflicts(person, members, avoid)


def _conflicts(
    person: Person, members: Sequence[Person], avoid: Mapping[str, frozenset[str]]
) -> list[str]:
    """Why ``person`` may not sit with ``members``: lab-mates and avoid pairs, in words."""
    mine = avoid.get(person.id, frozenset())
    found = []
    for other in members:
        if person.lab and name_key(other.lab) == name_key(person.lab):
            found.append(f"{other.id}, from their lab {person.lab}")
        elif other.id in mine:
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


def same_labs(people: Iterable[Person]) -> list[Person]:
    """``people`` with each lab written as its :func:`name_key`, so that spellings match."""
    return [
        person if person.lab == name_key(person.lab) else replace(person, lab=name_key(person.lab))
        for person in people
    ]


def symmetric_avoid(people: Iterable[Person]) -> dict[str, frozenset[str]]:
    """Who must not sit with whom, both ways, among ``people`` only."""
    everyone = list(people)
    ids = {person.id for person in everyone}
    pairs: dict[str, set[str]] = defaultdict(set)
    for person in everyone:
        for other in sorted(person.avoid):
            if other not in ids or other == person.id:
                continue
            pairs[person.id].add(other)
            pairs[other].add(person.id)
    return {person.id: frozenset(pairs.get(person.id, ())) for person in everyone}


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
    O(P + U * G) for P people, U unplaced and G groups, with early exits once a fix is
    found.
    """
    members = {group.number: [people[m] for m in group.members] for group in groups}
    companions = _companions(people.values(), avoid, settings)
    return tuple(
        Unplaced(
            person=person.id,
            reason=_reason(person, groups, members, companions, avoid, settings),
            fix=_fix(person, groups, members, avoid, settings),
        )
        for person in unplaced
    )


@dataclass(frozen=True)
class _Companions:
    """How many could sit with whom at each slot, counted once per explanation."""

    by_id: Mapping[str, Person]
    avoid: Mapping[str, frozenset[str]]
    same: bool
    at: Counter[tuple[str, str]]
    lab_at: Counter[tuple[str, str, str]]


def _companions(
    people: Iterable[Person], avoid: Mapping[str, frozenset[str]], settings: Settings
) -> _Companions:
    everyone = list(people)
    same = settings.stage == "same"
    at: Counter[tuple[str, str]] = Counter()
    lab_at: Counter[tuple[str, str, str]] = Counter()
    for person in everyone:
        stage = person.stage if same else ""
        for slot in person.availability:
            at[(stage, slot)] += 1
            if person.lab:
                lab_at[(stage, slot, name_key(person.lab))] += 1
    return _Companions({p.id: p for p in everyone}, avoid, same, at, lab_at)


def _count_companions(counts: _Companions, person: Person, slot: str) -> int:
    """How many others could sit with ``person`` at ``slot``: same pool, other lab, no avoid."""
    stage = person.stage if counts.same else ""
    others = counts.at[(stage, slot)] - 1
    if person.lab:
        others -= counts.lab_at[(stage, slot, name_key(person.lab))] - 1
    for other_id in counts.avoid.get(person.id, frozenset()):
        other = counts.by_id[other_id]
        same_lab = person.lab and name_key(other.lab) == name_key(person.lab)
        same_pool = (other.stage if counts.same else "") == stage
        if slot in other.availability and same_pool and not same_lab:
            others -= 1
    return others


def _same_pool(person: Person, group_members: Sequence[Person], settings: Settings) -> bool:
    return settings.stage == "any" or group_members[0].stage == person.stage


def _reason(
    person: Person,
    groups: Sequence[Group],
    members: Mapping[int, list[Person]],
    companions: _Companions,
    avoid: Mapping[str, frozenset[str]],
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
    blocked = []
    for group in groups:
        if group.slot not in person.availability:
            continue
        if not _same_pool(person, members[group.number], settings):
            continue
        conflicts = _conflicts(person, members[group.number], avoid)
        if conflicts:
            blocked.append(f"group {group.number} has {conflicts[0]}")
        elif len(group.members) >= settings.max_size:
            blocked.append(f"group {group.number} is full")
        else:
            # Only after a change by hand: the engine itself leaves nobody out who fits.
            return f"not in a group, though group {group.number} meets at {group.slot} with room"
    if not blocked:
        return (
            f"no group meets at a slot they can make ({', '.join(sorted(person.availability))}), "
            f"and those left out who share one are too few, or too tied by labs and avoid "
            f"pairs, to start a group of {settings.min_size}"
        )
    more = f"; and {len(blocked) - _LISTED} more" if len(blocked) > _LISTED else ""
    return (
        "every group meeting at a slot they can make is full or has a conflict: "
        + "; ".join(blocked[:_LISTED])
        + more
    )


def _fix(
    person: Person,
    groups: Sequence[Group],
    members: Mapping[int, list[Person]],
    avoid: Mapping[str, frozenset[str]],
    settings: Settings,
) -> str | None:
    """The nearest change that would let ``person`` into an existing group, if any."""
    for group in groups:
        group_members = members[group.number]
        if (
            len(group.members) < settings.max_size
            and _same_pool(person, group_members, settings)
            and fits(person, group.slot, group_members, avoid)
        ):
            return f"add them to group {group.number}"
    room = [g for g in groups if len(g.members) < settings.max_size]
    for group in room:
        group_members = members[group.number]
        if (
            group.slot not in person.availability
            and _same_pool(person, group_members, settings)
            and not _conflicts(person, group_members, avoid)
        ):
            return f"would fit group {group.number} if they could make {group.slot}"
    for group in groups:
        group_members = members[group.number]
        if (
            group.slot in person.availability
            and _same_pool(person, group_members, settings)
            and not _conflicts(person, group_members, avoid)
        ):
            return (
                f"would fit group {group.number} if groups could have "
                f"{settings.max_size + 1} members"
            )
    if settings.stage == "same":
        for group in room:
            if fits(person, group.slot, members[group.number], avoid):
                return f"would fit group {group.number} if career stages could mix"
    return None


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
