"""The analyzer reads English only: a goal in another language gets no verdict at all.

``languages.csv`` holds real goal sentences written for this check (Spanish, German, and
English ones naming foreign people, places and titles); every labelled English goal of the
eight accuracy sets must still be judged.
"""

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.smart import GOALS_PATH, SETS, load_goals
from peercircle.smart import analyze, english_enough
from peercircle.smart.__main__ import main

TODAY = dt.date(2027, 3, 10)
with (Path(__file__).parent / "languages.csv").open(encoding="utf-8", newline="") as handle:
    SENTENCES = [(row["language"], row["text"]) for row in csv.DictReader(handle)]
ENGLISH_GOALS = [goal.text for name in SETS for goal in load_goals(GOALS_PATH.parent / name)]


@pytest.mark.parametrize(("language", "text"), SENTENCES)
def test_each_sentence_is_read_as_its_language(language: str, text: str) -> None:
    assert english_enough(text) is (language == "en")


def test_every_labelled_english_goal_is_judged() -> None:
    assert len(ENGLISH_GOALS) > 1000
    assert [text for text in ENGLISH_GOALS if not english_enough(text)] == []


@pytest.mark.parametrize("text", [t for lang, t in SENTENCES if lang != "en"])
def test_a_goal_in_another_language_gets_no_verdict_hint_date_or_rewrite(text: str) -> None:
    analysis = analyze(text, TODAY, dt.date(2027, 3, 24))
    assert analysis.english is False
    assert (analysis.specific, analysis.measurable, analysis.attainable) == (None, None, None)
    assert analysis.time_bound is None
    assert analysis.hints == ()
    assert analysis.deadline is None and analysis.suggested_deadline is None
    assert analysis.rewrite is None and not analysis.rewrite_sure
    assert [check.ok for check in analysis.checks] == [None] * 4
    assert analysis.to_dict()["english"] is False and analysis.to_dict()["specific"] is None


def test_an_english_goal_is_judged_as_before() -> None:
    analysis = analyze("Send chapter 2 to my supervisor by Friday", TODAY)
    assert analysis.english is True
    assert analysis.specific and analysis.measurable and analysis.attainable
    assert analysis.deadline == dt.date(2027, 3, 12)


def test_the_command_line_says_guidance_is_for_english(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    goal = "Kapitel 2 bis Freitag an meine Betreuerin schicken\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(goal))
    assert main(["--today", "2027-03-10"]) == 0
    out = capsys.readouterr().out
    assert "SMART guidance is available for goals written in English." in out
    assert "specific" not in out


# Goals built from parts: an action, what it acts on, a time (each language's own words).
SPANISH = (
    ["Terminar", "Escribir", "Enviar", "Revisar", "Corregir", "Leer", "Entregar", "Subir"],
    ["el capítulo de métodos", "la introducción de la tesis", "mis notas de campo",
     "el informe para el comité", "las figuras del artículo", "los datos de la encuesta"],
    ["antes del viernes", "para fin de mes", "esta semana", "el 15 de abril", "",
     "hasta el lunes", "en dos semanas"],
)  # fmt: skip
GERMAN = (
    ["die Methodenkapitel", "meine Feldnotizen", "den Bericht für die Kommission",
     "die Abbildungen des Artikels", "die Umfragedaten", "das Exposé"],
    ["bis Freitag", "bis Ende des Monats", "diese Woche", "bis zum 15. April", "",
     "nächsten Montag", "in zwei Wochen"],
    ["fertig schreiben", "abschicken", "überarbeiten", "korrigieren", "lesen", "abgeben",
     "hochladen", "einreichen"],
)  # fmt: skip
NAMES = ["Müller", "José Peña", "São Paulo", "Zürich", "Gómez", "Björk", "Straße 5", "Señor"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SPANISH[0]), st.sampled_from(SPANISH[1]), st.sampled_from(SPANISH[2]))
def test_generated_spanish_goals_are_not_judged(verb: str, thing: str, time: str) -> None:
    text = f"{verb} {thing} {time}".strip()
    assert not english_enough(text)
    assert analyze(text, TODAY).specific is None


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(GERMAN[0]), st.sampled_from(GERMAN[1]), st.sampled_from(GERMAN[2]))
def test_generated_german_goals_are_not_judged(thing: str, time: str, verb: str) -> None:
    text = " ".join(part for part in (thing.capitalize(), time, verb) if part)
    assert not english_enough(text)
    assert analyze(text, TODAY).specific is None


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ENGLISH_GOALS), st.sampled_from(NAMES))
def test_an_english_goal_naming_a_foreign_person_or_place_is_still_judged(
    text: str, name: str
) -> None:
    words = text.split()
    with_name = " ".join([*words[:-1], "with", name, *words[-1:]]) if words else name
    assert english_enough(with_name), with_name


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_a_verdict_on_text_it_does_not_read_as_english(text: str) -> None:
    analysis = analyze(text, TODAY)
    if not english_enough(text):
        assert analysis.english is False
        assert analysis.hints == () and analysis.rewrite is None
        assert {analysis.specific, analysis.measurable, analysis.attainable} == {None}
    else:
        assert analysis.english is True
