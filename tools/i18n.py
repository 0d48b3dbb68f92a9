"""Upkeep of the gettext catalogues in locale/ (a development tool; needs polib).

    python tools/i18n.py todo es [PATH_PREFIX ...]   untranslated or fuzzy entries, by file
    python tools/i18n.py fill es SOURCE.po [...]     fill empty entries from other catalogues

`fill` is how two branches' translations come together after a merge: regenerate the
catalogues with `make messages`, then fill them from each side's old catalogue
(`git show <rev>:locale/es/LC_MESSAGES/django.po > /tmp/side.po`).
"""

import sys
from pathlib import Path

import polib  # type: ignore[import-untyped]

LOCALE = Path(__file__).resolve().parent.parent / "locale"
DOMAINS = ("django", "djangojs")


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _translated(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags or entry.obsolete:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _catalogues(lang: str) -> list[Path]:
    return [
        LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"
        for domain in DOMAINS
        if (LOCALE / lang / "LC_MESSAGES" / f"{domain}.po").exists()
    ]


def todo(lang: str, prefixes: list[str]) -> int:
    missing = 0
    for path in _catalogues(lang):
        for entry in polib.pofile(str(path)):
            if _translated(entry) or entry.obsolete:
                continue
            files = sorted({where for where, _line in entry.occurrences})
            if prefixes and not any(f.startswith(tuple(prefixes)) for f in files):
                continue
            missing += 1
            print(f"{path.name}: {entry.msgid!r} ({', '.join(files)})")
    print(f"{missing} entries to translate in {lang}", file=sys.stderr)
    return 1 if missing else 0


def fill(lang: str, sources: list[str]) -> int:
    known: dict[tuple[str, str, str], polib.POEntry] = {}
    for source in sources:
        for entry in polib.pofile(source):
            if _translated(entry):
                known.setdefault(_key(entry), entry)
    filled = 0
    for path in _catalogues(lang):
        catalogue = polib.pofile(str(path), wrapwidth=0)
        for entry in catalogue:
            found = known.get(_key(entry))
            if found is None or _translated(entry):
                continue
            entry.msgstr = found.msgstr
            entry.msgstr_plural = dict(found.msgstr_plural)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
        catalogue.save(str(path))
    print(f"filled {filled} entries in {lang}", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in {"todo", "fill"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, lang, rest = argv[0], argv[1], argv[2:]
    if command == "todo":
        return todo(lang, rest)
    return fill(lang, rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
