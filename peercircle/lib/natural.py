"""Natural sort: "Person2" before "Person10", as a person reads them."""

import re

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key splitting `text` into words and numbers; case is ignored.

    Each part is tagged (0 for a number, 1 for text) so numbers and words never compare
    directly. `sorted(["Person10", "person2", "Person1"], key=natural_key)` gives
    `["Person1", "person2", "Person10"]`.
    """
    parts = _DIGITS.split(text.casefold())
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)
