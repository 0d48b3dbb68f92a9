from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError

from peercircle.accounts.models import User
from peercircle.groups.models import Group
from peercircle.meetings.models import validate_start


class MeetingForm(forms.Form):
    """Date and time are read in the signed-in person's time zone (the active one)."""

    starts_at = forms.DateTimeField(
        label="Starts at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    duration_minutes = forms.IntegerField(label="Length (minutes)", min_value=15, max_value=480)
    location = forms.CharField(label="Place or video link", max_length=200, required=False)
    host = forms.ModelChoiceField(
        label="Host (keeps time)", queryset=User.objects.none(), required=False
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
