import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import timezone

from peercircle.lib.widgets import (
    CheckboxSelectMultiple,
    DateTime24Field,
    LongSelect,
    PasswordInput,
    RadioSelect,
    Select,
    TextInput,
)


class WhenForm(forms.Form):
    when = DateTime24Field()


def test_time_is_a_24_hour_box_not_the_locale_dependent_picker() -> None:
    html = str(WhenForm()["when"])
    assert 'type="date"' in html and 'placeholder="HH:MM"' in html
    assert 'type="time"' not in html and "datetime-local" not in html


def test_date_and_24_hour_time_are_read_in_the_active_zone() -> None:
    with timezone.override(ZoneInfo("Europe/Berlin")):
        form = WhenForm({"when_0": "2031-05-08", "when_1": "18:30"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == datetime(
        2031, 5, 8, 18, 30, tzinfo=ZoneInfo("Europe/Berlin")
    )


def test_a_12_hour_time_is_refused_with_a_form_error() -> None:
    assert not WhenForm({"when_0": "2031-05-08", "when_1": "6:30 PM"}).is_valid()


def test_one_iso_value_is_still_read() -> None:
    form = WhenForm({"when": "2031-05-08T18:30"})
    assert form.is_valid(), form.errors


def test_a_saved_time_is_shown_as_24_hour() -> None:
    value = datetime(2031, 5, 8, 18, 30, tzinfo=ZoneInfo("UTC"))
    with timezone.override(ZoneInfo("UTC")):
        assert 'value="18:30"' in str(WhenForm(initial={"when": value})["when"])


class ZoneForm(forms.Form):
    zone = forms.ChoiceField(
        choices=[("Common", [("UTC", "UTC"), ("Europe/Paris", "Europe/Paris")]), ("x<y", "X & Y")],
        widget=LongSelect(),
        help_text="Pick one.",
    )


def test_long_select_renders_like_a_select_with_the_value_chosen() -> None:
    html = str(ZoneForm({"zone": "Europe/Paris"})["zone"])
    assert html.startswith("<select") and 'name="zone"' in html and 'id="id_zone"' in html
    assert 'aria-describedby="id_zone_helptext"' in html
    assert '<optgroup label="Common"><option value="UTC">UTC</option>' in html
    assert '<option value="Europe/Paris" selected>' in html
    assert '<option value="x&lt;y">X &amp; Y</option>' in html


def zones() -> list[tuple[str, list[tuple[str, str]]]]:
    return [("Common", [("UTC", "UTC"), ("Europe/Paris", "Europe/Paris")]), ("Rest", [])]


class FixedZoneForm(forms.Form):
    zone = forms.ChoiceField(choices=zones, widget=LongSelect())


def test_long_select_with_a_fixed_list_marks_only_this_forms_value() -> None:
    """The options of a callable list are joined once; each form still shows its own value."""
    first = str(FixedZoneForm({"zone": "Europe/Paris"})["zone"])
    second = str(FixedZoneForm({"zone": "UTC"})["zone"])
    assert '<option value="Europe/Paris" selected>' in first
    assert '<option value="UTC">' in first
    assert '<option value="UTC" selected>' in second
    assert '<option value="Europe/Paris">' in second
    assert second.count(" selected") == 1


def test_long_select_keeps_a_value_no_longer_offered_selected() -> None:
    html = str(FixedZoneForm({"zone": "Asia/Calcutta"})["zone"])
    assert '<option value="Asia/Calcutta" selected>Asia/Calcutta</option>' in html
    assert html.count(" selected") == 1


class Choices(forms.Form):
    answer = forms.ChoiceField(
        choices=[("yes", "Yes"), ("maybe", "If need be"), ('"no"', "No <never>")],
        widget=forms.RadioSelect,
        help_text="Pick one.",
    )
    people = forms.MultipleChoiceField(
        choices=[("1", "Ann"), ("2", "Bo")], widget=forms.CheckboxSelectMultiple, required=False
    )


class PlainChoices(Choices):
    answer = forms.ChoiceField(
        choices=Choices.base_fields["answer"].choices,  # type: ignore[attr-defined]
        widget=RadioSelect,
        help_text="Pick one.",
    )
    people = forms.MultipleChoiceField(
        choices=[("1", "Ann"), ("2", "Bo")], widget=CheckboxSelectMultiple, required=False
    )


@pytest.mark.parametrize("data", [{}, {"answer": '"no"', "people": ["2"]}, {"answer": "bad"}])
def test_plain_options_write_the_same_inputs_as_django_templates(data: dict[str, Any]) -> None:
    """Each option's tag and the whole widget match Django's own rendering, checked or not,
    with errors or not."""
    for name in ("answer", "people"):
        django_field = Choices(data or None)[name]
        plain_field = PlainChoices(data or None)[name]
        assert [c.tag() for c in plain_field] == [c.tag() for c in django_field]
        assert str(plain_field) == str(django_field)
    assert 'value="&quot;no&quot;"' in PlainChoices(data or None)["answer"][2].tag()


class DjangoInputs(forms.Form):
    name = forms.CharField(max_length=20, help_text="Yours.")
    secret = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "off"}))
    stage = forms.ChoiceField(choices=[("a", "A & co"), ("b", '"B"')])


class PlainInputs(forms.Form):
    name = forms.CharField(max_length=20, help_text="Yours.", widget=TextInput)
    secret = forms.CharField(widget=PasswordInput(attrs={"autocomplete": "off"}))
    stage = forms.ChoiceField(choices=[("a", "A & co"), ("b", '"B"')], widget=Select)


@pytest.mark.parametrize(
    "data", [None, {"name": 'Ann "A" <b>', "secret": "x", "stage": "b"}, {"stage": "zzz"}]
)
def test_plain_inputs_and_selects_write_what_django_templates_write(
    data: dict[str, Any] | None,
) -> None:
    def same(html: str) -> list[str]:  # the same tags and attributes, in any order
        return sorted(
            " ".join(sorted(tag.split()))
            for tag in re.findall(r"<([^>]+)>", html.replace("\n", ""))
        )

    for name in ("name", "secret", "stage"):
        assert same(str(PlainInputs(data)[name])) == same(str(DjangoInputs(data)[name]))
    assert "zzz" not in str(PlainInputs({"stage": "zzz"})["stage"])  # nothing made up
