"""Hints: one short, grammatical suggestion per missing dimension, and a rewrite.

Each hint quotes the words that failed the check and proposes what to write instead,
taken from the goal itself where it can be ("work on chapter 3" -> "draft one named
section of chapter 3"), else a generic example. :func:`rewrite` turns a goal that hangs on
others into the step in the member's own power ("get my paper accepted in Nature by May"
-> "Submit my paper to Nature by May"). Suggested dates suit a monthly goal: the end of
this month, or of next month when this one has less than two weeks left.
"""

from __future__ import annotations

import datetime as dt
import re

from .deadlines import TimePhrase
from .dimensions import (
    ADVERBIAL_REWRITE,
    CAUSATIVES,
    Goal,
    bare_plural_object,
    is_habit,
    is_state,
    names_a_quantity,
    vague_quantity,
)
from .resolvers import _month_end
from .structure import capacity_for
from .vocabulary import PREPOSITIONS, VAGUE_TIME

MIN_DAYS_LEFT_IN_MONTH = 14
_TO = re.compile(r"(?:^|\s)to\s", re.IGNORECASE)


def suggested_deadline(today: dt.date) -> dt.date:
    """A deadline that suits a monthly goal: this month's end, or next month's when near."""
    month_end = _month_end(today.year, today.month)
    if (month_end - today).days >= MIN_DAYS_LEFT_IN_MONTH:
        return month_end
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return _month_end(year, month)


def _spoken(date: dt.date) -> str:
    return f"{date:%B} {date.day}"


def _snippet(goal: Goal, start: int, end: int) -> str:
    return " ".join(goal.text[start:end].split()).strip(" ,.;:!?")


def _stop(goal: Goal, position: int) -> int:
    """Where the words after ``position`` end: a time expression or the end of the clause."""
    stop = min([t.start for t in goal.times if t.start >= position] + [len(goal.low)])
    clause = _CLAUSE_END.search(goal.low, position, stop)
    return clause.start() if clause else stop


# A clause ends at ; ! ? or a full stop, but not after a title ("Prof. Nakamura").
_CLAUSE_END = re.compile(
    r"[;!?]|(?<!\bprof)(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bst)\.(?=\s|$)"
)


def _rest_after(goal: Goal, position: int, limit: int = 6) -> str:
    """The words after a phrase, up to a time expression or the end of the clause."""
    words = goal.text[position : _stop(goal, position)].split()[:limit]
    while words and words[-1].lower() in _TRAILING_WORDS:
        words.pop()  # "… in Nature by" (the end of Q1)
    return " ".join(words).strip(" ,.;:!?\"'")


_TRAILING_WORDS = PREPOSITIONS | {
    "by",
    "before",
    "until",
    "till",
    "til",
    "the",
    "end",
    "and",
    "or",
    "a",
    "my",
}
_GENERIC_EXAMPLE = '"write the methods section of chapter 2 by Friday"'


def specific_hint(goal: Goal) -> str:
    found = goal.direction or goal.hedge
    if found is None and is_state(goal):
        state = " ".join(t.word for t in goal.tokens[goal.verb_index or 0 :][:3])
        return (
            f'"{state}" is a state, not an action: name one thing you will do that shows it, '
            "and how often."
        )
    if found is None:
        verb = goal.tokens[goal.verb_index].word if goal.verb_index is not None else ""
        if verb and not goal.nominal:  # the member's own verb: "run" -> "run … by Friday"
            return f'Name what "{verb}" acts on, e.g. "{verb} … by Friday" with the thing named.'
        return f"Name a concrete action and what it acts on, e.g. {_GENERIC_EXAMPLE}."
    phrase, m = found
    said = _snippet(goal, m.start(), m.end())
    rest = _VAGUE_TAIL.sub("", _rest_after(goal, m.end()))
    if phrase is ADVERBIAL_REWRITE:
        start = goal.tokens[goal.verb_index or 0].start
        span = _snippet(goal, start, max(m.end(), _stop(goal, m.end())))
        return (
            f'"{span}" is a direction: say what you will do and how much or how often, '
            "with a number."
        )
    if goal.hedge is found and rest:
        return f'"{said}" hedges: commit to the action itself, "{rest}".'
    if "{object}" in phrase.rewrite and not rest:
        example = _GENERIC_EXAMPLE
    else:
        example = '"' + phrase.rewrite.replace("{object}", rest) + '"'
    return f'"{said}" is a direction, not an action: try {example}.'


_VAGUE_TAIL = re.compile(r"(?:\s+(?:more|less|better|a lot|a bit|harder|again))+$", re.I)
_GENERIC_MEASURE = "Make it checkable: say how many, how often, or what will exist when it is done."


def measurable_hint(goal: Goal) -> str:
    """ "read more papers" -> "read 3 papers"; otherwise a generic nudge.

    A number replaces the vague word only before a noun it can count, so "make my lectures
    more engaging" never becomes "make my lectures 3 engaging".
    """
    m = vague_quantity(goal)
    if m is None or goal.direction or goal.verb_index is None or is_state(goal):
        return _own_measure(goal)
    said = _snippet(goal, m.start(), m.end())
    verb_start = goal.tokens[goal.verb_index].start
    rest = _rest_after(goal, m.end(), limit=5)
    counted_noun = rest.split()[0].lower() if rest else ""
    if verb_start > m.start() or not counted_noun.endswith("s"):
        return f'"{said}" is not a measure: {_GENERIC_MEASURE[0].lower()}{_GENERIC_MEASURE[1:]}'
    if not names_a_quantity(counted_noun):
        return f'"{said}" is not a measure: {_GENERIC_MEASURE[0].lower()}{_GENERIC_MEASURE[1:]}'
    counted = f"{goal.text[verb_start : m.start()]}3 {rest}"
    return f'"{said}" is not a measure: put a number on it, e.g. "{" ".join(counted.split())}".'


def _own_measure(goal: Goal) -> str:
    """The measure hint in the goal's own words: "read 3 papers on sleep", "practice piano
    three times this week"; the generic nudge only when the goal gives nothing to build on."""
    if goal.verb_index is None or goal.nominal or goal.direction or is_state(goal):
        return _GENERIC_MEASURE
    verb = goal.tokens[goal.verb_index]
    end = _stop(goal, verb.end)
    phrase = _VAGUE_TAIL.sub("", _snippet(goal, verb.start, end))
    words = phrase.split()
    if len(words) < 2:
        return _GENERIC_MEASURE
    if bare_plural_object(goal):
        head = 1 + (words[1].lower() in PREPOSITIONS)
        counted = " ".join([*words[:head], "3", *words[head:]])
        return f'Make it checkable: say how many, e.g. "{counted}".'
    return (
        "Make it checkable: say how many, how often, or what will exist when it is done, "
        f'e.g. "{phrase} three times this week".'
    )


# --- attainable: the rewrite ------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_LEADING_VERB = re.compile(
    r"(?:get|gets|getting|got|land|win|secure|receive|earn|obtain|reach|gain|have|make|let"
    r"|convince|persuade|pass|ace|be)\w*\s+",
    re.IGNORECASE,
)
_TRAILING_PREPOSITION = re.compile(r"\s+(?:into|in|to|from|at|on|for|by|with|of)$", re.I)


def _fill(template: str, slots: dict[str, str]) -> str:
    """Fill {slots}; drop a [section] whose slots are empty; tidy the spaces."""

    def section(m: re.Match[str]) -> str:
        names = _SLOT.findall(m[1])
        return m[1] if all(slots.get(name) for name in names) else ""

    text = _OPTIONAL.sub(section, template)
    text = _SLOT.sub(lambda m: slots.get(m[1], "") or "…", text)
    return " ".join(text.replace(" ,", ",").split())


def _time_text(goal: Goal, deadline: dt.date | None) -> str:
    """The goal's own words for its deadline ("by the end of Q1"), else "by …"."""
    chosen: TimePhrase | None = None
    for phrase in goal.times:
        if (deadline and phrase.date == deadline) or (chosen is None and phrase.date is None):
            chosen = phrase
    if chosen is None:
        return "by …"
    lead = _TIME_LEAD.search(goal.text, 0, chosen.start)
    said = " ".join(goal.text[lead.start() if lead else chosen.start : chosen.end].split())
    # Every rewrite is a single act (submit, send, ask), done by a date, not "until" it.
    said = _UNTIL.sub("by", said, count=1)
    return f"by {said}" if _BARE_DATE.match(said) else said


_UNTIL = re.compile(r"^(?:until|till|til)\b", re.IGNORECASE)


# The words before a time phrase that belong to it: "by the end of" Q1.
_TIME_LEAD = re.compile(
    r"(?:\b(?:by|before|until|till|on|in|during|within|no later than)\s+)?(?:the\s+)?"
    r"(?:end\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
_BARE_DATE = re.compile(
    r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]\b|the\s+\d)", re.I
)


_PLACE = r"(?:into|in|at|to|by|for|with|from|of|on)"
_PLACE_INSIDE = re.compile(rf"\s{_PLACE}\s", re.IGNORECASE)
_ENDS_WITH_PLACE = re.compile(rf"\s{_PLACE}$", re.IGNORECASE)


def _words_until_place(text: str, limit: int) -> str:
    """The leading words of ``text`` up to a preposition: "exam" in "exam in May"."""
    place = _PLACE_INSIDE.search(f" {text} ")
    return _trimmed(text[: place.start() if place else len(text)], limit)


def _slots(goal: Goal, m: re.Match[str], default: str, asks: bool) -> dict[str, str]:
    """{thing}, {where} and {action} for an outcome's rewrite, from the goal's own words."""
    said = _snippet(goal, m.start(), m.end())
    tail = goal.text[m.end() : _stop(goal, m.end())].strip(" ,")
    inside = _LEADING_VERB.sub("", said, count=1)
    named = inside if inside.lower() != said.lower() else ""  # "win [the ERC grant]"
    where = ""
    place = _PLACE_INSIDE.search(named)
    inside_said = _PLACE_INSIDE.search(said)
    if place:  # "get [my undergrad] into [a PhD program]"
        named, where = named[: place.start()], _trimmed(named[place.end() :])
    elif not named and inside_said:  # "reviewed by [my PI]"
        where = _trimmed(said[inside_said.end() :])
    elif _ENDS_WITH_PLACE.search(said):  # "get a response from" [the editor]
        named, where = _ENDS_WITH_PLACE.sub("", named), _trimmed(tail)
        tail = ""
    elif named and tail and not asks and not tail.split()[0].endswith("ed"):
        more = _words_until_place(tail, 2)  # "pass [my qualifying] exam" in May
        named, tail = f"{named} {more}".strip(), tail[len(more) :].strip()
    verb = goal.tokens[goal.verb_index] if goal.verb_index is not None else None
    between = ""
    if verb and verb.word in CAUSATIVES and verb.end < m.start():
        between = _snippet(goal, verb.end, m.start())  # "get [my paper] accepted"
    leading = _PLACE_INSIDE.match(f" {tail}")
    preposition = ""
    if leading and not where:
        where = _trimmed(tail[leading.end() - 1 :])  # accepted "in Nature"
        preposition = leading[0].strip().lower()
    action, who = "", ""
    to = _TO.search(tail)
    if to and asks:  # "get [Marco] to [finish his part]"
        who, action = tail[: to.start()].strip(" ,"), _trimmed(tail[to.end() :], 8)
    elif asks and tail and not (between or named):  # "make [Priya] [review my cover letter]"
        who, _, action = tail.partition(" ")
        action = _trimmed(action, 8)
    elif asks and tail:
        action = _trimmed(tail, 8)  # "have my advisor [review my chapter]"
    from_tail = _words_until_place(tail, 3)
    thing = between or named or who or from_tail or default
    if thing == from_tail and not where:  # "publish [two papers] in [Nature]"
        later = _PLACE_INSIDE.search(f" {tail[len(from_tail) :]} ")
        where = _trimmed(f" {tail[len(from_tail) :]} "[later.end() :]) if later else ""
    place = _PLACE_INSIDE.match(f" {tail}")
    phrase = " ".join(part for part in (between, named or said) if part)
    if who:
        thing = " ".join(part for part in (named, who) if part) or thing
    return {
        "thing": thing,
        "where": where,
        "action": action,
        "phrase": phrase,  # "IRB approval"
        "place": _trimmed(tail) if place else "",  # "for the new study", "from the IRB"
        "preposition": preposition,  # "for" in selected "for an oral talk"
    }


def _trimmed(words: str, limit: int = 5) -> str:
    kept = words.split()[:limit]
    while kept and kept[-1].lower() in _TRAILING_WORDS:
        kept.pop()
    return " ".join(kept).strip(" ,.;:!?\"'")


def rewrite(goal: Goal, deadline: dt.date | None) -> str | None:
    """The goal rewritten as the step in the member's power, or None when it is attainable."""
    if goal.outcome is None:
        return _smaller(goal)
    phrase, m = goal.outcome
    if not phrase.rewrite:
        return None  # someone else acts: nothing in the member's words to propose
    slots = _slots(goal, m, phrase.thing, asks="{action}" in phrase.rewrite)
    slots["by"] = _time_text(goal, deadline)
    template = _fitting(phrase.rewrite, slots)
    if template is None:
        return None
    if slots["preposition"] == "for":  # selected "for a talk": sent for it, not to it
        template = template.replace(" to {where}", " for {where}")
    text = _fill(template, slots)
    return text[:1].upper() + text[1:]


# Things that are already what one submits: "have my proposal funded" -> submit the proposal.
_SUBMITTED_THINGS = frozenset({"proposal", "proposals", "application", "bid", "submission"})
# Venues made to take one's work ("get the journal to take my paper"): one submits to them.
_VENUES = frozenset(
    {"journal", "press", "publisher", "magazine", "quarterly", "review", "conference", "editor"}
)
_VENUE_ACTS = frozenset({"take", "accept", "publish", "print", "run"})
# Examinations sat orally or in practice, where timed written practice exams do not fit.
_NOT_WRITTEN = re.compile(r"\b(?:viva|vivas|defen[cs]e|driving|oral|practical|osce)\b", re.I)


def _fitting(template: str, slots: dict[str, str]) -> str | None:
    """The outcome's pattern, fitted to what the goal names, or None when none fits."""
    thing_words = slots["thing"].lower().split() or [""]
    if (
        template.startswith("submit the application for {thing}")
        and thing_words[-1] in _SUBMITTED_THINGS
    ):
        return template.replace("the application for {thing}", "{thing}[ to {where}]")
    if template.startswith("take two timed practice exams") and _NOT_WRITTEN.search(slots["thing"]):
        return None
    action = slots.get("action", "").split() or [""]
    if (
        template.startswith("ask {thing}")
        and thing_words[-1] in _VENUES
        and action[0].lower() in _VENUE_ACTS
        and len(action) > 1
    ):
        slots["action"] = " ".join(action[1:])  # "my paper"
        return "submit {action} to {thing} {by}"
    return template


def rewrite_sure(goal: Goal, deadline: dt.date | None) -> bool:
    """Whether :func:`rewrite` can vouch for its grammar.

    Cutting a quantity inside the member's own sentence keeps their grammar, and so does a
    pattern filled with whole phrases of theirs. It cannot vouch for a pattern bent to fit
    ("sent for a talk") or for a fragment cut off mid-phrase (ending in "to", "the", "and").
    """
    if goal.outcome is None:
        return True
    phrase, m = goal.outcome
    if not phrase.rewrite:
        return False
    slots = _slots(goal, m, phrase.thing, asks="{action}" in phrase.rewrite)
    if slots.get("preposition") == "for" and " to {where}" in phrase.rewrite:
        return False  # the pattern would be bent: "sent for a talk"
    fragments = [slots.get(name, "") for name in ("thing", "where", "action")]
    return not any(_DANGLING.search(fragment) for fragment in fragments if fragment)


# A fragment ending in one of these was cut mid-phrase.
_DANGLING = re.compile(
    r"\b(?:a|an|the|my|our|your|their|and|or|but|to|of|in|into|on|at|for|from|by|with)$",
    re.IGNORECASE,
)


def attainable_hint(goal: Goal, proposed: str | None) -> str:
    if goal.outcome is None:  # not reached: called only for outcomes
        return "Set the step that is in your own power."
    _, m = goal.outcome
    said = (_snippet(goal, m.start(), m.end()) + " " + _rest_after(goal, m.end(), 4)).strip()
    if proposed is None:
        return (
            f'"{said}" depends on others or on luck: set the step in your own power instead'
            " (what you will send, submit or ask for, to whom, and by when)."
        )
    return (
        f'"{said}" depends on others or on luck: set the step in your own power, e.g. "{proposed}".'
    )


def time_hint(goal: Goal, today: dt.date) -> str:
    date = suggested_deadline(today)
    example = f'"by {_spoken(date)}" ({date.isoformat()})'
    if is_habit(goal):
        return (
            "A habit with no end is not time-bound: give it a period, e.g. "
            f'"… until {_spoken(date)}" ({date.isoformat()}).'
        )
    vague = VAGUE_TIME.search(goal.low)
    if vague:
        said = _snippet(goal, vague.start(), vague.end())
        return f'"{said}" is not a date: add a deadline, e.g. {example}.'
    return f"Add a deadline, e.g. {example}."


def past_deadline_hint(deadline: dt.date, today: dt.date) -> str:
    date = suggested_deadline(today)
    return (
        f"The deadline {deadline.isoformat()} is already past: pick a later date, e.g. "
        f'"by {_spoken(date)}" ({date.isoformat()}).'
    )


def scale_capacity(goal: Goal) -> int | None:
    """How many of the goal's unit fit its window ("10" books over a month)."""
    assert goal.too_large is not None
    words = goal.low[goal.too_large[1] :].split()[:3]
    verb = goal.tokens[goal.verb_index].word if goal.verb_index is not None else ""
    return capacity_for(words, verb, goal.window_days)


_POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "your"})


def _smaller(goal: Goal) -> str | None:
    """A goal too large for its window, cut to a part: "every chapter" -> "one chapter",
    "the entire novel" -> "the first chapter of the novel", "40 books" -> "10 books"."""
    if goal.too_large is None:
        return None
    start, end = goal.too_large
    said = goal.low[start:end]
    following = goal.low[end:].split()
    if said in {"every", "each"}:
        part = "one"
    elif said in {"whole", "entire"}:
        part = "first chapter of the"
        if following and following[0].startswith("chapter"):
            return None
    elif said == "all":
        part = "one of the" if following and following[0].endswith("s") else ""
        if not part:
            return None
    else:
        fits = scale_capacity(goal)
        if fits is None or fits < 2:
            return None  # "1 books": cut to a part only when a plural still fits
        part = str(fits)
        prefix = goal.low[:start].rstrip()
        if prefix.endswith(" all") or prefix == "all":  # "all 200 interviews" -> "2 interviews"
            start = len(prefix) - 3
    # From the verb on: "so basically read 40 books" -> "Read 12 books"
    begin = 0
    if goal.verb_index is not None and not goal.nominal:
        begin = goal.tokens[goal.verb_index].start
    before = goal.text[begin:start]
    owner = before.split()[-1] if before.split() else ""
    if said in {"whole", "entire"} and owner.lower() in _POSSESSIVES:
        # "my whole thesis" -> "the first chapter of my thesis"
        before = before.rstrip()[: -len(owner)]
        part = f"the first chapter of {owner}"
    text = f"{before}{part}{goal.text[end:]}"
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def scale_hint(goal: Goal, proposed: str | None) -> str:
    assert goal.too_large is not None
    start, end = goal.too_large
    said = (_snippet(goal, start, end) + " " + _rest_after(goal, end, 3)).strip()
    deadline = max((t.date for t in goal.times if t.date), default=None)
    window = f"{goal.window_days} days" if goal.window_days != 1 else "a day"
    if deadline is None:
        window = "about a month"
    if proposed:
        return f'"{said}" is more than fits in {window}: take a part of it, e.g. "{proposed}".'
    return f'"{said}" is more than fits in {window}: take a part you can finish, or allow longer.'
