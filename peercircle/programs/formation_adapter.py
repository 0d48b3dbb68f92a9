"""The one bridge between the programs app and the pure formation engine.

Sign-ups become the engine's `Person`s, a program's choices its `Settings`, and the engine's
`Formation` the preview a coordinator edits (plain JSON kept on a `FormationRun`). Which
pairs may share a group (labs, avoid requests, stages, slots) is decided by the engine
alone: this module only gathers the facts and carries the answers back.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings as django_settings
from django.utils.translation import gettext

from peercircle import formation as engine
from peercircle.groups.models import Membership
from peercircle.programs.engine_words import translated
from peercircle.programs.models import Program, PublishedPlacement, SignUp

Preview = dict[str, Any]
People = Mapping[str, engine.Person]
_ID = re.compile(r"\bp(\d+)\b")


def person_id(signup_pk: int) -> str:
    # A letter in front keeps ids apart from group numbers when reasons are reworded.
    return f"p{signup_pk}"


def signup_pk(pid: str) -> int:
    return int(pid[1:])


def engine_settings(program: Program) -> engine.Settings:
    return engine.Settings(
        min_size=program.min_size,
        max_size=program.max_size,
        target_size=program.target_size,
        stage="any" if program.stage_mode == "any" else "same",
    )


# --- sign-ups in ---------------------------------------------------------------------------


def people_for(program: Program, signups: Sequence[SignUp]) -> dict[str, engine.Person]:
    """The engine's people for `signups`: confirmed avoid requests plus past group-mates."""
    ids = {signup.pk for signup in signups}
    avoid: dict[int, set[int]] = defaultdict(set)
    # By program, not by a list of ids: a long IN list is slow and its size has limits.
    through = SignUp.avoid.through.objects.filter(from_signup__program=program)
    for source, target in through.values_list("from_signup_id", "to_signup_id"):
        if source in ids and target in ids:
            avoid[source].add(target)
    for source, target in past_groupmates(signups):
        avoid[source].add(target)
    offered = set(program.slots)
    return {
        person_id(s.pk): engine.Person(
            id=person_id(s.pk),
            department=s.department.strip().lower(),
            lab=s.lab.strip().lower(),
            stage=s.stage,
            # A slot the program no longer offers can host no group.
            availability=frozenset(slot for slot in s.availability if slot in offered),
            avoid=frozenset(person_id(other) for other in avoid[s.pk]),
        )
        for s in signups
    }


def past_groupmates(signups: Sequence[SignUp]) -> list[tuple[int, int]]:
    """Pairs of sign-ups who already shared a group, in any program, matched by email.

    A second formation asks the engine to keep them apart, so people meet new peers.
    """
    by_email = {s.email.lower(): s.pk for s in signups}
    emails = list(by_email)
    placed = PublishedPlacement.objects.filter(signup__email__in=emails)
    joined = Membership.objects.filter(user__email__in=emails)
    group_ids = set(placed.values_list("group_id", flat=True)) | set(
        joined.values_list("group_id", flat=True)
    )
    if not group_ids:
        return []
    members: dict[int, set[int]] = defaultdict(set)
    rows = PublishedPlacement.objects.filter(group_id__in=group_ids).values_list(
        "group_id", "signup__email"
    )
    more = Membership.objects.filter(group_id__in=group_ids).values_list("group_id", "user__email")
    for group_id, email in [*rows, *more]:
        if email.lower() in by_email:
            members[group_id].add(by_email[email.lower()])
    return [(a, b) for group in members.values() for a in group for b in group if a != b]


# --- formation out --------------------------------------------------------------------------


def form(
    program: Program,
    people: Mapping[str, engine.Person],
    *,
    locked: Sequence[Mapping[str, Any]] = (),
    seed: int = 0,
    progress: engine.Progress | None = None,
) -> Preview:
    """Form groups for everyone in `people` outside the `locked` groups, which stay as they are.

    Raises `engine.InfeasibleSettings` when the program's settings admit no grouping.
    """
    settings = engine_settings(program)
    kept = _kept(locked, people)
    taken = {pid for group in kept for pid in group.members}
    rest = [person for pid, person in people.items() if pid not in taken]
    result = engine.form_groups(
        rest,
        settings,
        seed=seed,
        time_limit=django_settings.FORMATION_TIME_LIMIT_SECONDS,
        progress=progress,
    )
    numbers = _free_numbers({group.number for group in kept})
    fresh = [engine.Group(next(numbers), group.slot, group.members) for group in result.groups]
    groups = sorted([*kept, *fresh], key=lambda group: group.number)
    unplaced = engine.explain(groups, people, settings) if kept else result.unplaced
    return {
        "groups": [_group_json(group, group in kept) for group in groups],
        "unplaced": [
            {"signup": signup_pk(u.person), "reason": u.reason, "fix": u.fix} for u in unplaced
        ],
        "complete": result.complete,
        "placed_bound": result.bounds.placed + len(taken),
        "placed_proved": result.bounds.placed_proved,
        "status": result.status,
    }


def _kept(
    locked: Sequence[Mapping[str, Any]], people: Mapping[str, engine.Person]
) -> list[engine.Group]:
    # Someone withdrawn since the lock simply drops out of their locked group.
    kept = []
    for group in locked:
        members = tuple(person_id(pk) for pk in group["members"] if person_id(pk) in people)
        if members:
            kept.append(engine.Group(group["number"], group["slot"], members))
    return kept


def _free_numbers(used: set[int]) -> Iterator[int]:
    number = 1
    while True:
        if number not in used:
            yield number
        number += 1


def _group_json(group: engine.Group, locked: bool) -> dict[str, Any]:
    return {
        "number": group.number,
        "slot": group.slot,
        "members": [signup_pk(pid) for pid in group.members],
        "locked": locked,
    }


def engine_groups(preview: Preview) -> list[engine.Group]:
    return [
        engine.Group(g["number"], g["slot"], tuple(person_id(pk) for pk in g["members"]))
        for g in preview.get("groups", [])
    ]


def reexplain(program: Program, preview: Preview, people: Mapping[str, engine.Person]) -> None:
    """Recompute who is unplaced and why, after a change by hand; edits `preview`."""
    groups = engine_groups(preview)
    unplaced = engine.explain(groups, people, engine_settings(program))
    preview["unplaced"] = [
        {"signup": signup_pk(u.person), "reason": u.reason, "fix": u.fix} for u in unplaced
    ]


def check_move(
    program: Program,
    preview: Preview,
    people: Mapping[str, engine.Person],
    signup: int,
    to_group: int | None,
) -> engine.MoveCheck:
    return engine.check_move(
        engine_groups(preview), people, engine_settings(program), person_id(signup), to_group
    )


@dataclass(frozen=True)
class Spread:
    """How well departments are spread over the groups, against the least possible."""

    repeats: int
    bound: int

    @property
    def at_bound(self) -> bool:
        return self.repeats <= self.bound


def department_spread(
    program: Program, preview: Preview, people: Mapping[str, engine.Person]
) -> Spread:
    groups = engine_groups(preview)
    repeats = engine.score(groups, people, engine_settings(program)).department
    counts: dict[str, int] = defaultdict(int)
    for group in groups:
        for pid in group.members:
            counts[people[pid].department] += 1
    # No grouping into this many groups can repeat departments less than this.
    bound = sum(max(0, n - len(groups)) for n in counts.values())
    return Spread(repeats=repeats, bound=bound)


def common_slots(members: Iterable[engine.Person]) -> list[str]:
    return sorted(engine.common_slots(members))


def violations(
    program: Program, preview: Preview, people: Mapping[str, engine.Person]
) -> list[str]:
    return engine.violations(engine_groups(preview), people, engine_settings(program))


def in_words(text: str, names: Mapping[int, str]) -> str:
    """The engine's sentence in the reader's language, sign-up ids replaced by names."""
    someone = gettext("someone")
    return _ID.sub(lambda match: names.get(int(match.group(1)), someone), translated(text))
