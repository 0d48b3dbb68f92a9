"""The four SMART dimensions: the goal read once (:func:`read_goal`), then one check each.

The definitions are in the package docstring. Each check is a pure function of the
read goal, so hints can ask the same questions the checks asked.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from .deadlines import scan
from .goal import Goal, Token, main_verb_word
from .outcomes import CAUSATIVES, find_outcome
from .structure import (
    is_verb,
    reads_as_result,
    side_clause_mask,
    too_large,
)
from .vocabulary import (
    ASPECT_VERBS,
    AUXILIARY_PAIRS,
    CLAUSE_END,
    COMPLETION_VERBS,
    COUNT_TOKENS,
    DETERMINERS,
    DIRECTIONS,
    FREQUENCY,
    HEDGES,
    KNOWN_VERBS,
    LABEL_NOUNS,
    LEADING_FILLER,
    NON_OBJECT_WORDS,
    NUMBER,
    NUMBER_WORDS,
    NUMERIC_TARGET,
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


def read_goal(text: str, today: dt.date, next_meeting: dt.date | None = None) -> Goal:
    low = text.lower()
    if len(low) != len(text):  # a few Unicode letters change length when lower-cased
        text = low
    times, in_time = scan(text, low, today, next_meeting)
    side = side_clause_mask(low, in_time)
    shouting = text.isupper()
    tokens = [
        Token(m[0], m.start(), m.end(), not shouting and text[m.start()].isupper())
        for m in WORD.finditer(low)
        if not in_time[m.start()] and not side[m.start()]
    ]
    verb_index = main_verb(low, tokens)
    nominal = False
    if verb_index is not None and not _is_action(tokens, verb_index):
        # No verb: the goal names a deliverable. A silent "deliver" stands for its action.
        head = tokens[verb_index]
        tokens.insert(verb_index, Token("deliver", head.start, head.start, False))
        nominal = True
    deadline = max((t.date for t in times if t.date), default=None)
    days = (deadline - today).days if deadline else 30
    frozen_tokens, frozen_times = tuple(tokens), tuple(times)
    heads = _clause_heads(low, frozen_tokens, verb_index)
    goal = Goal(
        text, low, frozen_tokens, frozen_times, in_time, verb_index,
        nominal=nominal, clause_heads=heads, window_days=days,
    )  # fmt: skip
    return Goal(
        text, low, frozen_tokens, frozen_times, in_time, verb_index,
        direction=find_direction(goal, side),
        hedge=_hedge(low, frozen_tokens, verb_index, side),
        outcome=find_outcome(goal, side),
        nominal=nominal, clause_heads=heads, too_large=_too_large(goal), window_days=days,
    )  # fmt: skip


# Softening adverbs that, among the chat opener before the action ("idk maybe get…",
# "hopefully just send…"), are filler like "so basically"; after it they hedge.
_OPENER_ADVERBS = frozenset({"maybe", "hopefully"})


def _hedge(
    low: str, tokens: Sequence[Token], verb_index: int | None, side: bytearray
) -> Found | None:
    action_start = tokens[verb_index].start if verb_index is not None else len(low)
    return _outside(
        (
            f
            for f in HEDGES.finditer(low)
            if not (f[1][0] in _OPENER_ADVERBS and f[1].start() < action_start)
        ),
        side,
    )


def _outside(found: Iterator[Found], side: bytearray) -> Found | None:
    return next((f for f in found if not side[f[1].start()]), None)


def _is_action(tokens: Sequence[Token], index: int) -> bool:
    words = [t.word for t in tokens[index : index + 9]]
    if not is_verb(words[0]):
        return False
    return not reads_as_result(words)


_JOINERS = frozenset({"and", "then", "&", "plus"})


def _clause_heads(low: str, tokens: tuple[Token, ...], verb_index: int | None) -> tuple[int, ...]:
    """Verbs that open a joined clause: "code the responses and then write the table"."""
    if verb_index is None:
        return ()
    heads = []
    for index in range(verb_index + 2, len(tokens) - 1):
        token, before, after = tokens[index], tokens[index - 1], tokens[index + 1]
        gap = low[before.end : token.start]
        if before.word not in _JOINERS and not any(mark in gap for mark in ",;"):
            continue
        if token.word not in KNOWN_VERBS:
            continue
        opens_object = after.word in DETERMINERS | NUMBER_WORDS | PARTICLES
        plural = before.word == "then" and len(after.word) > 3 and after.word.endswith("s")
        if opens_object or plural or after.word.isdigit() or after.capitalised:
            heads.append(index)
    return tuple(heads)


def clauses(goal: Goal) -> list[Goal]:
    """The goal's joined clauses, each read as a goal of its own (the first one included)."""
    if not goal.clause_heads or goal.verb_index is None:
        return [goal]
    bounds = [goal.verb_index, *goal.clause_heads, len(goal.tokens)]
    return [
        replace(goal, tokens=goal.tokens[start:end], verb_index=0, clause_heads=())
        for start, end in itertools.pairwise(bounds)
    ]


def _too_large(goal: Goal) -> tuple[int, int] | None:
    if goal.verb_index is None:
        return None
    rest = goal.tokens[goal.verb_index :]
    span = too_large(
        [t.word for t in rest], rest[0].word, goal.window_days, bool(FREQUENCY.search(goal.low))
    )
    if span is None:
        return None
    first = span[0]
    if first > 0 and rest[first - 1].word == "all" and rest[first].word[:1].isdigit():
        first -= 1  # "all 200 interviews": the quantity is "all 200"
    return rest[first].start, rest[span[1] - 1].end


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


def find_direction(goal: Goal, side: bytearray | None = None) -> Found | None:
    """A direction such as "work on", outside side clauses, unless a numeric target makes
    it concrete."""
    found = _outside(DIRECTIONS.finditer(goal.low), side or bytearray(len(goal.low)))
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
    # "become an associate editor": a role others confer is an outcome, concrete like "get
    # tenure" (and not attainable), not a state.
    verb_start = goal.tokens[goal.verb_index].start if goal.verb_index is not None else -1
    if goal.outcome is not None and goal.outcome[1].start() <= verb_start:
        return False
    following = word_after_verb(goal)
    return not (following.endswith("ed") or following in PARTICIPLES | PREPOSITIONS)


def is_specific(goal: Goal) -> bool:
    """Every joined clause names a concrete action and what it acts on."""
    if goal.verb_index is None or goal.direction or goal.hedge:
        return False
    return all(_specific_clause(clause) for clause in clauses(goal))


def _specific_clause(goal: Goal) -> bool:
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
    inside = {t.start for t in goal.tokens}
    for m in VAGUE_QUANTITY.finditer(goal.low):
        if goal.in_time[m.start()] or m.start() not in inside:
            continue  # in a time phrase, a side clause or another clause
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
    if head and goal.verb_index is not None and _named_by_a_date(goal):
        return True  # "analyse the Q2 survey data", "code May's samples": a set named by time
    return bool(head) and (
        head in DETERMINERS
        or head in NUMBER_WORDS
        or head.isdigit()
        or is_number(following)
        or capitalised
    )


def _named_by_a_date(goal: Goal) -> bool:
    """A time phrase right after the verb, before its object, names the object's set."""
    index = goal.verb_index
    if index is None or index + 1 >= len(goal.tokens):
        return False
    verb, head = goal.tokens[index], goal.tokens[index + 1]
    if verb.end >= head.start or head.word in PREPOSITIONS | PARTICLES:
        return False
    return any(goal.in_time[verb.end : head.start])


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
    """Checkable: a count, a frequency, or a deliverable or event that happened or not;
    a goal of joined clauses is as measurable as its clauses."""
    if goal.verb_index is None or goal.direction:
        return False
    return all(_measurable_clause(clause) for clause in clauses(goal))


def _measurable_clause(goal: Goal) -> bool:
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


def is_habit(goal: Goal) -> bool:
    return bool(FREQUENCY.search(goal.low))
