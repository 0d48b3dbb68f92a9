"""A pseudo-locale ("qps") that turns every marked string into look-alike letters, and the
check that finds English a page or a mail shows without marking it.

Every letter of a translated string becomes an accented look-alike (`Save` → `Šáṽé`), while
placeholders, markup and entities stay as they are. What is still plain ASCII on a rendered
page is then either data (names, goals: read from the database and set aside), a fixed word
of a file format (in `<code>` or an element with `translate="no"`), or a string nobody
marked for translation: the last is a failure.
"""

import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import polib  # type: ignore[import-untyped]

PSEUDO = "qps"

# Links a crawl of the demo's pages does not follow: other apps (admin, API), files, and the
# ways out of the session (logging out, leaving for an identity provider).
NOT_PAGES = re.compile(
    r"^/(admin|api|static|jsi18n|accounts/logout|accounts/oidc|accounts/saml)|"
    r"\.(ics|csv|json|svg|png|txt)(\?|$)|/(export|download|print)"
)

_LETTERS = {
    **dict(zip("abcdefghijklmnopqrstuvwxyz", "áƀçðéƒĝĥíĵķļɱñóþǫŕšţúṽŵẋýž", strict=True)),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ÁƁÇÐÉƑĜĤÍĴĶĻṀÑÓÞǪŔŠŢÚṼŴẊÝŽ", strict=True)),
}
# Left as they are: printf and brace placeholders, markup, entities, and template syntax.
_KEEP = re.compile(
    r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdifr%]"
    r"|\{[^{}]*\}|<[^>]*>|&[#a-zA-Z0-9]+;"
)


def pseudo(text: str) -> str:
    """`text` with every letter outside placeholders and markup replaced by a look-alike."""
    out: list[str] = []
    last = 0
    for kept in _KEEP.finditer(text):
        out.append("".join(_LETTERS.get(c, c) for c in text[last : kept.start()]))
        out.append(kept.group())
        last = kept.end()
    out.append("".join(_LETTERS.get(c, c) for c in text[last:]))
    return "".join(out)


def build_catalogue(sources: Iterable[Path], target: Path) -> int:
    """A compiled `qps` catalogue at `target`/qps/LC_MESSAGES/<domain>.mo holding the pseudo
    form of every msgid in `sources` (our catalogues and the English ones of Django and the
    packages we use, so month names and allauth's words are covered too)."""
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "Language": PSEUDO,
    }
    seen: set[tuple[str, str]] = set()
    for source in sources:
        for entry in polib.pofile(str(source)):
            key = (entry.msgctxt or "", entry.msgid)
            if entry.obsolete or not entry.msgid or key in seen:
                continue
            seen.add(key)
            if entry.msgid_plural:
                plural = {0: pseudo(entry.msgid), 1: pseudo(entry.msgid_plural)}
                catalogue.append(
                    polib.POEntry(
                        msgctxt=entry.msgctxt,
                        msgid=entry.msgid,
                        msgid_plural=entry.msgid_plural,
                        msgstr_plural=plural,
                    )
                )
            else:
                catalogue.append(
                    polib.POEntry(
                        msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=pseudo(entry.msgid)
                    )
                )
    folder = target / PSEUDO / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    catalogue.save_as_mofile(str(folder / "django.mo"))
    catalogue.save_as_mofile(str(folder / "djangojs.mo"))
    return len(catalogue)


def english_sources(roots: Iterable[Path]) -> Iterator[Path]:
    """Every English source catalogue under `roots` (Django's and the packages')."""
    for root in roots:
        yield from sorted(root.glob("**/locale/en/LC_MESSAGES/django.po"))


# Where a page may show plain ASCII that is not ours to translate.
_SKIP_ELEMENTS = {"script", "style", "code", "pre", "textarea", "kbd", "samp"}
_TEXT_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Texts(HTMLParser):
    """The human-readable strings of a page: text nodes and the attributes people read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._stack: list[bool] = []  # per open element: does it hide its text?

    def _hidden(self) -> bool:
        return any(self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        # English on purpose: file formats, code, and text marked as English (lang="en"),
        # such as the SMART analyzer's hints, which judge English goals only.
        skip = (
            tag in _SKIP_ELEMENTS
            or values.get("translate") == "no"
            or (values.get("lang") or "").startswith("en")
        )
        if not (skip or self._hidden()):
            self.texts += [v for k, v in attrs if k in _TEXT_ATTRIBUTES and v]
            if (
                tag == "input"
                and values.get("type") in {"submit", "button"}
                and values.get("value")
            ):
                self.texts.append(values["value"] or "")
        if tag not in _VOID:
            self._stack.append(skip)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._stack:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden() and data.strip():
            self.texts.append(data)


def readable_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    parser.close()
    return parser.texts


_NOT_WORDS = re.compile(
    r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # links and addresses
    r"|\b[A-Z][A-Za-z_]+(?:/[A-Za-z0-9_+-]+)+"  # time zone names (America/Chicago)
    r"|(?<!\w)/[\w/.?=&%-]*"  # paths
    r"|\((?:[A-Z]{2,5}|UTC[+-][\d:]+|GMT[+-]?[\d:]*|[+-]\d{2,4})\)"  # zone abbreviations: (CST)
)
_WORD = re.compile(r"[A-Za-z]{2,}")
# Words that are the same in every language we ship (names, acronyms, formats).
ALLOWED = {
    "Peercircle",
    "SMART",
    "CSV",
    "ICS",
    "iCal",
    "API",
    "JSON",
    "PDF",
    "URL",
    "UTC",
    "GMT",
    "OK",
    "SSO",
    "SAML",
    "OIDC",
    "ID",
    "IdP",
    "htmx",
    "English",
    "Deutsch",
    "Postdoc",
    "Postdocs",
    "HH",  # the HH:MM hint of a time field
    "MM",
}


def untranslated(text: str, data: list[str]) -> list[str]:
    """The plain English words left in `text` once the data in it is set aside."""
    text = " ".join(text.split())
    for value in data:
        if value in text:
            text = text.replace(value, " ")
    text = _NOT_WORDS.sub(" ", text)
    return [word for word in _WORD.findall(text) if word not in ALLOWED]
