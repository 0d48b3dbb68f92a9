"""Form inputs that follow the site's conventions (24-hour times, as every page shows them)."""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import CallableChoiceIterator
from django.utils.datastructures import MultiValueDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
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
    Python instead of rendering a template per option (430 of them cost 100 ms a page).

    Callable choices (`choices=timezone_choices`) are taken to be a fixed list: their options
    are escaped and joined once per process and language, and each render only marks the
    selected one.
    """

    keeps_unknown = True  # a value not offered is shown, selected (see render)

    def _options_html(self) -> str:
        choices = self.choices
        if isinstance(choices, CallableChoiceIterator):
            key = (id(choices.func), get_language() or "")
            cached = _FIXED_OPTIONS.get(key)
            if cached is None or cached[0] is not choices.func:
                cached = _FIXED_OPTIONS[key] = (choices.func, self._join(self.choices))
            return cached[1]
        return self._join(self.choices)

    def use_required_attribute(self, initial: Any) -> bool:
        # Django's reads the first choice through the whole list normalised (every zone, on
        # every render); a fixed list's first entry is all the rule looks at.
        choices = self.choices
        if not isinstance(choices, CallableChoiceIterator):
            return bool(super().use_required_attribute(initial))
        first = next(iter(choices.func()), None)
        # Django's rule: `required` only when the first option is an empty one.
        return bool(
            forms.Widget.use_required_attribute(self, initial)
            and first is not None
            and first[0] in (None, "")
        )

    @staticmethod
    def _join(choices: Iterable[Any]) -> str:
        parts = []
        for group, items in choices:
            if not isinstance(items, list | tuple):  # a flat (value, label) choice
                items, group = [(group, items)], ""
            options = "".join(
                f'<option value="{escape(str(value))}">{escape(str(label))}</option>'
                for value, label in items
            )
            parts.append(
                f'<optgroup label="{escape(str(group))}">{options}</optgroup>' if group else options
            )
        return "".join(parts)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        selected = "" if value is None else str(value)
        options = self._options_html()
        unselected = f'<option value="{escape(selected)}">'
        if selected and unselected in options:
            options = options.replace(unselected, unselected[:-1] + " selected>", 1)
        elif selected and self.keeps_unknown:
            # A value no longer offered (a renamed zone) stays visible and selected, so saving
            # the form asks for a new choice instead of silently taking the first option.
            options = f"{unselected[:-1]} selected>{escape(selected)}</option>{options}"
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")  # noqa: S308


# (id of the choices callable, language) -> (the callable, its options as HTML).
_FIXED_OPTIONS: dict[tuple[int, str], tuple[Callable[[], Any], str]] = {}


def input_html(widget: dict[str, Any]) -> SafeString:
    """An option's <input>, as Django's input.html template writes it, joined in Python."""
    value = widget.get("value")
    shown = "" if value is None else f' value="{escape(str(value))}"'
    attrs = "".join(
        f" {escape(key)}" if attr is True else f' {escape(key)}="{escape(str(attr))}"'
        for key, attr in widget["attrs"].items()
        if attr is not False
    )
    return mark_safe(  # noqa: S308 (every part is escaped above)
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{shown}{attrs}>'
    )


class PlainOptions:
    """Radio and checkbox lists whose options' <input> tags are written in Python: a page
    with a radio group per poll option rendered two templates per radio (a quarter of the
    poll page). The output is the same; a label wrapped by Django's own template still goes
    through it."""

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> Any:
        widget = context.get("widget", {})
        option = getattr(self, "option_template_name", None)
        if template_name == option and not widget.get("wrap_label"):
            return input_html(widget)
        return super()._render(template_name, context, renderer)  # type: ignore[misc]


class RadioSelect(PlainOptions, forms.RadioSelect):
    pass


class CheckboxSelectMultiple(PlainOptions, forms.CheckboxSelectMultiple):
    pass


class PlainInput:
    """A text-like <input> written in Python, as Django's input.html template writes it: a
    form of seven fields spent more on widget templates than on everything else it does."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return input_html(self.get_context(name, value, attrs)["widget"])  # type: ignore[attr-defined]


class TextInput(PlainInput, forms.TextInput):
    pass


class PasswordInput(PlainInput, forms.PasswordInput):
    pass


class Select(LongSelect):
    """A short <select> whose options are joined in Python (LongSelect, choices as given).
    As Django's, it selects nothing for a value it does not offer."""

    keeps_unknown = False
