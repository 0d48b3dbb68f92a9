"""A goal as read once: its words outside time phrases, its time phrases, its main verb
and what the checks found. Shared by ``dimensions`` and ``outcomes``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .deadlines import TimePhrase
from .vocabulary import WORD, Found


class Token(NamedTuple):
    """One word of the goal (a named tuple: goals are read on every pause in typing)."""

    word: str
    start: int
    end: int
    capitalised: bool


@dataclass(frozen=True)
class Goal:
    text: str
    low: str
    tokens: tuple[Token, ...]  # words outside time expressions
    times: tuple[TimePhrase, ...]
    in_time: bytearray  # 1 for each character inside a time expression
    verb_index: int | None  # index of the main verb in tokens
    direction: Found | None = None  # "work on", "improve"...
    hedge: Found | None = None  # "try to"
    outcome: Found | None = None  # "accepted", "get my advisor to"...
    nominal: bool = False  # no verb: "Chapter 2 draft to my supervisor by the 19th"
    clause_heads: tuple[int, ...] = ()  # verbs of joined clauses: "… and then write …"
    too_large: tuple[int, int] | None = None  # character span of "every chapter", "40 books"
    window_days: int = 30  # from today to the deadline; a month when there is none


def main_verb_word(goal: Goal) -> str:
    return "" if goal.verb_index is None else goal.tokens[goal.verb_index].word


def match_at(goal: Goal, token: Token) -> re.Match[str]:
    m = WORD.match(goal.low, token.start)
    assert m is not None  # a token starts where WORD matched
    return m
