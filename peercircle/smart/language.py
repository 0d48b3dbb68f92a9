"""Is a goal English enough to judge? The analyzer's rules read English only.

The members' interface is in English, Spanish and German, and a goal written in Spanish or
German would otherwise get confident verdicts from rules that cannot read it ("Terminar el
capítulo 2 antes del viernes" has no known verb, no English time phrase...). Judging it
wrongly costs more trust than saying nothing, so such a goal gets no verdicts at all.

The test weighs evidence, it does not guess a language: English function words and the
analyzer's own verbs against Spanish and German function words and a few words common in
goals, plus the letters English does not use (ñ, ¿, ß, ä, ö, ü, accented vowels). Words
the languages share ("die", "come", "also", "was", "will", "son") count for none. A text
with no evidence either way ("Chapter 2", "IRB protocol v3") is judged, as before.
"""

from __future__ import annotations

import re

from .vocabulary import KNOWN_VERBS

# Closed-class English words (and a few frequent adverbs) that no Spanish or German goal
# uses as words of its own.
_ENGLISH = frozenset(
    {"the", "a", "an", "my", "our", "your", "his", "her", "their", "its", "this", "that",
     "these", "those", "each", "every", "all", "both", "any", "another", "to", "with", "for",
     "from", "on", "about", "at", "into", "of", "by", "and", "or", "but", "if", "then",
     "than", "when", "before", "after", "until", "till", "up", "out", "off", "down", "back",
     "over", "through", "it", "them", "me", "i", "we", "you", "he", "she", "they", "is",
     "are", "be", "been", "do", "does", "not", "can", "should", "would", "must", "have",
     "has", "get", "make", "next", "week", "month", "year", "day", "end", "least", "more",
     "less", "one", "two", "three", "four", "five", "first", "last", "per", "some",
     "just", "tomorrow", "today", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday", "chapter", "paper", "draft", "thesis", "meeting", "b4",
     "wk", "eom", "pls", "tmrw", "which", "what", "who", "how", "why", "so", "too", "very",
     "am", "pm", "will", "also", "tag", "interviews"}
)  # fmt: skip

_SPANISH = frozenset(
    {"a", "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "y", "o", "en",
     "con", "para", "por", "sin", "sobre", "entre", "hasta", "desde",
     "antes", "después", "despues", "mi", "mis", "tu", "tus", "su", "sus", "nuestro",
     "nuestra", "que", "qué", "cada", "este", "esta", "estos", "estas", "ese", "esa", "lo",
     "le", "les", "me", "se", "mí", "yo", "nosotros", "es", "son", "está", "ser",
     "estar", "hacer", "terminar", "escribir", "enviar", "leer", "entregar", "revisar",
     "preparar", "presentar", "mandar", "acabar", "mejorar", "publicar", "semana",
     "semanas", "mes", "meses", "año", "días", "día", "dia", "dias", "lunes", "martes",
     "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo", "próximo",
     "proximo", "próxima", "proxima", "fin", "capítulo", "capitulo", "artículo", "articulo",
     "tesis", "borrador", "reunión", "reunion", "también", "más", "mas", "menos", "muy",
     "ya", "pero", "cuando", "como", "todo", "todos", "todas", "dos", "tres", "cuatro",
     "cinco", "primero", "primera", "mañana", "hoy", "ahora", "marzo", "abril",
     "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
     "enero", "febrero", "quiero", "voy", "tengo", "debo", "datos", "encuesta", "entrevistas",
     "páginas", "paginas", "libro", "libros", "sección", "seccion", "grupo", "trabajo"}
)  # fmt: skip

_GERMAN = frozenset(
    {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
     "an", "und", "oder", "aber", "mit", "für", "fur", "fuer", "auf", "aus", "bei", "bis", "nach",
     "vor", "von", "zu", "zum", "zur", "im", "am", "ins", "über", "ueber", "unter", "ohne",
     "mein", "meine", "meinen", "meinem", "meiner", "unser", "unsere", "ich", "wir", "mich",
     "mir", "sich", "ist", "sind", "sein", "werden", "will", "möchte", "moechte", "muss",
     "soll", "kann", "nicht", "noch", "schon", "auch", "sehr", "jede", "jeden", "jedes",
     "diese", "diesen", "dieser", "dieses", "nächste", "nächsten", "naechsten", "ende",
     "woche", "wochen", "monat", "monats", "jahr", "jahres", "tag", "tage", "tagen",
     "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
     "morgen", "heute", "kapitel", "entwurf", "arbeit", "abschließen", "abschliessen",
     "schreiben", "lesen", "fertig", "einreichen", "schicken", "senden", "abgeben",
     "überarbeiten", "vorbereiten", "beenden", "erstellen", "machen", "treffen", "seiten",
     "daten", "interviews", "zwei", "drei", "vier", "fünf", "ersten", "erste", "erstes",
     "januar", "februar", "märz", "maerz", "juni", "juli", "oktober", "dezember", "halten",
     "vortrag", "gruppe", "betreuerin", "betreuer", "doktorarbeit", "masterarbeit"}
)  # fmt: skip

# Shared spellings are evidence for none of the three.
_SHARED = (_SPANISH & _GERMAN) | ((_SPANISH | _GERMAN) & (_ENGLISH | KNOWN_VERBS))
ENGLISH_WORDS = (_ENGLISH | KNOWN_VERBS) - _SPANISH - _GERMAN
FOREIGN_WORDS = (_SPANISH | _GERMAN) - _SHARED
# Letters that English spells without: a name ("Müller", "São Paulo") may carry one, so two
# such letters weigh as much as one foreign word.
FOREIGN_LETTERS = frozenset("ñáéíóúüöäß¿¡")
_LETTERS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# A German goal ends with its verb ("Joggen gehen", "Abstract einreichen"): a last word in
# -en that English does not end a goal with weighs as half a foreign word.
_ENGLISH_EN_WORDS = frozenset(
    {"written", "chosen", "given", "taken", "broken", "forgotten", "driven", "proven",
     "hidden", "garden", "kitchen", "children", "women", "men", "often", "even", "open",
     "token", "tokens", "screen", "green", "between", "seen", "been", "listen", "happen",
     "oxygen", "specimen", "dozen", "citizen", "sudden", "frozen", "spoken", "gluten",
     "queen", "halloween", "linen", "pollen", "eaten", "fallen", "risen", "woken", "golden",
     "wooden", "warden", "burden", "heaven", "seven", "eleven", "then", "when", "ten",
     "again", "amen", "pen", "den", "hen", "yen", "omen", "lumen", "abdomen", "regimen",
     "allergen", "antigen", "pathogen", "carcinogen", "estrogen", "oestrogen", "hydrogen",
     "nitrogen", "collagen", "glycogen", "fibrinogen", "kristen", "karen", "aachen",
     "bergen", "copenhagen", "dresden", "bremen", "eindhoven", "leiden"}
)  # fmt: skip


def english_enough(text: str) -> bool:
    """Whether the analyzer may judge ``text``: True unless it reads as another language.

    Parameters
    ----------
    text : str
        A goal as the member wrote it.

    Returns
    -------
    bool
        False when the evidence for Spanish or German (their function words and common goal
        words, letters English does not use at half a word each) is at least the evidence
        for English (its function words and the analyzer's known verbs) and not nil. A text
        with no evidence either way is judged (True).

    Notes
    -----
    Linear in the length of the text: one pass over its words.

    Examples
    --------
    >>> english_enough("Send chapter 2 to my supervisor by Friday")
    True
    >>> english_enough("Enviar el capítulo 2 a mi directora antes del viernes")
    False
    >>> english_enough("Kapitel 2 bis Freitag an meine Betreuerin schicken")
    False
    """
    low = text.lower()
    english = foreign = 0.0
    words = _LETTERS.findall(low)
    for word in words:
        if word in ENGLISH_WORDS:
            english += 1
        elif word in FOREIGN_WORDS:
            foreign += 1
    if words and _german_verb_last(words[-1]):
        foreign += 0.5
    if not low.isascii():
        foreign += sum(0.5 for char in low if char in FOREIGN_LETTERS)
    return foreign == 0 or english > foreign


def _german_verb_last(word: str) -> bool:
    return (
        len(word) > 4
        and word.endswith("en")
        and not word.endswith("een")
        and word not in _ENGLISH_EN_WORDS
        and word not in ENGLISH_WORDS
    )
