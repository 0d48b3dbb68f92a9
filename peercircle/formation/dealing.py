"""Deal the people of one slot into groups: labs apart, departments spread, sizes even."""

from __future__ import annotations

import bisect
import itertools
import math
import random
import time
from collections import Counter
from collections.abc import Mapping, Sequence

from peercircle.formation.model import Person, Settings
from peercircle.formation.sharing import clashes, lab_of


def group_count(members: Sequence[Person], settings: Settings) -> int:
    """How many groups to deal ``members`` into; 0 if no count works.

    Among the counts whose sizes fit [min, max] and that keep every lab apart, picks the
    one with the smallest department term, then sizes nearest the target (sizes within a
    slot differ by at most one, which is best for a fixed count).
    """
    n = len(members)
    biggest_lab = max(Counter(lab_of(p) for p in members).values(), default=0)
    # Largest first, with running sums, so each k's department term costs a bisection.
    departments = sorted(Counter(p.department for p in members).values(), reverse=True)
    running = list(itertools.accumulate(departments, initial=0))
    low = max(-(-n // settings.max_size), biggest_lab, 1)
    high = n // settings.min_size
    best: tuple[int, int, int] | None = None
    for k in range(low, high + 1):
        above = bisect.bisect_left(departments, -k, key=lambda count: -count)
        spread = running[above] - k * above
        size, extra = divmod(n, k)
        off = (k - extra) * abs(size - settings.target_size)
        off += extra * abs(size + 1 - settings.target_size)
        if best is None or (spread, off) < best[:2]:
            best = (spread, off, k)
    return best[2] if best else 0


def deal(
    members: Sequence[Person],
    k: int,
    lab_department: Mapping[str, str],
    rng: random.Random,
    deadline: float = math.inf,
) -> tuple[list[list[Person]], list[Person]]:
    """Deal ``members`` round-robin into ``k`` groups, then separate any who may not share.

    Sorting by department and lab before dealing puts each department's members into as
    many different groups as possible and each lab's (at most ``k``) into different ones.
    ``lab_department`` gives each lab (by :func:`name_key`) the department it is dealt
    under. Returns the groups and anyone who had to be left out to keep lab-mates or an
    avoid pair apart.
    """
    shuffled = list(members)
    rng.shuffle(shuffled)

    def key(person: Person) -> tuple[str, str]:
        lab = person.lab_key
        home = lab_department.get(lab, person.department) if lab else ""
        return (home or person.department, lab)

    ordered = sorted(shuffled, key=key)
    groups: list[list[Person]] = [ordered[i::k] for i in range(k)]
    left = _separate(groups, rng, deadline)
    return groups, left


def _separate(
    groups: list[list[Person]],
    rng: random.Random,
    deadline: float,
) -> list[Person]:
    """Repair the dealt groups until no lab-mates or avoid pairs share one.

    Min-conflicts local search: pick someone in a clash, make the swap with a member of
    another group, or the move into a group with room, that leaves the fewest clashes
    (ties broken at random, so the search does not cycle). Sizes stay within the dealt
    range. Anyone still in a clash after the step budget is left out.
    """
    where = {person.id: index for index, group in enumerate(groups) for person in group}
    clashing_with = clashes([person for group in groups for person in group])
    sizes = [len(group) for group in groups]
    low, high = min(sizes), max(sizes)
    members = [{person.id: person for person in group} for group in groups]

    def cost(pid: str, group: int, without: str = "") -> int:
        return sum(
            1 for other in clashing_with[pid] if other != without and where.get(other) == group
        )

    # Only people with a lab-mate or an avoid pair among the dealt can ever clash.
    troubled = [pid for pid in where if clashing_with[pid]]
    resolved = False
    budget = 100 + 20 * len(where)
    for step in range(budget):
        if step % 64 == 63 and time.monotonic() > deadline:
            break
        clashing = sorted(pid for pid in troubled if cost(pid, where[pid]))
        if not clashing:
            resolved = True
            break
        pid = rng.choice(clashing)
        home = where[pid]
        here = cost(pid, home)
        options: list[tuple[int, str, int]] = []
        for group, group_members in enumerate(members):
            if group == home:
                continue
            if len(group_members) < high and len(members[home]) > low:
                options.append((cost(pid, group) - here, "", group))
            for other in group_members:
                change = cost(pid, group, other) + cost(other, home, pid)
                change -= here + cost(other, group)
                options.append((change, other, group))
        if not options:
            break
        best = min(change for change, _, _ in options)
        _, other, group = rng.choice([o for o in options if o[0] == best])
        _move(pid, home, group, members, where)
        if other:
            _move(other, group, home, members, where)
    left: list[Person] = []
    for pid in [] if resolved else sorted(troubled):
        if pid in members[where[pid]] and cost(pid, where[pid]):
            left.append(members[where[pid]].pop(pid))
            del where[pid]
    for index, group_members in enumerate(members):
        groups[index] = sorted(group_members.values(), key=lambda person: person.id)
    return left


def _move(
    pid: str, source: int, target: int, members: list[dict[str, Person]], where: dict[str, int]
) -> None:
    members[target][pid] = members[source].pop(pid)
    where[pid] = target
