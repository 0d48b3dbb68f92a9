"""Form inputs that follow the site's conventions (24-hour times, as every page shows them)."""

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.datastructures import MultiValueDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _


class DateTime24Widget(forms.SplitDateTimeWidget):
    """A date picker and a 24-hour "HH:MM" time box.

    The browser's own time picker follows the device's locale (often 12-hour with AM/PM), so
    the time is a plain text box with a pattern instead. A single ISO value under the field's
    own name ("2031-05-08T18:00") is still read, for scripts and older forms.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        # The names are lazy: a form's widgets are built once, at import, in no language.
        date_attrs: dict[str, Any] = {"type": "date", "aria-label": _("Date")}
        time_attrs: dict[str, Any] = {
            "aria-label": _("Time (24-hour, HH:MM)"),
            "inputmode": "numeric",
            "pattern": "([01][0-9]|2[0-3]):[0-5][0-9]",
            "placeholder": "HH:MM",
            "size": "5",
        }
        super().__init__(
            attrs,
            date_format="%Y-%m-%d",
            time_format="%H:%M",
            date_attrs=date_attrs,
            time_attrs=time_attrs,
        )

    def value_from_datadict(self, data: Any, files: MultiValueDict, name: str) -> Any:
        if name in data:
            date, _, time = str(data[name]).partition("T")
            return [date, time]
        return super().value_from_datadict(data, files, name)


class DateTime24Field(forms.SplitDateTimeField):
    widget = DateTime24Widget


class LongSelect(forms.Select):
    """A <select> for a long, fixed list (time zones): its options are joined as strings in
    Python instead of rendering a template per option (430 of them cost 100 ms a page)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self._options: list[tuple[str, list[tuple[str, str]]]] | None = None

    def _grouped_options(self) -> list[tuple[str, list[tuple[str, str]]]]:
        if self._options is None:
            self._options = self._escaped_choices()
        return self._options

    def _escaped_choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        for group, items in self.choices:
            if not isinstance(items, list | tuple):  # a flat (value, label) choice
                items, group = [(group, items)], ""
            options = [(str(value), str(escape(str(label)))) for value, label in items]
            groups.append((str(group), options))
        return groups

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        selected = "" if value is None else str(value)
        parts = []
        offered = any(v == selected for _, items in self._grouped_options() for v, _ in items)
        if selected and not offered:
            # A value no longer offered (a renamed zone) stays visible and selected, so saving
            # the form asks for a new choice instead of silently taking the first option.
            parts.append(f'<option value="{escape(selected)}" selected>{escape(selected)}</option>')
        for group, items in self._grouped_options():
            options = "".join(
                f'<option value="{escape(v)}"{" selected" * (v == selected)}>{label}</option>'
                for v, label in items
            )
            parts.append(
                f'<optgroup label="{escape(group)}">{options}</optgroup>' if group else options
            )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return mark_safe(f"<select{flatatt(final_attrs)}>{''.join(parts)}</select>")  # noqa: S308
