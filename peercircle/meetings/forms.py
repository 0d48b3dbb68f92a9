from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import User, timezone_choices
from peercircle.groups.forms import clean_text
from peercircle.groups.models import Group, Nth, RecurrenceKind, Weekday
from peercircle.lib.text import SingleLineField, TextField, WindowDateField
from peercircle.lib.widgets import CheckboxSelectMultiple, DateTime24Field, LongSelect, RadioSelect
from peercircle.meetings.models import (
    DEFAULT_ASK_MINUTES,
    MAX_ASK_MINUTES,
    NOTES_MAX,
    TOPIC_MAX,
    Outcome,
    Response,
    RsvpAnswer,
    validate_start,
)


class MeetingForm(forms.Form):
    """Date and time are read in the signed-in person's time zone (the active one)."""

    starts_at = DateTime24Field(
        label=_("Starts at"), help_text=_("Date, then the time as HH:MM (24-hour).")
    )
    duration_minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=480)
    location = SingleLineField(label=_("Place or video link"), max_length=200, required=False)
    host = forms.ModelChoiceField(
        label=_("Host (keeps time)"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, group: Group, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = User.objects.filter(memberships__group=group)  # type: ignore[attr-defined]

    def clean_starts_at(self) -> datetime:
        value: datetime = self.cleaned_data["starts_at"]
        try:
            validate_start(value)
        except ValidationError as error:
            raise ValidationError(error.message_dict["starts_at"]) from None
        return value


# --- the meeting itself: check-in, agenda, the live run, notes ---


class CheckInForm(forms.Form):
    """The roundtable in advance: what you need today, in under two minutes on a phone."""

    response = forms.ChoiceField(
        label=_("What kind of response do you want?"),
        choices=Response.choices,
        widget=RadioSelect,
        initial=Response.FEEDBACK,
    )
    minutes = forms.IntegerField(
        label=_("Minutes you would like"),
        min_value=1,
        max_value=MAX_ASK_MINUTES,
        initial=DEFAULT_ASK_MINUTES,
        required=False,
        help_text=format_lazy(
            _("Up to {max}. When time is short, slots shrink fairly."), max=MAX_ASK_MINUTES
        ),
    )
    topic = SingleLineField(
        label=_("Your topic, in one line"), max_length=TOPIC_MAX, required=False
    )
    notes = TextField(
        label=_("Notes for the group (optional)"),
        max_length=NOTES_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    success = SingleLineField(
        label=_("A success to share (optional)"), max_length=TOPIC_MAX, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("topic", "notes", "success"):
            if "\x00" in data.get(name, ""):
                self.add_error(
                    name, gettext("This text contains a character that cannot be stored.")
                )
        if data.get("response") == Response.PASS:
            data["minutes"] = 0
        elif data.get("minutes") is None and "minutes" not in self.errors:
            self.add_error(
                "minutes", gettext("Say how many minutes you would like, or pass this time.")
            )
        return data


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Who is here?"),
        coerce=int,
        required=False,
        widget=CheckboxSelectMultiple,
    )

    def __init__(self, *args, members: list[User], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(u.pk, u.name) for u in members]  # type: ignore[attr-defined]


class CommentsForm(forms.Form):
    commenters = forms.TypedMultipleChoiceField(
        label=_("Who commented?"), coerce=int, required=False, widget=CheckboxSelectMultiple
    )

    def __init__(self, *args, members: list[User], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["commenters"].choices = [(u.pk, u.name) for u in members]  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    text = TextField(
        label=_("Note"), max_length=NOTES_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    shared = forms.BooleanField(
        label=_("Share with the group (untick to keep it to yourself)"),
        required=False,
        initial=True,
    )
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if "\x00" in text:
            raise forms.ValidationError(
                gettext("This text contains a character that cannot be stored.")
            )
        return text


class ControlForm(forms.Form):
    command = forms.ChoiceField(
        choices=[(c, c) for c in ("start", "pause", "add", "next", "back", "finish")]
    )
    version = forms.IntegerField(min_value=0)
    outcome = forms.ChoiceField(choices=[("", ""), *Outcome.choices], required=False)
    absorb = forms.IntegerField(required=False)


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("How often"), choices=RecurrenceKind.choices)
    weekday = forms.TypedChoiceField(label=_("Day"), choices=Weekday.choices, coerce=int)
    nth = forms.TypedChoiceField(
        label=_("Which week of the month (monthly only)"),
        choices=[c for c in Nth.choices if c[0] != Nth.EVERY],
        coerce=int,
        initial=Nth.SECOND,
    )
    rrule = SingleLineField(
        label=_("Custom rule (RRULE)"),
        required=False,
        max_length=200,
        help_text=_("Only for a custom rule, e.g. FREQ=MONTHLY;BYDAY=-1FR (last Friday)."),
    )
    start_date = WindowDateField(
        past=timedelta(days=366),
        ahead=timedelta(days=2 * 366),
        label=_("First day"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    start_time = forms.TimeField(
        label=_("Start time (local)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=15, max_value=480, initial=90
    )
    timezone = forms.ChoiceField(label=_("Time zone"), choices=timezone_choices, widget=LongSelect)
    place = SingleLineField(label=_("Place"), max_length=200, required=False)
    video_url = forms.URLField(
        label=_("Video link (optional)"), required=False, assume_scheme="https"
    )

    def clean_rrule(self) -> str:
        return clean_text(self.cleaned_data["rrule"])

    def clean_place(self) -> str:
        return clean_text(self.cleaned_data["place"])


class MoveForm(forms.Form):
    """A new time for one meeting, read in the group's zone (the view activates it)."""

    starts_at = forms.DateTimeField(
        label=_("New date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    location = SingleLineField(label=_("Place"), max_length=200, required=False)
    video_url = forms.URLField(
        label=_("Video link (optional)"), required=False, assume_scheme="https"
    )

    def clean_starts_at(self) -> datetime:
        value: datetime = self.cleaned_data["starts_at"]
        try:
            validate_start(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["starts_at"]) from None
        return value

    def clean_location(self) -> str:
        return clean_text(self.cleaned_data["location"])


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Are you coming?"), choices=RsvpAnswer.choices, widget=RadioSelect
    )
    note = SingleLineField(label=_("Note for the group (optional)"), max_length=140, required=False)

    def clean_note(self) -> str:
        return clean_text(self.cleaned_data["note"])
