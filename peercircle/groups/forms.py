from datetime import time, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import CareerStage, timezone_choices
from peercircle.groups.models import (
    Answer,
    Group,
    Membership,
    Nth,
    PlaceKind,
    Poll,
    PollOption,
    RecurrenceKind,
    Weekday,
)
from peercircle.lib.text import SingleLineField, TextField, WindowDateField
from peercircle.lib.widgets import CheckboxSelectMultiple, LongSelect, RadioSelect


class GroupForm(forms.ModelForm):
    video_url = forms.URLField(
        label=_("Video link (optional)"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Group
        fields = ["name", "cadence", "meeting_place", "video_url"]
        labels = {"meeting_place": _("Usual meeting place")}

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # The version the page showed travels back, so a stale tab's save is refused.
        self.fields["version"] = forms.IntegerField(
            required=False, widget=forms.HiddenInput, initial=self.instance.version
        )


# --- invitations and polls ---


def clean_text(value: str) -> str:
    if "\x00" in value:
        raise forms.ValidationError(gettext("This contains a character we cannot store."))
    return value.strip()


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    days = forms.IntegerField(
        label=_("Link valid for (days)"),
        min_value=1,
        max_value=60,
        initial=14,
        help_text=_("After this the link stops working; you can resend it."),
    )


# Presets from the seed: weekend brunch, weekday breakfast, weekday evening.
PRESETS = {
    "brunch": (_("weekend brunch"), [5, 6], time(10, 30)),
    "breakfast": (_("weekday breakfast"), [0, 1, 2, 3, 4], time(7, 30)),
    "evening": (_("weekday evening"), [0, 1, 2, 3, 4], time(18, 0)),
}
PRESET_CHOICES = [
    (
        f"{day}-{at:%H%M}",
        format_lazy(
            _("{day} {time} ({preset})"), day=Weekday(day).label, time=f"{at:%H:%M}", preset=label
        ),
    )
    for label, days, at in PRESETS.values()
    for day in days
]
CUSTOM_ROWS = 2
PLACE_ROWS = 3


class PollForm(forms.Form):
    question = SingleLineField(
        max_length=200, initial=_("When and where should we meet?"), label=_("Question")
    )
    deadline = WindowDateField(
        past=timedelta(days=0),
        ahead=timedelta(days=90),
        message=_("The deadline must be within the next 90 days."),
        label=_("Answers by"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="",
    )
    presets = forms.MultipleChoiceField(
        label=_("Times to offer"),
        choices=PRESET_CHOICES,
        required=False,
        widget=CheckboxSelectMultiple,
    )
    presets_nth = forms.TypedChoiceField(
        label=_("Which week, for the times above"),
        choices=Nth.choices,
        coerce=int,
        initial=Nth.EVERY,
        help_text=_("For example 2nd: “2nd Thursday 18:00”."),
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["deadline"].initial = timezone.localdate() + timedelta(days=7)
        for row in range(1, CUSTOM_ROWS + 1):
            self.fields[f"custom{row}_weekday"] = forms.TypedChoiceField(
                label=gettext("Other time %(row)s: day") % {"row": row},
                choices=[("", "—"), *Weekday.choices],
                coerce=int,
                required=False,
                empty_value=None,
            )
            self.fields[f"custom{row}_time"] = forms.TimeField(
                label=gettext("Other time %(row)s: time") % {"row": row},
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
            self.fields[f"custom{row}_nth"] = forms.TypedChoiceField(
                label=gettext("Other time %(row)s: which week") % {"row": row},
                choices=Nth.choices,
                coerce=int,
                initial=Nth.EVERY,
            )
        for row in range(1, PLACE_ROWS + 1):
            self.fields[f"place{row}_kind"] = forms.ChoiceField(
                label=gettext("Place %(row)s") % {"row": row},
                choices=[("", "—"), *PlaceKind.choices],
                required=False,
            )
            self.fields[f"place{row}_detail"] = SingleLineField(
                label=gettext("Place %(row)s: address or link") % {"row": row},
                max_length=200,
                required=False,
            )

    def clean_question(self) -> str:
        return clean_text(self.cleaned_data["question"])

    def clean(self) -> dict:
        data = super().clean() or {}
        for row in range(1, CUSTOM_ROWS + 1):
            day, at = data.get(f"custom{row}_weekday"), data.get(f"custom{row}_time")
            if (day is None) != (at is None):
                self.add_error(
                    f"custom{row}_time", gettext("Give both a day and a time, or neither.")
                )
        for row in range(1, PLACE_ROWS + 1):
            detail = data.get(f"place{row}_detail", "")
            if "\x00" in detail:
                self.add_error(
                    f"place{row}_detail", gettext("This contains a character we cannot store.")
                )
            if detail and not data.get(f"place{row}_kind"):
                self.add_error(f"place{row}_kind", gettext("Say what kind of place this is."))
        if not self.errors and not self.time_choices():
            raise forms.ValidationError(
                gettext("Offer at least one time: tick a preset or add one.")
            )
        return data

    def time_choices(self) -> list[tuple[int, time, int]]:
        data = self.cleaned_data
        found = []
        for value in data.get("presets", []):
            day, hhmm = value.split("-")
            found.append((int(day), time(int(hhmm[:2]), int(hhmm[2:])), data["presets_nth"]))
        for row in range(1, CUSTOM_ROWS + 1):
            day, at = data.get(f"custom{row}_weekday"), data.get(f"custom{row}_time")
            if day is not None and at is not None:
                found.append((day, at, data.get(f"custom{row}_nth", 0)))
        return found

    def place_choices(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            (data[f"place{row}_kind"], data.get(f"place{row}_detail", ""))
            for row in range(1, PLACE_ROWS + 1)
            if data.get(f"place{row}_kind")
        ]


class PollAnswerForm(forms.Form):
    """One yes / if need be / no radio group per option."""

    def __init__(  # type: ignore[no-untyped-def]
        self,
        *args,
        poll: Poll,
        initial_answers: dict[int, str],
        options: list[PollOption] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        # `options`: the poll's options when the page has read them already.
        self.options = list(poll.options.all()) if options is None else options
        for option in self.options:
            self.fields[f"option_{option.pk}"] = forms.ChoiceField(
                label=option.label,
                choices=Answer.choices,
                widget=RadioSelect,
                initial=initial_answers.get(option.pk),
                error_messages={"required": gettext("Answer this one too.")},
            )

    def answers(self) -> dict[int, str]:
        return {o.pk: self.cleaned_data[f"option_{o.pk}"] for o in self.options}


class AdoptForm(forms.Form):
    time_option = forms.TypedChoiceField(label=_("Time"), coerce=int, widget=RadioSelect)
    place_option = forms.TypedChoiceField(
        label=_("Place"), coerce=int, required=False, empty_value=None, widget=RadioSelect
    )
    kind = forms.ChoiceField(
        label=_("How often"),
        choices=[c for c in RecurrenceKind.choices if c[0] != RecurrenceKind.CUSTOM],
        initial=RecurrenceKind.MONTHLY_NTH,
    )
    confirmed = forms.BooleanField(
        label=_("Adopt it even though some members answered no"), required=False
    )

    def __init__(  # type: ignore[no-untyped-def]
        self, *args, poll: Poll, options: list[PollOption] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        options = list(poll.options.all()) if options is None else options
        self.fields["time_option"].choices = [(o.pk, o.label) for o in options if o.kind == "time"]  # type: ignore[attr-defined]
        self.fields["place_option"].choices = [  # type: ignore[attr-defined]
            (o.pk, o.label) for o in options if o.kind == "place"
        ]


class StartGroupForm(forms.Form):
    """A person starts their own group, with no program behind it."""

    name = SingleLineField(max_length=80, help_text=_("Members tell their groups apart by name."))
    purpose = TextField(
        label=_("What the group is for"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A sentence or two, for the people you invite."),
    )
    stages = forms.MultipleChoiceField(
        label=_("Career stages welcome"),
        choices=CareerStage.choices,
        required=False,
        widget=CheckboxSelectMultiple,
        help_text=_("Leave all unticked to welcome every stage."),
    )
    timezone = forms.ChoiceField(
        label=_("The group's time zone"), choices=timezone_choices, widget=LongSelect
    )
    agreement_text = TextField(
        label=_("Ground rules"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("One rule a line. Every member accepts them when joining."),
    )


class AgreementForm(forms.Form):
    text = TextField(
        label=_("Ground rules"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One rule a line. The first line opens every meeting's roundtable."),
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AcceptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.user.name)


class HandOverForm(forms.Form):
    to = MemberChoiceField(label=_("New organizer"), queryset=Membership.objects.none())
    step_down = forms.BooleanField(
        label=_("Step down to member myself"), required=False, initial=True
    )

    def __init__(self, *args: Any, memberships: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, MemberChoiceField)
        field.queryset = memberships
