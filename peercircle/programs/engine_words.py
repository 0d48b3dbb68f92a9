"""The formation engine's sentences in the reader's language.

The engine (`peercircle.formation`) is pure and speaks English: its reasons for leaving
someone out, its suggested fixes, the rules a grouping breaks and its progress notes are
sentences built from a few fixed shapes. This module knows those shapes and says each one
again through gettext, keeping the values (ids, group numbers, slots, labs) as they are, so
`formation_adapter.in_words` can then put people's names in place of the ids.

A sentence of a shape this module does not know is returned unchanged (English), never
guessed at; `tests/programs/test_engine_words.py` runs the engine on small cases that give
its usual reasons, fixes and broken rules, so a change to that wording fails there instead of
going back to English on a coordinator's page.
"""

import re
from collections.abc import Callable

from django.utils.translation import gettext, gettext_noop, ngettext, pgettext

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]

_GROUP = r"group (?P<number>\d+)"


def _rule(pattern: str, say: Callable[[re.Match[str]], str]) -> Rule:
    return re.compile(f"^{pattern}$"), say


def _pool(match: re.Match[str]) -> str:
    """The groups someone may join: any group, or those of their career stage."""
    stage = match["pool"]
    if stage == "group":
        return pgettext("groups someone may join", "no group")
    if stage == "group of their (blank) stage":
        return gettext("no group of their (blank) stage")
    return gettext("no %(stage)s group") % {"stage": stage.removesuffix(" group")}


def _kind(kind: str) -> str:
    if kind == "same stage, another lab":
        return gettext("same stage, another lab")
    return gettext("another lab")


def _blocked(text: str) -> str:
    """One group in the list of groups that are full or hold a conflict."""
    for pattern, say in _BLOCKED:
        match = pattern.match(text)
        if match:
            return say(match)
    return text


_BLOCKED: list[Rule] = [
    _rule(
        _GROUP + r" has (?P<other>\S+), from their lab (?P<lab>.*)",
        lambda m: gettext("group %(number)s has %(other)s, from their lab %(lab)s") % m.groupdict(),
    ),
    _rule(
        _GROUP + r" has (?P<other>\S+), in an avoid pair with them",
        lambda m: (
            gettext("group %(number)s has %(other)s, in an avoid pair with them") % m.groupdict()
        ),
    ),
    _rule(_GROUP + r" is full", lambda m: gettext("group %(number)s is full") % m.groupdict()),
]


def _every_group_blocked(match: re.Match[str]) -> str:
    listed, _sep, more = match["list"].partition("; and ")
    parts = [_blocked(part) for part in listed.split("; ")]
    text = gettext(
        "every group meeting at a slot they can make is full or has a conflict: %(groups)s"
    ) % {"groups": "; ".join(parts)}
    if more.endswith(" more") and more.removesuffix(" more").isdigit():
        count = int(more.removesuffix(" more"))
        text += ngettext("; and %(count)d more", "; and %(count)d more", count) % {"count": count}
    return text


def _no_group(match: re.Match[str]) -> str:
    start = gettext("%(no_group)s meets at a slot they can make (%(slots)s)") % {
        "no_group": _pool(match),
        "slots": match["slots"],
    }
    rest = match["rest"]
    could = re.match(
        r"^; they could start one at (?P<slot>.+?) with (?P<others>.+), also left out$", rest
    )
    if could:
        return gettext(
            "%(start)s; they could start one at %(slot)s with %(others)s, also left out"
        ) % {
            "start": start,
            **could.groupdict(),
        }
    none_found = re.match(
        r"^, and no group of (?P<size>\d+) with them was found among those left out$", rest
    )
    if none_found:
        return gettext(
            "%(start)s, and no group of %(size)s with them was found among those left out"
        ) % {"start": start, **none_found.groupdict()}
    cannot = re.match(
        r"^, and those left out cannot start one: no (?P<size>\d+) of them, them included, can "
        r"make one slot with no two from one lab and no avoid pair$",
        rest,
    )
    if cannot:
        return gettext(
            "%(start)s, and those left out cannot start one: no %(size)s of them, them "
            "included, can make one slot with no two from one lab and no avoid pair"
        ) % {"start": start, **cannot.groupdict()}
    return match.string


_RULES: list[Rule] = [
    # Why someone was left out (formation.explain).
    _rule("they gave no meeting slot", lambda m: gettext("they gave no meeting slot")),
    _rule(
        r"no slot they can make is shared by (?P<needed>\d+) people they could sit with "
        r"\((?P<kind>same stage, another lab|another lab), not in an avoid pair\); "
        r"the most is (?P<best>\d+), at (?P<slot>.+)",
        lambda m: (
            gettext(
                "no slot they can make is shared by %(needed)s people they could sit with "
                "(%(kind)s, not in an avoid pair); the most is %(best)s, at %(slot)s"
            )
            % {**m.groupdict(), "kind": _kind(m["kind"])}
        ),
    ),
    _rule(
        r"not in a group, though " + _GROUP + r" meets at (?P<slot>.+) with room",
        lambda m: (
            gettext("not in a group, though group %(number)s meets at %(slot)s with room")
            % m.groupdict()
        ),
    ),
    _rule(
        r"every group meeting at a slot they can make is full or has a conflict: (?P<list>.+)",
        _every_group_blocked,
    ),
    _rule(
        r"no (?P<pool>group of their \(blank\) stage|group|\S+ group) meets at a slot they can "
        r"make \((?P<slots>[^)]*)\)(?P<rest>.*)",
        _no_group,
    ),
    # The nearest fix (formation.explain).
    _rule(
        r"add them to " + _GROUP,
        lambda m: gettext("add them to group %(number)s") % m.groupdict(),
    ),
    _rule(
        r"would fit " + _GROUP + r" if they could make (?P<slot>.+)",
        lambda m: gettext("would fit group %(number)s if they could make %(slot)s") % m.groupdict(),
    ),
    _rule(
        r"would fit " + _GROUP + r" if groups could have (?P<size>\d+) members",
        lambda m: (
            gettext("would fit group %(number)s if groups could have %(size)s members")
            % m.groupdict()
        ),
    ),
    _rule(
        r"would fit " + _GROUP + r" if career stages could mix",
        lambda m: gettext("would fit group %(number)s if career stages could mix") % m.groupdict(),
    ),
    _rule(
        r"start a group at (?P<slot>.+?) with (?P<others>.+)",
        lambda m: gettext("start a group at %(slot)s with %(others)s") % m.groupdict(),
    ),
    # The rules a grouping breaks (formation.score).
    _rule(
        r"(?P<who>\S+) is in more than one group",
        lambda m: gettext("%(who)s is in more than one group") % m.groupdict(),
    ),
    _rule(
        _GROUP + r" has (?P<size>\d+) members, outside (?P<low>\d+)-(?P<high>\d+)",
        lambda m: (
            gettext("group %(number)s has %(size)s members, outside %(low)s-%(high)s")
            % m.groupdict()
        ),
    ),
    _rule(
        r"(?P<who>\S+) cannot make " + _GROUP + r"'s slot (?P<slot>.+)",
        lambda m: gettext("%(who)s cannot make group %(number)s's slot %(slot)s") % m.groupdict(),
    ),
    _rule(
        _GROUP + r" mixes career stages",
        lambda m: gettext("group %(number)s mixes career stages") % m.groupdict(),
    ),
    _rule(
        r"(?P<first>\S+) and (?P<second>\S+) in " + _GROUP + r" share lab (?P<lab>.+)",
        lambda m: (
            gettext("%(first)s and %(second)s in group %(number)s share lab %(lab)s")
            % m.groupdict()
        ),
    ),
    _rule(
        r"(?P<first>\S+) and (?P<second>\S+) in " + _GROUP + r" asked to avoid each other",
        lambda m: (
            gettext("%(first)s and %(second)s in group %(number)s asked to avoid each other")
            % m.groupdict()
        ),
    ),
    # How far the placement is known to be the best (formation.explain.status_text).
    _rule("proved the most possible", lambda m: gettext("proved the most possible")),
    _rule(
        r"cut short by the time limit; at most (?P<most>\d+) are possible",
        lambda m: (
            gettext("cut short by the time limit; at most %(most)s are possible") % m.groupdict()
        ),
    ),
    _rule(
        r"the most found; at most (?P<most>\d+) are possible",
        lambda m: gettext("the most found; at most %(most)s are possible") % m.groupdict(),
    ),
]

# The engine's progress notes while it works (formation.solver), shown as "<pool>: <step>".
_STEPS: dict[str, Callable[[], str]] = {
    "starting": lambda: gettext("starting"),
    "explaining": lambda: gettext("explaining"),
    "finding the most that can be placed": lambda: gettext("finding the most that can be placed"),
    "spreading departments": lambda: gettext("spreading departments"),
    "dealing groups": lambda: gettext("dealing groups"),
    "placing more around avoid pairs": lambda: gettext("placing more around avoid pairs"),
    "solving exactly around avoid pairs": lambda: gettext("solving exactly around avoid pairs"),
    # Not the engine's: publishing a large formation in the background (programs.actions).
    "creating the groups and sending the invitations": lambda: gettext(
        "creating the groups and sending the invitations"
    ),
}
_NOT_PUBLISHED = "Not published: "  # how a background publish that failed says why


def _say(msgid: str) -> Callable[[re.Match[str]], str]:
    """A rule's answer: `msgid` through gettext, filled with what the pattern matched."""
    return lambda match: gettext(msgid) % match.groupdict()


# What the engine's reader of sign-up files says of a file (formation.signups).
_CSV_RULES: list[Rule] = [
    _rule(r"no sign-ups after the header", _say(gettext_noop("no sign-ups after the header"))),
    _rule(
        r"not UTF-8 \(byte (?P<byte>0x[0-9a-f]{2})\); save the file as CSV UTF-8",
        _say(gettext_noop("not UTF-8 (byte %(byte)s); save the file as CSV UTF-8")),
    ),
    _rule(
        r"not a CSV file \(it contains NUL bytes\)",
        _say(gettext_noop("not a CSV file (it contains NUL bytes)")),
    ),
    _rule(r"not valid CSV: (?P<error>.*)", _say(gettext_noop("not valid CSV: %(error)s"))),
    _rule(
        r"the file is empty; expected a header row",
        _say(gettext_noop("the file is empty; expected a header row")),
    ),
    _rule(
        r"columns are separated by tabs; save the file as CSV with commas",
        _say(gettext_noop("columns are separated by tabs; save the file as CSV with commas")),
    ),
    _rule(
        r"columns are separated by ';'; save the file as CSV with commas",
        _say(gettext_noop("columns are separated by ';'; save the file as CSV with commas")),
    ),
    _rule(
        r"column (?P<column>'[^']*') appears twice \(columns (?P<first>\d+) and (?P<second>\d+)\)",
        _say(gettext_noop("column %(column)s appears twice (columns %(first)s and %(second)s)")),
    ),
    _rule(r"missing column (?P<column>'[^']*')", _say(gettext_noop("missing column %(column)s"))),
    _rule(
        r"(?P<width>\d+) fields but the header has (?P<header>\d+): a value containing a comma "
        r"must be in quotes",
        _say(
            gettext_noop(
                "%(width)s fields but the header has %(header)s: a value containing a comma must "
                "be in quotes"
            )
        ),
    ),
    _rule(
        r"only (?P<width>\d+) fields but the header has (?P<header>\d+): no (?P<columns>.+) "
        r"\(is a line break or a quote out of place\?\)",
        _say(
            gettext_noop(
                "only %(width)s fields but the header has %(header)s: no %(columns)s (is a line "
                "break or a quote out of place?)"
            )
        ),
    ),
    _rule(r"empty id", _say(gettext_noop("empty id"))),
    _rule(
        r"duplicate id (?P<id>'.*') \(first on line (?P<line>\d+)\)",
        _say(gettext_noop("duplicate id %(id)s (first on line %(line)s)")),
    ),
    _rule(r"empty availability", _say(gettext_noop("empty availability"))),
    _rule(
        r"availability (?P<value>'.*') has commas; separate slots with ';'",
        _say(gettext_noop("availability %(value)s has commas; separate slots with ';'")),
    ),
    _rule(
        r"avoid (?P<value>'.*') has commas; separate names with ';'",
        _say(gettext_noop("avoid %(value)s has commas; separate names with ';'")),
    ),
    _rule(
        r"avoid names (?P<name>'.*'), the person themself; ignored",
        _say(gettext_noop("avoid names %(name)s, the person themself; ignored")),
    ),
    _rule(
        r"avoid names (?P<name>'.*'), an email shared by several sign-ups",
        _say(gettext_noop("avoid names %(name)s, an email shared by several sign-ups")),
    ),
    _rule(
        r"avoid names (?P<name>'.*'), which is no sign-up's id or email",
        _say(gettext_noop("avoid names %(name)s, which is no sign-up's id or email")),
    ),
]


def file_problem(text: str) -> str:
    """What the engine's file reader said of a line, in the active language."""
    for pattern, say in _CSV_RULES:
        match = pattern.match(text)
        if match:
            return say(match)
    return text


def translated(text: str) -> str:
    """`text`, one of the engine's sentences, in the active language (unknown: unchanged)."""
    for pattern, say in _RULES:
        match = pattern.match(text)
        if match:
            return say(match)
    return text


def progress_note(text: str) -> str:
    """A progress note of the engine ("everyone: dealing groups") in the active language."""
    if text in _STEPS:
        return _STEPS[text]()
    if text.startswith(_NOT_PUBLISHED):
        # Written by a background task in no one's language: its reasons are our own
        # sentences, so the catalogue knows each one that is whole.
        reasons = text.removeprefix(_NOT_PUBLISHED)
        return gettext("Not published: %(reason)s") % {"reason": gettext(reasons)}
    pool, sep, step = text.partition(": ")
    if sep and step in _STEPS:
        name = gettext("everyone") if pool == "everyone" else pool
        return f"{name}: {_STEPS[step]()}"
    return text
