from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from peercircle.lib.widgets import DateTime24Field, LongSelect


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
