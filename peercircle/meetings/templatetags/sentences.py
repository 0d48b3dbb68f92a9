"""Sentences built around what people typed: "…push back?" must not become "…push back?."."""

from django import template

register = template.Library()

ENDINGS = (".", "?", "!", "…")


@register.filter
def full_stop(text: str) -> str:
    """The text as the end of a sentence: a period added unless it already ends one."""
    text = str(text).rstrip()
    return text if not text or text.endswith(ENDINGS) else text + "."
