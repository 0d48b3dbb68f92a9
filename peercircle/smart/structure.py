"""The shape of a goal beyond its word lists: side clauses, goals without a verb, joined
clauses, results that others grant, and goals too large for their window.

Each function reads the lower-cased goal or its tokens; none knows a domain's words
beyond the closed lists in ``vocabulary``.
"""

from __future__ import annotations

import re

from .vocabulary import DETERMINERS, GRANTING_VERBS, KNOWN_VERBS, NUMBER_WORDS, WORD

# A side clause: it says when or why, not what ("after I improve the coding", "once the
# model is better", "based on what I see"). Its words are left out of every check.
_SIDE_OPENERS = re.compile(
    r"\b(?:(?:after|once|when|whenever|if|because|since|while|unless|although|though"
    r"|as soon as|so that|in case)\s+(?=(?:i|we|it|they|he|she|you|the|my|our|this|that"
    r"|everything|all|things|there)\b)|based on|depending on|according to|in light of"
    r"|in response to)\b"
)
_SIDE_END = re.compile(
    r"[,;:.!?()]|\b(?:and then|then|and)\b(?=\s+\w+\s+(?:the|a|an|my|it|them)\b)"
)


def side_clause_mask(low: str, in_time: bytearray) -> bytearray:
    """1 for each character inside a side clause, up to the next comma or time phrase."""
    mask = bytearray(len(low))
    for m in _SIDE_OPENERS.finditer(low):
        if in_time[m.start()]:
            continue
        end_m = _SIDE_END.search(low, m.end())
        end = end_m.start() if end_m else len(low)
        for position in range(m.end(), end):
            if in_time[position]:
                end = position
                break
        mask[m.start() : end] = b"\x01" * (end - m.start())
    return mask


def is_verb(word: str) -> bool:
    """A base form ("finish") or an -ing form ("sending", "doing") of a known verb."""
    if word in KNOWN_VERBS:
        return True
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        return stem in KNOWN_VERBS or stem + "e" in KNOWN_VERBS or stem[:-1] in KNOWN_VERBS
    return False


RESULT_WORDS = frozenset({"done", "ready", "finished", "complete", "completed", "up", "out"})


def reads_as_result(words: list[str]) -> bool:
    """ "Grant budget spreadsheet done", "Archive trip notes typed up": a noun phrase, then
    the state it should be in. The second word is no determiner, so the first is no verb."""
    if len(words) < 3 or words[1] in DETERMINERS or words[1] in NUMBER_WORDS:
        return False
    if words[1].isdigit() or words[1] in {"to", "for", "with", "on", "about", "up", "out"}:
        return False
    for word in words[2:8]:  # "Archive photos of the 1890s letters scanned by eom"
        if word in RESULT_WORDS - {"up", "out"} or (
            word.endswith("ed") and len(word) > 4 and word not in {"need", "based", "speed"}
        ):
            return True
        if word in {"by", "to", "for", "and", "then"}:
            return False
    return False


def participle(verb: str) -> set[str]:
    """ "accept" -> accepted; "approve" -> approved; "admit" -> admitted; "choose" -> chosen."""
    irregular = {"choose": "chosen", "pick": "picked", "okay": "okayed", "clear": "cleared"}
    if verb in irregular:
        return {irregular[verb]}
    if verb.endswith("e"):
        return {verb + "d"}
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return {verb[:-1] + "ied"}
    forms = {verb + "ed"}
    if (
        len(verb) > 2
        and verb[-1] not in "aeiouwxy"
        and verb[-2] in "aeiou"
        and verb[-3] not in "aeiou"
    ):
        forms.add(verb + verb[-1] + "ed")  # admitted, shortlisted stays
    return forms


GRANTED = frozenset(form for verb in GRANTING_VERBS for form in participle(verb))
THIRD_PERSON_ENDINGS = ("s",)
OTHER_SUBJECT_HEADS = DETERMINERS - {"me", "myself", "it", "them", "him", "us", "all", "each"}


def granted_at(words: list[str], index: int) -> bool:
    """ "my chapter accepted", "get it funded": a granted result, not "the approved form"."""
    if words[index] not in GRANTED:
        return False
    previous = words[index - 1] if index else ""
    following = words[index + 1] if index + 1 < len(words) else ""
    if previous in DETERMINERS - {"it", "them", "me", "myself", "him", "us"}:
        return False  # "the approved protocol": a thing, named by its state
    if previous in {"i", "we", "have", "has", "had", "already"}:
        return False  # "I accepted the offer": done by the member
    return following not in {"the", "a", "an", "my", "our"}  # "selected the samples"


def other_subject(words: list[str]) -> int | None:
    """ "the editor likes it", "my committee approves the plan": someone else acts.

    The goal opens (after fillers) with a determiner and at most three words, then a verb
    in the third person. Returns the index of that verb."""
    if not words or words[0] not in OTHER_SUBJECT_HEADS:
        return None
    for index in range(2, min(5, len(words))):
        word = words[index]
        if word in {"will", "would", "agrees", "says", "decides"}:
            return index
        if (
            word.endswith("s")
            and not word.endswith("ss")
            and (
                word[:-1] in KNOWN_VERBS | GRANTING_VERBS | {"like", "love", "want", "give"}
                or (word.endswith("es") and word[:-2] in KNOWN_VERBS | GRANTING_VERBS)
            )
        ):
            return index
        if word in DETERMINERS or word.isdigit():
            return None
    return None


# Scale: what one person does in about a month, by unit (the count after which a goal
# needs more than its window). Producing verbs make a unit, the others go through one.
PRODUCING = frozenset(
    {"write", "draft", "finish", "complete", "translate", "rewrite", "compose", "produce",
     "author", "publish", "submit", "do", "deliver", "revise"}
)  # fmt: skip
PER_MONTH: dict[str, tuple[float, float]] = {  # unit: (producing, other)
    "book": (0.5, 12), "books": (0.5, 12), "novel": (0.5, 12), "novels": (0.5, 12),
    "monograph": (0.5, 12), "monographs": (0.5, 12), "thesis": (0.5, 12),
    "dissertation": (0.5, 12), "chapter": (3, 60), "chapters": (3, 60),
    "article": (3, 90), "articles": (3, 90), "paper": (3, 90), "papers": (3, 90),
    "manuscript": (3, 30), "manuscripts": (3, 30), "grant": (3, 30), "grants": (3, 30),
    "proposal": (3, 30), "proposals": (3, 30), "interview": (60, 60), "interviews": (60, 60),
    "pages": (150, 3000), "words": (60000, 1_000_000), "patients": (150, 150),
    "participants": (150, 150), "essays": (15, 150),
    "lectures": (20, 60), "courses": (3, 6), "songs": (8, 200), "poems": (30, 600),
    # Hours of work: one person has about eight a day ("code all 300 hours of video").
    "hours": (240, 240),
}  # fmt: skip
LARGE = frozenset(
    {"thesis", "dissertation", "book", "novel", "monograph", "manuscript", "chapter",
     "chapters", "manuscripts", "translation", "textbook"}
)  # fmt: skip
WHOLE = frozenset({"whole", "entire", "every", "all", "each"})
SHORT_WINDOW_DAYS = 14


def too_large(
    words: list[str], verb: str, days: int, has_frequency: bool
) -> tuple[int, int] | None:
    """The word span of a goal far above its window's work, or None.

    "write every chapter of my thesis this weekend" (whole + large + a short window),
    "read 40 books over the break" (a count far above a month's reading)."""
    if not any(w in _SCALE_WORDS or w[:1].isdigit() for w in words):
        return None  # no whole/every and no count: nothing to weigh
    producing = verb in PRODUCING
    for index, word in enumerate(words):
        window = words[index + 1 : index + 5]
        short = producing and days <= SHORT_WINDOW_DAYS
        if word in WHOLE and short and any(w in LARGE for w in window):
            return index, index + 1
        if has_frequency:
            continue
        count = _count(word)
        if count is None:
            continue
        for unit in words[index + 1 : index + 4]:
            if unit in PER_MONTH:
                capacity = PER_MONTH[unit][0 if producing else 1] * max(days, 1) / 30
                if count > 2 * max(capacity, 1):  # far above, not merely ambitious
                    return index, index + 1
                break
            if unit in DETERMINERS or not unit.isalpha():
                break
    return None


def capacity_for(following: list[str], verb: str, days: int) -> int | None:
    """Whole units of the first unit in ``following`` that fit in ``days``."""
    for unit in following:
        unit = unit.strip(",.;:")
        if unit in PER_MONTH:
            return int(PER_MONTH[unit][0 if verb in PRODUCING else 1] * max(days, 1) / 30)
    return None


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
           "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}  # fmt: skip


_SCALE_WORDS = WHOLE | frozenset(_COUNTS)


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _COUNTS.get(word)


def words_of(low: str, start: int = 0, end: int | None = None) -> list[str]:
    return WORD.findall(low, start, len(low) if end is None else end)
