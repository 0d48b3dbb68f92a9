"""The footer's language menu: each language we ship, named in its own tongue."""

import contextlib

from django import template
from django.conf import settings
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag
def languages_by_own_name() -> list[tuple[str, str]]:
    """(code, name) for each of settings.LANGUAGES, the name as its speakers write it."""
    named = []
    for code, name in settings.LANGUAGES:
        # A language Django does not know keeps the name settings give it.
        with contextlib.suppress(KeyError):
            name = get_language_info(code)["name_local"]
        named.append((code, name[:1].upper() + name[1:]))
    return named
