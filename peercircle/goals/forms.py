from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import User
from peercircle.goals.models import (
    GOAL_MAX_CHARS,
    LONG_TERM_MAX_CHARS,
    NOTE_MAX_CHARS,
    REVIEW_STATUSES,
    SUCCESS_MAX_CHARS,
    LongTermGoal,
    LongTermStatus,
)
from peercircle.lib.text import SingleLineField, TextField, WindowDateField
from peercircle.lib.widgets import RadioSelect

DATE_WIDGET = {"type": "date"}


class GoalForm(forms.Form):
    text = TextField(
        label=_("Your goal"),
        max_length=GOAL_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you will do, to what, and by when. Hints appear as you type."),
    )
    due_on = WindowDateField(
        past=timedelta(days=366),
        ahead=timedelta(days=3 * 366),
        message=_("Pick a due date within the next three years (or the past year)."),
        label=_("Due"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
    )
    long_term = forms.ModelChoiceField(
        label=_("Serves this long-term goal"),
        queryset=LongTermGoal.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    private = forms.BooleanField(
        label=_("Private: only I see the text; the group sees “1 private goal”"),
        required=False,
    )

    def __init__(self, *args, owner: User, due_help: str = "", **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        field = self.fields["long_term"]
        field.queryset = LongTermGoal.objects.filter(owner=owner)  # type: ignore[attr-defined]
        self.fields["due_on"].help_text = due_help


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How did it go?"),
        choices=[(s.value, s.label) for s in REVIEW_STATUSES],
        widget=RadioSelect,
    )
    note = SingleLineField(
        label=_("One-line note (optional)"), max_length=NOTE_MAX_CHARS, required=False
    )


class LongTermForm(forms.Form):
    text = SingleLineField(label=_("Long-term goal"), max_length=LONG_TERM_MAX_CHARS)
    target_year = forms.IntegerField(label=_("Target year"), min_value=1, max_value=9999)


class LongTermEditForm(LongTermForm):
    status = forms.ChoiceField(label=_("Status"), choices=LongTermStatus.choices)


class SuccessForm(forms.Form):
    text = SingleLineField(label=_("What went well?"), max_length=SUCCESS_MAX_CHARS)
    happened_on = WindowDateField(
        past=timedelta(days=366),
        ahead=timedelta(days=1),
        message=_("Pick a date in the past year."),
        label=_("When"),
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
    )
