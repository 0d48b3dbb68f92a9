"""What people may type: single-line text without control characters, dates in a sane window.

A line break in a group's name once reached a calendar file, where it broke every feed of
the group; a NUL cannot be stored by PostgreSQL at all. Single-line fields refuse every C0
and C1 control character (line breaks, tabs, NUL, ESC, NEL) and the Unicode line and
paragraph separators; multi-line fields keep line breaks and tabs but refuse the rest.
Both checks are plain validators, so forms and model fields share them.
"""

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The same, but a text box's line breaks and tabs are what people type.
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

SINGLE_LINE_MESSAGE = _("Keep this on one line, without line breaks or control characters.")
TEXT_MESSAGE = _("This text contains a control character: remove it and try again.")


def validate_single_line(value: str) -> None:
    if _CONTROL.search(value):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="control_characters")


def validate_text(value: str) -> None:
    if _CONTROL_IN_TEXT.search(value):
        raise ValidationError(TEXT_MESSAGE, code="control_characters")


def one_line(value: str) -> str:
    """`value` with every control character replaced by a space, for output that must be one
    line whatever the database holds (calendar properties, mail headers)."""
    return " ".join(_CONTROL.sub(" ", value).split())


class SingleLineField(forms.CharField):
    """A text input that refuses control characters (and strips, like every CharField)."""

    default_validators = [validate_single_line]


class TextField(forms.CharField):
    """A text box: line breaks allowed, other control characters refused."""

    default_validators = [validate_text]


# A date nobody means (year 1 or 9999) overflows date arithmetic further on; forms refuse
# dates outside this window around today with a sentence instead.
DATE_PAST = timedelta(days=5 * 366)
DATE_AHEAD = timedelta(days=10 * 366)


class WindowDateField(forms.DateField):
    """A date between `past` before and `ahead` after today (both timedeltas); `message`
    says so in the field's own words."""

    def __init__(
        self,
        *,
        past: timedelta = DATE_PAST,
        ahead: timedelta = DATE_AHEAD,
        message: "StrOrPromise" = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.past, self.ahead, self.message = past, ahead, message  # lazy: translated when shown

    def validate(self, value: date | None) -> None:
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        first, last = today - self.past, today + self.ahead
        if not first <= value <= last:
            message = self.message or gettext("Choose a date between %(first)s and %(last)s.") % {
                "first": f"{first:%Y-%m-%d}",
                "last": f"{last:%Y-%m-%d}",
            }
            raise ValidationError(message, code="date_window")
