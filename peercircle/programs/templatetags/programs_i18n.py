"""Words the programs app computes, in the reader's language: the formation engine's notes
(see `programs.engine_words`) and the outcome report's row and column keys."""

from django import template

from peercircle.programs.engine_words import progress_note, translated
from peercircle.programs.report.present import key_words

register = template.Library()


@register.filter
def engine_text(text: str) -> str:
    """A run's note from the engine (progress or status), translated when its shape is known."""
    return translated(progress_note(text))


@register.filter
def report_key(key: str) -> str:
    """A row or column key of the outcome report in words (data such as departments as is)."""
    return key_words(key)
