"""The analyzer's word lists: ``vocabulary.toml`` (data) compiled into regexes and sets.

Every ``pattern`` in the TOML is a regular expression matched against the lower-cased goal
at word boundaries. The file ships inside the package and is read once, at import, through
``importlib.resources`` so it is found wherever the package is installed. Closed-class
English words (determiners, particles, prepositions) are grammar rather than domain
vocabulary, so they stay here in code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Phrase:
    rewrite: str
    unless_followed_by: frozenset[str] = frozenset()
    thing: str = "it"  # fills {thing} in an outcome's rewrite when the goal names none
    only_after_verbs: frozenset[str] = frozenset()  # empty: after any verb


Found = tuple[Phrase, re.Match[str]]


@dataclass(frozen=True)
class PhraseSet:
    """Entries of one vocabulary list, searched with a single regex (one pass, not many)."""

    regex: re.Pattern[str]
    entries: tuple[Phrase, ...]

    def finditer(self, low: str) -> Iterator[Found]:
        for m in self.regex.finditer(low):
            yield self.entries[int(str(m.lastgroup)[1:])], m

    def search(self, low: str) -> Found | None:
        return next(self.finditer(low), None)


def compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{pattern})(?![\w'])")


def phrases(entries: list[dict[str, Any]]) -> PhraseSet:
    alternatives = "|".join(f"(?P<p{i}>{entry['pattern']})" for i, entry in enumerate(entries))
    return PhraseSet(
        regex=compile(alternatives),
        entries=tuple(
            Phrase(
                entry["rewrite"],
                frozenset(entry.get("unless_followed_by", ())),
                entry.get("thing", "it"),
                frozenset(entry.get("only_after_verbs", ())),
            )
            for entry in entries
        ),
    )


def any_of(patterns: list[str]) -> re.Pattern[str]:
    return compile("|".join(f"(?:{p})" for p in patterns))


DATA = tomllib.loads(resources.files(__package__).joinpath("vocabulary.toml").read_text("utf-8"))
DIRECTIONS = phrases(DATA["specific"]["directions"])
HEDGES = phrases(DATA["specific"]["hedges"])
STATE_VERBS = frozenset(DATA["specific"]["state_verbs"])
NON_OBJECT_WORDS = frozenset(DATA["specific"]["non_object_words"])
LEADING_FILLER = frozenset(DATA["specific"]["leading_filler"])
KNOWN_VERBS = frozenset(DATA["specific"]["known_verbs"])
GRANTING_VERBS = frozenset(DATA["specific"]["granting_verbs"])
VAGUE_QUANTITY = any_of(DATA["measurable"]["vague_quantities"])
COMPLETION_VERBS = frozenset(DATA["measurable"]["completion_verbs"])
NUMBER_WORDS = frozenset(DATA["measurable"]["number_words"])
LABEL_NOUNS = frozenset(DATA["measurable"]["label_nouns"])
FREQUENCY = any_of(DATA["measurable"]["frequencies"])
OUTCOMES = phrases(DATA["attainable"]["outcomes"])
CONCESSION = any_of(DATA["attainable"]["concessions"])
UNRESOLVED_PERIOD = any_of(DATA["time"]["unresolved_periods"])
BARE_EVENTS = "|".join(f"(?:{p})" for p in DATA["time"]["bare_events"])
BARE_EVENTS_AFTER_BY = "|".join(f"(?:{p})" for p in DATA["time"]["bare_events_after_by"])
EVENTS = "|".join(f"(?:{p})" for p in DATA["time"]["events"])
HOLIDAYS: dict[str, str] = DATA["time"]["holidays"]
SEASON_END_MONTH: dict[str, int] = DATA["time"]["season_end_month"]
COUNT_WORDS: dict[str, int] = DATA["time"]["count_words"]
PART_OF_MONTH_DAY: dict[str, int] = DATA["time"]["part_of_month_day"]

# Closed-class English words: grammar rather than domain vocabulary, so they stay here.
DETERMINERS = frozenset({
    "the", "a", "an", "my", "our", "your", "his", "her", "their", "its", "this", "that",
    "these", "those", "each", "every", "all", "both", "any", "no", "another", "myself", "me",
    "it", "them", "him", "us",
})  # fmt: skip
PARTICLES = frozenset({"up", "out", "off", "down", "back", "through", "over", "away", "together"})
PREPOSITIONS = frozenset({"to", "with", "for", "from", "on", "about", "at", "into", "in", "of"})
COUNT_TOKENS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "dozen", "once",
    "twice", "thrice", "half", "couple", "single",
})  # fmt: skip
AUXILIARY_PAIRS = frozenset(
    [
        ("do", "not"),
        ("try", "to"),
        ("trying", "to"),
        ("attempt", "to"),
        ("tried", "to"),
        ("let", "me"),
        ("let", "us"),
        ("tryna", "get"),
    ]
)
ASPECT_VERBS = frozenset({"start", "begin", "keep", "stop", "quit"})
PARTICIPLES = frozenset({"done", "chosen", "given", "taken", "seen", "known"})

NUMBER = re.compile(r"\d+(?:[-.]\d+)?")
SKIPPED_CLAUSE = re.compile(
    r"(?:don't|dont|do not|stop|never|no need to)\s+(?:worry|worrying|stress|care|obsess)"
    r"|regardless|no matter"
)
VAGUE_TIME = re.compile(r"\b(?:asap|soon|eventually|someday|some day|at some point|later)\b")
WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
CLAUSE_END = re.compile(r"[.;!?]")
NUMERIC_TARGET = re.compile(r"\b(?:to|below|under|above|at least|at most)\s+\d+(?:\.\d+)?\b")
