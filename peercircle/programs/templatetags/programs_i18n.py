"""The formation engine's notes in the reader's language (see `programs.engine_words`)."""

from django import template

from peercircle.programs.engine_words import progress_note, translated

register = template.Library()


@register.filter
def engine_text(text: str) -> str:
    """A run's note from the engine (progress or status), translated when its shape is known."""
    return translated(progress_note(text))
