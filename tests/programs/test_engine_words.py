"""The formation engine's English sentences, said again in the reader's language."""

import pytest
from django.utils import translation

from peercircle.formation import Group, Person, Settings, explain, violations
from peercircle.programs.engine_words import progress_note, translated
from peercircle.programs.formation_adapter import in_words

SETTINGS = Settings(min_size=2, max_size=2, target_size=2)


def _person(pid: str, lab: str, slots: set[str]) -> Person:
    return Person(pid, "bio", lab, "postdoc", frozenset(slots))


# p3 shares p1's lab and group 1 is full; p4 gave no slot; p5 and p6 could start a group on
# Tuesday; p7 is alone on Wednesday: between them every kind of reason the engine gives.
PEOPLE = {
    "p1": _person("p1", "L1", {"mon"}),
    "p2": _person("p2", "L2", {"mon"}),
    "p3": _person("p3", "L1", {"mon"}),
    "p4": _person("p4", "L3", set()),
    "p5": _person("p5", "L4", {"tue"}),
    "p6": _person("p6", "L5", {"tue"}),
    "p7": _person("p7", "L6", {"wed"}),
}


def engine_sentences() -> list[str]:
    """Sentences the engine itself wrote: reasons, fixes and the rules a grouping breaks."""
    unplaced = explain([Group(1, "mon", ("p1", "p2"))], PEOPLE, SETTINGS)
    found = [u.reason for u in unplaced] + [u.fix for u in unplaced if u.fix]
    found += violations([Group(1, "mon", ("p1", "p3", "p4"))], PEOPLE, SETTINGS)
    return found


def test_the_cases_give_every_kind_of_sentence() -> None:
    starts = {sentence.split(" ")[0] for sentence in engine_sentences()}
    assert starts >= {"every", "they", "no", "start", "group", "p4", "p1"}


@pytest.mark.parametrize("language", ["es", "de"])
def test_every_engine_sentence_is_translated_and_keeps_its_values(language: str) -> None:
    for sentence in engine_sentences():
        with translation.override(language):
            said = translated(sentence)
        assert said != sentence, sentence
        for value in ("p1", "p3", "p4", "p5", "p6", "L1", "mon", "tue", "wed"):
            assert (value in said) == (value in sentence), (said, value)


def test_english_readers_get_the_engines_words_unchanged() -> None:
    with translation.override("en"):
        assert [translated(s) for s in engine_sentences()] == engine_sentences()


def test_a_sentence_of_an_unknown_shape_is_left_as_it_is() -> None:
    with translation.override("de"):
        assert translated("the engine learned a new sentence") == (
            "the engine learned a new sentence"
        )


def test_names_replace_ids_after_translation() -> None:
    sentence = "p1 and p3 in group 1 share lab L1"
    with translation.override("es"):
        said = in_words(sentence, {1: "Ana Ruiz", 3: "Bea Sanz"})
    assert said == "Ana Ruiz y Bea Sanz del grupo 1 comparten el laboratorio L1"


def test_progress_notes_and_a_failed_background_publish_are_translated() -> None:
    with translation.override("de"):
        assert progress_note("everyone: dealing groups") == "alle: Gruppen werden gebildet"
        assert progress_note("postdoc: spreading departments") == (
            "postdoc: Fachbereiche werden verteilt"
        )
        assert progress_note("Not published: There are no groups to publish.") == (
            "Nicht veröffentlicht: Es gibt keine Gruppen zu veröffentlichen."
        )
