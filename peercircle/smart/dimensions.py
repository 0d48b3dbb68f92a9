"""The four SMART dimensions: the goal read once (:func:`read_goal`), then one check each.

The definitions are in the package docstring. Each check is a pure function of the
read goal, so hints can ask the same questions the checks asked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .deadlines import TimePhrase, scan
from .vocabulary import (
    ASPECT_VERBS,
    AUXILIARY_PAIRS,
    CLAUSE_END,
    COMPLETION_VERBS,
    CONCESSION,
    COUNT_TOKENS,
    DETERMINERS,
    DIRECTIONS,
    FREQUENCY,
    HEDGES,
    LABEL_NOUNS,
    LEADING_FILLER,
    NON_OBJECT_WORDS,
    NUMBER,
    NUMBER_WORDS,
    NUMERIC_TARGET,
    OUTCOMES,
    PARTICIPLES,
    PARTICLES,
    PREPOSITIONS,
    SKIPPED_CLAUSE,
    STATE_VERBS,
    VAGUE_QUANTITY,
    WORD,
    Found,
    Phrase,
)


@dataclass(frozen=True)
class Token:
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


def read_goal(text: str, today: dt.date) -> Goal:
    low = text.lower()
    if len(low) != len(text):  # a few Unicode letters change length when lower-cased
        text = low
    times, in_time = scan(text, low, today)
    shouting = text.isupper()
    tokens = tuple(
        Token(m[0], m.start(), m.end(), not shouting and text[m.start()].isupper())
        for m in WORD.finditer(low)
        if not in_time[m.start()]
    )
    goal = Goal(text, low, tokens, tuple(times), in_time, main_verb(low, tokens))
    return replace(
        goal, direction=find_direction(goal), hedge=HEDGES.search(low), outcome=find_outcome(goal)
    )


def main_verb(low: str, tokens: Sequence[Token]) -> int | None:
    """Goals are written as commands: the first word after "I will", "not"... is the verb.

    A clause that sets something aside ("don't worry about the fellowship; just submit
    the application") is passed over for the next one.
    """
    skipped = SKIPPED_CLAUSE.match(low.lstrip())
    clause_end = CLAUSE_END.search(low) if skipped else None
    after = clause_end.end() if clause_end else 0
    for index, token in enumerate(tokens):
        following = tokens[index + 1].word if index + 1 < len(tokens) else ""
        if token.start < after or token.word in LEADING_FILLER or is_number(token.word):
            continue
        if (token.word, following) in AUXILIARY_PAIRS:
            continue  # "do not", "try to": the verb comes next
        if token.word in ASPECT_VERBS and following.endswith("ing"):
            continue  # "start exercising regularly": the action is "exercising"
        return index
    return None


def is_number(word: str) -> bool:
    """ "12", "1-4", "2.5" """
    return bool(NUMBER.fullmatch(word))


def object_words(goal: Goal) -> list[Token]:
    if goal.verb_index is None:
        return []
    rest = goal.tokens[goal.verb_index + 1 :]
    return [t for t in rest if t.word not in NON_OBJECT_WORDS]


def main_verb_word(goal: Goal) -> str:
    return "" if goal.verb_index is None else goal.tokens[goal.verb_index].word


def word_after_verb(goal: Goal, skip: int = 0) -> str:
    index = (goal.verb_index or 0) + 1 + skip
    if goal.verb_index is None or index >= len(goal.tokens):
        return ""
    return goal.tokens[index].word


def lemma_in(word: str, verbs: frozenset[str]) -> bool:
    candidates = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-2] + "e"}
    return not candidates.isdisjoint(verbs)


# ---------------------------------------------------------------------------------------
# The four dimensions


def find_direction(goal: Goal) -> Found | None:
    """A direction such as "work on", unless a numeric target makes it concrete."""
    found = DIRECTIONS.search(goal.low)
    if found and NUMERIC_TARGET.search(goal.low):
        return None
    if found:
        return found
    return adverbial_comparative(goal)


ADVERBIAL_CONTEXT = NON_OBJECT_WORDS | PREPOSITIONS
ADVERBIAL_REWRITE = Phrase("say how much, with a number")
# Comparatives that say "in some direction" wherever they stand: "help my students more",
# "manage my time better", "make my lectures more engaging", "take better notes".
COMPARATIVES = frozenset(
    {"more", "less", "better", "worse", "harder", "faster", "healthier", "earlier", "sooner"}
)
QUANTIFIED = frozenset({"more", "less"})  # "more papers": a vague quantity, not a direction
ADJECTIVE_ENDINGS = ("ly", "ing", "ed", "ive", "ful", "ous", "ent", "ant", "ible", "able", "ic")
ADVERBS = frozenset({"often", "widely", "deeply", "closely", "carefully", "consistently"})


def adverbial_comparative(goal: Goal) -> Found | None:
    """A comparative with nothing to count after it: a direction, not an action.

    "write more", "help my students more", "read more carefully", "take better notes".
    "read more papers" and "3 more papers" are quantities; "more than 3" is a number.
    """
    if goal.verb_index is None:
        return None
    rest = goal.tokens[goal.verb_index + 1 :]
    for index, token in enumerate(rest):
        if token.word == "a" and index + 1 < len(rest) and rest[index + 1].word == "lot":
            token, index = rest[index + 1], index + 1  # "write a lot"
        elif token.word not in COMPARATIVES:
            continue
        previous = rest[index - 1].word if index else ""
        following = rest[index + 1].word if index + 1 < len(rest) else ""
        if previous.isdigit() or previous in COUNT_TOKENS | {"no", "any", "once"}:
            continue  # "3 more papers", "no longer"
        if following in {"than", "of"}:
            continue
        if token.word in QUANTIFIED | {"lot"} and names_a_quantity(following):
            continue
        m = WORD.match(goal.low, token.start)
        return (ADVERBIAL_REWRITE, m) if m else None
    return None


def names_a_quantity(following: str) -> bool:
    """ "more papers" counts papers; "more engaging", "more often", "more" alone do not."""
    if not following or following in ADVERBIAL_CONTEXT or following in ADVERBS:
        return False
    return not following.endswith(ADJECTIVE_ENDINGS)


def is_state(goal: Goal) -> bool:
    """ "be more organised", "become a better mentor": a state, not an action."""
    if main_verb_word(goal) not in STATE_VERBS:
        return False
    following = word_after_verb(goal)
    return not (following.endswith("ed") or following in PARTICIPLES | PREPOSITIONS)


def is_specific(goal: Goal) -> bool:
    if goal.verb_index is None or goal.direction or goal.hedge:
        return False
    if is_state(goal):
        return False
    return bool(object_words(goal))


def counted(goal: Goal) -> bool:
    """A number counts something: not "chapter 2", not "11 pm", not a date."""
    for index, token in enumerate(goal.tokens):
        previous = goal.tokens[index - 1].word if index else ""
        following = goal.tokens[index + 1].word if index + 1 < len(goal.tokens) else ""
        if token.word in COUNT_TOKENS:
            return True
        if not token.word.isdigit() or previous in LABEL_NOUNS or following in {"am", "pm"}:
            continue
        return True
    return False


def vague_quantity(goal: Goal) -> re.Match[str] | None:
    for m in VAGUE_QUANTITY.finditer(goal.low):
        if goal.in_time[m.start()]:
            continue
        before = goal.low[max(0, m.start() - 20) : m.start()].split()
        if before and (before[-1].isdigit() or before[-1] in COUNT_TOKENS):
            continue  # "3 more papers"
        return m
    return None


def object_head(goal: Goal) -> tuple[str, str, bool]:
    """The first word of the object, the word after it, and whether it is capitalised."""
    objects = [
        t for t in goal.tokens[(goal.verb_index or 0) + 1 :]
        if t.word not in PARTICLES | PREPOSITIONS
    ]  # fmt: skip
    if not objects:
        return "", "", False
    following = objects[1].word if len(objects) > 1 else ""
    return objects[0].word, following, objects[0].capitalised


def determined_object(goal: Goal) -> bool:
    """ "the methods section", "a draft", "chapter 5", "Maria": a thing one can point at."""
    head, following, capitalised = object_head(goal)
    return bool(head) and (
        head in DETERMINERS
        or head in NUMBER_WORDS
        or head.isdigit()
        or is_number(following)
        or capitalised
    )


NOUN_PHRASE_ENDS = PREPOSITIONS | PARTICLES | {"and", "or", "by", "before", "until", "so", "that"}


def bare_plural_object(goal: Goal) -> bool:
    """ "apply for industry jobs", "email collaborators": a plural with no count or "the".

    Only right after the verb or one preposition other than "to" ("respond to reviewer
    comments" answers all of them), not before "for" (the purpose says which), and not
    after "get"/"have"/"be" (an outcome is done or not: "get significant results").
    """
    if goal.verb_index is None or main_verb_word(goal) in CAUSATIVES | STATE_VERBS:
        return False
    rest = list(goal.tokens[goal.verb_index + 1 : goal.verb_index + 6])
    if rest and rest[0].word in PREPOSITIONS - {"to"}:
        rest = rest[1:]
    phrase: list[Token] = []
    ended_by = ""
    for token in rest:
        if token.word in NOUN_PHRASE_ENDS or token.word in NON_OBJECT_WORDS:
            ended_by = token.word
            break
        phrase.append(token)
    if not phrase or len(phrase) > 3 or ended_by == "for":
        return False  # "slides for lab meeting", "letters for Aisha": the purpose says which
    head, last = phrase[0], phrase[-1].word
    if head.word in DETERMINERS | NUMBER_WORDS | COUNT_TOKENS or head.capitalised:
        return False
    if is_number(head.word) or "'" in head.word:
        return False
    return len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))


def is_measurable(goal: Goal) -> bool:
    """Checkable: a count, a frequency, or a deliverable or event that happened or not."""
    if goal.verb_index is None or goal.direction:
        return False
    if is_state(goal) or vague_quantity(goal):
        return False  # "be more productive", "read more papers": more than what?
    if counted(goal) or FREQUENCY.search(goal.low):
        return True
    if bare_plural_object(goal):
        return False  # "apply for jobs": how many?
    if not object_words(goal) and main_verb_word(goal) not in STATE_VERBS:
        return False  # "read over the holidays": read what?
    # "submit abstract", "be invited": done or not. "read papers": which, how many?
    return lemma_in(main_verb_word(goal), COMPLETION_VERBS | STATE_VERBS) or determined_object(goal)


def conceded(low: str, m: re.Match[str]) -> bool:
    """ "regardless of whether it is accepted": within eight words, in the same clause."""
    window_start = max(0, m.start() - 80)
    ends = list(CLAUSE_END.finditer(low, window_start, m.start()))
    clause_start = ends[-1].end() if ends else window_start
    window = " ".join(low[clause_start : m.start()].split()[-8:])
    return bool(CONCESSION.search(window))


def find_outcome(goal: Goal) -> Found | None:
    """A result that hangs on others or on luck: the vocabulary, then two general forms."""
    for phrase, m in OUTCOMES.finditer(goal.low):
        next_words = set(WORD.findall(goal.low, m.end(), m.end() + 60)[:5])
        if next_words & phrase.unless_followed_by or conceded(goal.low, m):
            continue
        if phrase.only_after_verbs and main_verb_word(goal) not in phrase.only_after_verbs:
            continue  # "send it for sign-off": asking is one's own step
        return phrase, m
    return _others_made_to_act(goal) or _done_by_others(goal) or _named_made_to_act(goal)


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
        verb = _match_at(goal, goal.tokens[goal.verb_index])
        return None if conceded(goal.low, verb) else (MADE_TO_ACT, verb)
    return None


def _named_made_to_act(goal: Goal) -> Found | None:
    """ "make Priya review my cover letter": a named person, then what they are to do."""
    if goal.verb_index is None or main_verb_word(goal) not in {"make", "have", "let"}:
        return None
    rest = goal.tokens[goal.verb_index + 1 : goal.verb_index + 3]
    if len(rest) < 2 or not rest[0].capitalised or "'" in rest[0].word:
        return None
    action = rest[1].word
    if action in DETERMINERS | PREPOSITIONS | PARTICLES or action.endswith("s"):
        return None  # "make Python scripts", "have Sam's email": things, not requests
    if rest[1].capitalised or is_number(action):
        return None
    return MADE_TO_ACT, _match_at(goal, goal.tokens[goal.verb_index])


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
            return DONE_BY_OTHERS, _match_at(goal, token)
    return None


def _match_at(goal: Goal, token: Token) -> re.Match[str]:
    m = WORD.match(goal.low, token.start)
    assert m is not None  # a token starts where WORD matched
    return m


def is_habit(goal: Goal) -> bool:
    return bool(FREQUENCY.search(goal.low))
