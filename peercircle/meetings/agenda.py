"""A fair agenda: how a meeting's minutes are shared. Pure Python, no Django.

`allocate` shares the members' slot time; `plan_blocks` lays out the whole meeting
(roundtable, successes, review, slots, new goals, wrap-up); `explain` says, in words, how
each member's time was computed so the page can show its working.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

# Minutes per person or per item for the fixed blocks of a meeting.
ROUNDTABLE_PER_MEMBER = 1
SUCCESS_EACH = 2
REVIEW_PER_MEMBER = 2
NEW_GOALS_PER_MEMBER = 2
WRAP_UP = 5


def _whole(name: str, value: object) -> int:
    # bool is an int to Python, but True minutes is a bug in the caller; integer-like
    # values (numpy's, say) are accepted through __index__.
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number of minutes, got {value!r}")
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{name} must be a whole number of minutes, got {value!r}") from None


def _check_int(name: str, value: object) -> int:
    number = _whole(name, value)
    if number < 0:
        raise ValueError(f"{name} must not be negative, got {number}")
    return number


def _validate(
    asks: Sequence[int], available: int, floor: int, priority: Sequence[bool] | None
) -> list[bool]:
    for index, ask in enumerate(asks):
        _check_int(f"asks[{index}]", ask)
    _check_int("available", available)
    if _whole("floor", floor) < 1:
        raise ValueError(f"floor must be at least 1 minute, got {floor}")
    if priority is None:
        return [False] * len(asks)
    flags = list(priority)
    if len(flags) != len(asks):
        raise ValueError(f"priority has {len(flags)} entries for {len(asks)} asks")
    return [bool(flag) for flag in flags]


def allocate(
    asks: Sequence[int],
    available: int,
    *,
    floor: int = 5,
    priority: Sequence[bool] | None = None,
) -> list[int]:
    """Share `available` whole minutes among members who asked for `asks` minutes.

    Parameters
    ----------
    asks : sequence of int
        Minutes each member asked for, in input order; 0 means the member passed.
    available : int
        Whole minutes for all members' slots together.
    floor : int, optional
        The shortest slot worth having (default 5). A member who asked less gets what
        they asked before anyone gets more than the floor.
    priority : sequence of bool, optional
        Members cut short or passed last time. They win ties and, when not even the
        floors fit, are served their floor first.

    Returns
    -------
    list of int
        Minutes per member, in input order.

    Raises
    ------
    ValueError
        A negative ask or `available`, a `floor` below 1, or a `priority` of another
        length than `asks`.
    TypeError
        A value that is not a whole number.

    Notes
    -----
    Three regimes, by how much time there is:

    1. The asks fit: everyone gets exactly what they asked.
    2. The floors fit (``sum(min(ask, floor)) <= available``): everyone gets
       ``min(ask, floor)`` and the minutes left are shared in proportion to what each asked
       above the floor by the largest-remainder method, in exact integer arithmetic, so
       each member is within one minute of the exact share and the total is `available`.
       Equal remainders go to priority members first, then to the larger ask, then to
       the earlier member.
    3. Not even the floors fit: floors are served whole, priority members first, larger
       asks first within each class, earlier members first among equals; whoever is
       reached when the time runs short gets the minutes that are left, the rest get 0.

    In every regime nobody gets more than they asked, of two members with the same
    priority the one who asked more never gets less, and with equal asks a priority member
    never gets less. O(n log n) for n members; exact for any size of integer.

    Examples
    --------
    >>> allocate([10, 20, 0], 40)
    [10, 20, 0]
    >>> allocate([10, 20, 30], 30)
    [7, 10, 13]
    >>> allocate([10, 10, 10], 12, priority=[False, False, True])
    [5, 2, 5]
    """
    asks = list(asks)
    flags = _validate(asks, available, floor, priority)
    asks = [operator.index(ask) for ask in asks]
    available, floor = operator.index(available), operator.index(floor)
    if sum(asks) <= available:
        return asks
    bases = [min(ask, floor) for ask in asks]
    if sum(bases) <= available:
        return _share_above_floors(asks, bases, available, flags)
    return _serve_floors(asks, bases, available, flags)


def _share_above_floors(
    asks: list[int], bases: list[int], available: int, flags: list[bool]
) -> list[int]:
    extra = available - sum(bases)
    above = [ask - base for ask, base in zip(asks, bases, strict=True)]
    total_above = sum(above)  # > extra, because the asks did not fit
    shares = [base + (extra * a) // total_above for base, a in zip(bases, above, strict=True)]
    left = available - sum(shares)
    remainders = [(extra * a) % total_above for a in above]
    order = sorted(
        range(len(asks)),
        key=lambda i: (-remainders[i], not flags[i], -asks[i], i),
    )
    # `left` is less than the number of non-zero remainders, so only members whose exact
    # share has a fraction are rounded up, and none beyond their ask.
    for i in order[:left]:
        shares[i] += 1
    return shares


def _serve_floors(
    asks: list[int], bases: list[int], available: int, flags: list[bool]
) -> list[int]:
    result = [0] * len(asks)
    left = available
    for i in sorted(range(len(asks)), key=lambda i: (not flags[i], -asks[i], i)):
        given = min(bases[i], left)
        result[i] = given
        left -= given
        if left == 0:
            break
    return result


def gettext_noop(message: str) -> str:
    """Marks a sentence for the translation catalogue (`make messages` finds it by this
    name); pages translate it with the Django side's gettext, as this module has no Django."""
    return message


@dataclass(frozen=True)
class Explanation:
    """How one member's minutes were computed, for the agenda page.

    `reason` is the English sentence; `template` and `params` are what it was made of, so a
    page can say it in its reader's language (`template % params` gives `reason`).
    """

    ask: int
    minutes: int
    floor_part: int
    exact: Fraction | None
    reason: str
    template: str = ""
    params: Params = ()


Params = tuple[tuple[str, int | float], ...]


def _said(template: str, **params: int | float) -> tuple[str, str, Params]:
    """An explanation's reason, template and params (the last three fields)."""
    shown = {k: f"{v:.1f}" if isinstance(v, float) else v for k, v in params.items()}
    return template % shown, template, tuple(params.items())


def explain(
    asks: Sequence[int],
    available: int,
    *,
    floor: int = 5,
    priority: Sequence[bool] | None = None,
) -> list[Explanation]:
    """`allocate`'s result with a sentence per member saying how it came about."""
    minutes = allocate(asks, available, floor=floor, priority=priority)
    flags = _validate(asks, available, floor, priority)
    if sum(asks) <= available:
        return [
            Explanation(
                a,
                m,
                m,
                None,
                *_said(gettext_noop("Asked for %(ask)s min: every ask fits."), ask=a)
                if a
                else _said(gettext_noop("Passed.")),
            )
            for a, m in zip(asks, minutes, strict=True)
        ]
    bases = [min(a, floor) for a in asks]
    if sum(bases) > available:
        return [
            Explanation(a, m, m, None, *_short_reason(a, m, floor, flag))
            for a, m, flag in zip(asks, minutes, flags, strict=True)
        ]
    extra = available - sum(bases)
    total_above = sum(a - b for a, b in zip(asks, bases, strict=True))
    result = []
    for a, b, m in zip(asks, bases, minutes, strict=True):
        exact = Fraction(extra * (a - b), total_above)
        if a == 0:
            reason = _said(gettext_noop("Passed."))
        elif a <= floor:
            reason = _said(
                gettext_noop(
                    "Asked for %(ask)s min and gets all of it: within the %(floor)s-minute floor."
                ),
                ask=a,
                floor=floor,
            )
        else:
            reason = _said(
                gettext_noop(
                    "Asked for %(ask)s min: the %(floor)s-minute floor plus %(more)s of the "
                    "%(extra)s minutes left, shared in proportion to what each asked beyond "
                    "the floor (exact share %(share)s)."
                ),
                ask=a,
                floor=floor,
                more=m - b,
                extra=extra,
                share=float(b + exact),
            )
        result.append(Explanation(a, m, b, b + exact, *reason))
    return result


def _short_reason(ask: int, minutes: int, floor: int, flag: bool) -> tuple[str, str, Params]:
    if ask == 0:
        return _said(gettext_noop("Passed."))
    if minutes == min(ask, floor):
        if flag:
            return _said(
                gettext_noop(
                    "Asked for %(ask)s min; time is short, so the %(floor)s-minute floor "
                    "(served first: cut short or passed last time)."
                ),
                ask=ask,
                floor=min(ask, floor),
            )
        return _said(
            gettext_noop("Asked for %(ask)s min; time is short, so the %(floor)s-minute floor."),
            ask=ask,
            floor=min(ask, floor),
        )
    if minutes == 0:
        return _said(
            gettext_noop(
                "Asked for %(ask)s min; time ran out before this slot, so first in line next time."
            ),
            ask=ask,
        )
    if flag:
        return _said(
            gettext_noop(
                "Asked for %(ask)s min; time is short, so the %(minutes)s minutes that were left "
                "(served first: cut short or passed last time)."
            ),
            ask=ask,
            minutes=minutes,
        )
    return _said(
        gettext_noop(
            "Asked for %(ask)s min; time is short, so the %(minutes)s minutes that were left."
        ),
        ask=ask,
        minutes=minutes,
    )


@dataclass(frozen=True)
class Block:
    """One part of the meeting: a kind (roundtable, successes, ...) and its minutes."""

    kind: str
    minutes: int


def plan_blocks(*, duration: int, members: int, successes: int) -> tuple[list[Block], int]:
    """The fixed blocks of a meeting and the minutes left for members' slots.

    Blocks in order: roundtable, successes, review, (slots), new goals, wrap-up. When the
    fixed blocks do not fit, they keep their time and the slots get none.
    """
    for name, value in (("duration", duration), ("members", members), ("successes", successes)):
        _check_int(name, value)
    fixed = [
        Block("roundtable", ROUNDTABLE_PER_MEMBER * members),
        Block("successes", SUCCESS_EACH * successes),
        Block("review", REVIEW_PER_MEMBER * members),
        Block("new_goals", NEW_GOALS_PER_MEMBER * members),
        Block("wrap_up", WRAP_UP),
    ]
    slots = max(0, duration - sum(block.minutes for block in fixed))
    return fixed, slots


def shrink(planned: Sequence[int], overrun: int) -> list[int]:
    """Later slots after an overrun of `overrun` minutes: smaller in proportion, never larger.

    Uses `allocate` with a one-minute floor, so the minutes left are shared in proportion
    to each slot's length above one minute.
    """
    _check_int("overrun", overrun)
    available = max(0, sum(planned) - overrun)
    return allocate(planned, available, floor=1)
