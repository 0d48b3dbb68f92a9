"""Who hosts next: a fair rotation. Pure: no Django.

Whoever hosted most recently goes to the back of the line; members who never hosted come
first, in the order they joined. Swaps and regrets exchange two meetings' hosts, so each
member still hosts as often as the others.
"""

from collections.abc import Hashable, Sequence
from typing import TypeVar

H = TypeVar("H", bound=Hashable)


def rotation_order(members: Sequence[H], history: Sequence[H | None]) -> list[H]:
    """`members` in the order they should host next.

    Parameters
    ----------
    members : sequence
        The group's current members, in joining order.
    history : sequence
        Hosts of the group's meetings so far (and those already assigned), oldest first;
        None for a meeting without a host. Former members are ignored.

    Examples
    --------
    >>> rotation_order(["a", "b", "c"], ["a", "c"])
    ['b', 'a', 'c']
    """
    last_hosted: dict[H, int] = {}
    for index, host in enumerate(history):
        if host is not None:
            last_hosted[host] = index
    position = {member: index for index, member in enumerate(members)}
    return sorted(members, key=lambda m: (last_hosted.get(m, -1), position[m]))


def next_hosts(members: Sequence[H], history: Sequence[H | None], count: int) -> list[H]:
    """Hosts for the next `count` meetings, continuing the rotation after `history`.

    >>> next_hosts(["a", "b", "c"], ["a"], 4)
    ['b', 'c', 'a', 'b']
    """
    if not members or count <= 0:
        return []
    order = rotation_order(members, history)
    return [order[index % len(order)] for index in range(count)]
