"""The shipped catalogues are complete and current: makemessages changes nothing, nothing is
untranslated or fuzzy, every translation keeps its source's placeholders and markup, and the
compiled .mo files match the .po files they came from."""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib  # type: ignore[import-untyped]
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
LOCALE = ROOT / "locale"
SHIPPED = [code for code, _name in settings.LANGUAGES if code != "en"]
DOMAINS = ["django", "djangojs"]
# The same flags as `make messages` (Makefile).
IGNORED = [".venv", "tests", "benchmarks", "staticfiles", "tools", "static/vendor"]

PLACEHOLDER = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{[^{}]*\}")
MARKUP = re.compile(r"<[^>]*>")


def _catalogues() -> list[Path]:
    return [
        LOCALE / code / "LC_MESSAGES" / f"{domain}.po"
        for code in SHIPPED
        for domain in DOMAINS
        if (LOCALE / code / "LC_MESSAGES" / f"{domain}.po").exists()
    ]


def _entries(path: Path) -> dict[tuple[str, str, str], tuple[str, tuple[str, ...], bool]]:
    return {
        (e.msgctxt or "", e.msgid, e.msgid_plural or ""): (
            e.msgstr,
            tuple(e.msgstr_plural[k] for k in sorted(e.msgstr_plural)),
            "fuzzy" in e.flags,
        )
        for e in polib.pofile(str(path))
        if not e.obsolete
    }


def _translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def test_every_shipped_language_has_its_catalogue() -> None:
    for code in SHIPPED:
        assert (LOCALE / code / "LC_MESSAGES" / "django.po").exists(), code
        assert (LOCALE / code / "LC_MESSAGES" / "django.mo").exists(), code


@pytest.mark.skipif(
    shutil.which("xgettext") is None and not os.environ.get("CI"),
    reason="needs GNU gettext (apt-get install gettext); CI installs it",
)
def test_makemessages_leaves_the_catalogues_unchanged(tmp_path: Path) -> None:
    # makemessages writes into ./locale whatever LOCALE_PATHS says, so it runs on a copy of
    # the sources and catalogues, in a process of its own.
    for part in ["peercircle", "templates", "static", "locale"]:
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    command = [sys.executable, "manage.py", "makemessages", *[f"-l{code}" for code in SHIPPED]]
    command += ["--add-location=file", "--no-wrap", "--no-obsolete", "-v0"]
    command += [f"--ignore={pattern}" for pattern in IGNORED]
    env = {**os.environ, "DEBUG": "1", "PYTHONPATH": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for domain in DOMAINS:
        subprocess.run([*command, f"-d{domain}"], cwd=tmp_path, env=env, check=True)  # noqa: S603
    for path in _catalogues():
        fresh = tmp_path / path.relative_to(ROOT)
        assert _entries(fresh) == _entries(path), (
            f"{path.relative_to(ROOT)} is stale: run `make messages` and translate what it adds"
        )
    for domain in DOMAINS:  # a domain that gained its first strings must be committed too
        for code in SHIPPED:
            fresh = tmp_path / "locale" / code / "LC_MESSAGES" / f"{domain}.po"
            if fresh.exists() and _entries(fresh):
                assert (LOCALE / code / "LC_MESSAGES" / f"{domain}.po").exists(), fresh


@pytest.mark.parametrize("path", _catalogues(), ids=lambda p: str(p.relative_to(LOCALE)))
def test_nothing_is_untranslated_or_fuzzy(path: Path) -> None:
    catalogue = polib.pofile(str(path))
    missing = [e.msgid for e in catalogue if not e.obsolete and not all(_translations(e))]
    fuzzy = [e.msgid for e in catalogue if not e.obsolete and "fuzzy" in e.flags]
    assert not missing, f"{len(missing)} untranslated in {path}: {missing[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {path}: {fuzzy[:20]}"


@pytest.mark.parametrize("path", _catalogues(), ids=lambda p: str(p.relative_to(LOCALE)))
def test_translations_keep_placeholders_and_markup(path: Path) -> None:
    wrong = []
    for entry in polib.pofile(str(path)):
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        want_markup = Counter(MARKUP.findall(entry.msgid))
        want = set(PLACEHOLDER.findall(" ".join(sources)))
        for text in _translations(entry):
            if not text:
                continue
            got = set(PLACEHOLDER.findall(text))
            # A plural form may leave out the count ("un objetivo") but add nothing.
            if got - want or (not entry.msgid_plural and got != want):
                wrong.append((entry.msgid, text))
            if Counter(MARKUP.findall(text)) != want_markup:
                wrong.append((entry.msgid, text))
    assert not wrong, f"{len(wrong)} translations change placeholders or markup: {wrong[:10]}"


@pytest.mark.parametrize("path", _catalogues(), ids=lambda p: str(p.relative_to(LOCALE)))
def test_the_compiled_catalogue_matches_its_source(path: Path) -> None:
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    got = {(e.msgctxt or "", e.msgid): tuple(_translations(e)) for e in compiled if e.msgid}
    source = polib.pofile(str(path))
    want = {
        (e.msgctxt or "", e.msgid): tuple(_translations(e))
        for e in source
        if not e.obsolete and "fuzzy" not in e.flags and all(_translations(e))
    }
    assert got == want, f"{path.with_suffix('.mo')} is out of date: run `make messages`"
