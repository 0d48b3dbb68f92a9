"""Single-line text refuses control characters; dates outside their window are form errors."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from peercircle.lib.text import (
    SingleLineField,
    TextField,
    WindowDateField,
    one_line,
    validate_single_line,
)


@pytest.mark.parametrize(
    "value", ["a\nb", "a\rb", "a\x00b", "a\tb", "a\x1bb", "a\x7fb", "a\x85b", "a\u2028b"]
)
def test_single_line_refuses_every_control_character(value: str) -> None:
    with pytest.raises(ValidationError, match="one line"):
        validate_single_line(value)

    assert SingleLineField(required=False).widget.input_type == "text"


@pytest.mark.parametrize("value", ["Café Ünïcode", "עברית and English", "<b>markup</b> & co"])
def test_single_line_keeps_ordinary_text_of_any_script(value: str) -> None:
    assert SingleLineField().clean(value) == value


def test_text_boxes_keep_line_breaks_and_tabs_but_not_other_controls() -> None:
    assert TextField().clean("one\r\ntwo\tthree") == "one\r\ntwo\tthree"
    with pytest.raises(ValidationError, match="control character"):
        TextField().clean("one\x1btwo")


def test_one_line_turns_controls_into_single_spaces() -> None:
    assert one_line("Alpha\r\nCircle\x00\u2028 two") == "Alpha Circle two"


def test_a_date_outside_its_window_is_a_form_error(now: datetime) -> None:
    field = WindowDateField(past=timedelta(days=10), ahead=timedelta(days=20))
    assert field.clean("2026-06-30") == date(2026, 6, 30)
    for value in ["9999-12-31", "0001-01-01", "2026-05-30", "2026-07-01"]:
        with pytest.raises(ValidationError, match="between 2026-05-31 and 2026-06-30"):
            field.clean(value)
    worded = WindowDateField(ahead=timedelta(days=1), message="Pick a date in the past year.")
    with pytest.raises(ValidationError, match="past year"):
        worded.clean("9999-12-31")
