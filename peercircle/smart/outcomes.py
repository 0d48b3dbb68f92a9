"""Attainable: results that hang on others' decisions or on luck.

The vocabulary's outcome phrases first, then the general forms: others made to act ("get
Marco to finish"), work done by others ("checked by Prof. X"), a result another party
grants ("my chapter accepted", "see my grant renewed") and someone else as the subject
("I hope the editor likes it").
"""

from __future__ import annotations

import re

from .goal import Goal, main_verb_word, match_at
from .structure import GRANTED, granted_at, other_subject
from .vocabulary import (
    CLAUSE_END,
    CONCESSION,
    DETERMINERS,
    GRANTING_VERBS,
    NUMBER_WORDS,
    OUTCOMES,
    PARTICIPLES,
    PARTICLES,
    PREPOSITIONS,
    WORD,
    Found,
    Phrase,
)


def is_number(word: str) -> bool:
    return bool(_NUMBER.fullmatch(word))


_NUMBER = re.compile(r"\d+(?:[-.]\d+)?")


def conceded(low: str, m: re.Match[str]) -> bool:
    """ "regardless of whether it is accepted": within eight words, in the same clause."""
    window_start = max(0, m.start() - 80)
    ends = list(CLAUSE_END.finditer(low, window_start, m.start()))
    clause_start = ends[-1].end() if ends else window_start
    window = " ".join(low[clause_start : m.start()].split()[-8:])
    return bool(CONCESSION.search(window))


_NAMING = frozenset({"the", "a", "an", "my", "our", "their", "his", "her", "its", "all", "any"})


def _names_a_thing(low: str, m: re.Match[str]) -> bool:
    """ "the approved protocol", "the accepted students": a participle after a determiner and
    before a noun names a thing by its state; nothing is asked of anyone."""
    if m[0] not in GRANTED:
        return False
    before = low[max(0, m.start() - 12) : m.start()].split()
    after = WORD.match(low, m.end() + 1) if m.end() < len(low) else None
    return bool(before) and before[-1] in _NAMING and after is not None and low[m.end()] == " "


def find_outcome(goal: Goal, side: bytearray | None = None) -> Found | None:
    """A result that hangs on others or on luck: the vocabulary, then the general forms
    (a result another party grants, someone else as the subject, others made to act)."""
    side = side or bytearray(len(goal.low))
    for phrase, m in OUTCOMES.finditer(goal.low):
        if side[m.start()] or _names_a_thing(goal.low, m):
            continue
        next_words = _same_clause_words(goal.low, m.end())
        if next_words & phrase.unless_followed_by or conceded(goal.low, m):
            continue
        if phrase.only_after_verbs and main_verb_word(goal) not in phrase.only_after_verbs:
            continue  # "send it for sign-off": asking is one's own step
        return phrase, m
    return (
        _others_made_to_act(goal)
        or _done_by_others(goal)
        or _named_made_to_act(goal)
        or _granted(goal)
        or _other_subject(goal)
    )


def _same_clause_words(low: str, start: int) -> set[str]:
    """The next words up to eight, in the same clause ("publish it on our lab site")."""
    words = WORD.findall(low, start, start + 80)[:8]
    for index, word in enumerate(words):
        if word in {"and", "then", "but", "or"}:
            return set(words[:index])
    return set(words)


GRANTED_REWRITE = Phrase("send {thing}[ to {where}] {by} and follow up a week later", thing="it")
OTHERS_ACT = Phrase("")  # someone else acts: hints only, no rewrite to offer


def _granted(goal: Goal) -> Found | None:
    """ "my chapter accepted for the volume", "see my grant renewed": granted by others."""
    words = [t.word for t in goal.tokens]
    for index, token in enumerate(goal.tokens):
        if granted_at(words, index):
            m = match_at(goal, token)
            if not conceded(goal.low, m):
                return GRANTED_REWRITE, m
    return None


def _other_subject(goal: Goal) -> Found | None:
    """ "I hope the editor likes it": the result is someone else's act."""
    if goal.verb_index is None:
        return None
    start = goal.verb_index + 1 if goal.nominal else goal.verb_index
    rest = goal.tokens[start:]
    index = other_subject([t.word for t in rest])
    return None if index is None else (OTHERS_ACT, match_at(goal, rest[index]))


CAUSATIVES = frozenset({"get", "getting", "got", "have", "having", "make", "convince", "persuade"})
MAKERS = frozenset({"get", "getting", "got", "convince", "persuade"})
MADE_TO_ACT = Phrase("ask {thing} to {action} {by}, and say what I will do if they do not")
DONE_BY_OTHERS = Phrase("send {thing} to {where} {by} with the date I need it back")
_AGENT_TITLES = frozenset({"prof", "professor", "dr", "doctor", "mr", "ms", "mrs"})


def _others_made_to_act(goal: Goal) -> Found | None:
    """ "get Marco to finish his part", "get the conference to waive the fee"."""
    if goal.verb_index is None or main_verb_word(goal) not in MAKERS:
        return None
    rest = goal.tokens[goal.verb_index + 1 :]
    for index in range(1, min(6, len(rest) - 1)):
        if rest[index].word != "to" or rest[index - 1].word in PARTICLES | {"used", "around"}:
            continue  # "get back to Sam", "get used to"
        action = rest[index + 1]
        if action.capitalised or action.word.isdigit():
            return None  # "get the draft to Maria", "get my weight down to 70"
        if action.word in DETERMINERS | NUMBER_WORDS | {"zero"}:
            return None  # "get the samples to the core", "get my inbox to zero"
        verb = match_at(goal, goal.tokens[goal.verb_index])
        return None if conceded(goal.low, verb) else (MADE_TO_ACT, verb)
    return None


def _named_made_to_act(goal: Goal) -> Found | None:
    """ "make Priya review my cover letter": a named person, then what they are to do."""
    if goal.verb_index is None or main_verb_word(goal) not in {"make", "have", "let"}:
        return None
    if _party_made_to_respond(goal):  # hints only: no slot fits every such sentence
        return OTHERS_ACT, match_at(goal, goal.tokens[goal.verb_index])
    rest = goal.tokens[goal.verb_index + 1 : goal.verb_index + 3]
    if len(rest) < 2 or not rest[0].capitalised or "'" in rest[0].word:
        return None
    action = rest[1].word
    if action in DETERMINERS | PREPOSITIONS | PARTICLES or action.endswith("s"):
        return None  # "make Python scripts", "have Sam's email": things, not requests
    if rest[1].capitalised or is_number(action):
        return None
    return MADE_TO_ACT, match_at(goal, goal.tokens[goal.verb_index])


def _done_by_others(goal: Goal) -> Found | None:
    """ "get my proof checked by Prof. Nakamura", "have my code reviewed by the team"."""
    if main_verb_word(goal) not in CAUSATIVES:
        return None
    rest = goal.tokens[(goal.verb_index or 0) + 1 :]
    for index, token in enumerate(rest[:-2]):
        agent = rest[index + 2]
        if index == 0:
            continue  # "get distracted by Twitter": nothing is handed to anyone
        if not (token.word.endswith("ed") or token.word in PARTICIPLES):
            continue
        if rest[index + 1].word != "by":
            continue
        if agent.capitalised or agent.word in _AGENT_TITLES | DETERMINERS:
            return DONE_BY_OTHERS, match_at(goal, token)
    return None


# What another party does in answer to the member: granting, agreeing, signing, replying.
RESPONSES = GRANTING_VERBS | frozenset(
    {"agree", "decide", "reply", "respond", "say", "comment", "like", "consider", "support"}
)  # fmt: skip


def _party_made_to_respond(goal: Goal) -> bool:
    """ "have the publisher agree to a September release", "make the committee approve my
    topic": make/have + a party named by "the/my/our" + what it is to do, in the base form."""
    rest = [t.word for t in goal.tokens[(goal.verb_index or 0) + 1 :][:5]]
    if not rest or rest[0] not in {"the", "my", "our", "his", "her", "their"}:
        return False
    for index in (2, 3):
        if index < len(rest) and rest[index] in RESPONSES:
            return rest[index - 1] not in DETERMINERS and not rest[index - 1].endswith("'s")
    return False
