from django import forms

from peercircle.accounts.models import User
from peercircle.groups.models import Group
from peercircle.lib.widgets import DateTime24Field


class MeetingForm(forms.Form):
    """Date and time are read in the signed-in person's time zone (the active one)."""

    starts_at = DateTime24Field(
        label="Starts at", help_text="Date, then the time as HH:MM (24-hour)."
    )
    duration_minutes = forms.IntegerField(label="Length (minutes)", min_value=15, max_value=480)
    location = forms.CharField(label="Place or video link", max_length=200, required=False)
    host = forms.ModelChoiceField(
        label="Host (keeps time)", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, group: Group, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = User.objects.filter(memberships__group=group)  # type: ignore[attr-defined]
