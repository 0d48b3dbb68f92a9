"""Form inputs that follow the site's conventions (24-hour times, as every page shows them)."""

from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict


class DateTime24Widget(forms.SplitDateTimeWidget):
    """A date picker and a 24-hour "HH:MM" time box.

    The browser's own time picker follows the device's locale (often 12-hour with AM/PM), so
    the time is a plain text box with a pattern instead. A single ISO value under the field's
    own name ("2031-05-08T18:00") is still read, for scripts and older forms.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs,
            date_format="%Y-%m-%d",
            time_format="%H:%M",
            date_attrs={"type": "date", "aria-label": "Date"},
            time_attrs={
                "aria-label": "Time (24-hour, HH:MM)",
                "inputmode": "numeric",
                "pattern": "([01][0-9]|2[0-3]):[0-5][0-9]",
                "placeholder": "HH:MM",
                "size": "5",
            },
        )

    def value_from_datadict(self, data: Any, files: MultiValueDict, name: str) -> Any:
        if name in data:
            date, _, time = str(data[name]).partition("T")
            return [date, time]
        return super().value_from_datadict(data, files, name)


class DateTime24Field(forms.SplitDateTimeField):
    widget = DateTime24Widget
