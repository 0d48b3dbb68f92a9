from datetime import time
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.mail.kinds import optional_kinds
from peercircle.mail.models import Delivery, MailPreference


class PreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Mails you get"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Invitations and account mails always come: you need them to take part."),
    )
    delivery = forms.ChoiceField(
        label=_("How they come"), choices=Delivery.choices, widget=forms.RadioSelect
    )
    reminder_days = forms.IntegerField(
        label=_("Remind me of a meeting this many days before"), min_value=1, max_value=14
    )
    quiet_start = forms.TimeField(
        label=_("Quiet hours from"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_(
            "A mail due in your quiet hours waits until they end (your time zone). When you "
            "host a meeting that starts before they end, its day-of reminder comes just before "
            "your quiet hours begin the evening before; if the meeting was set too late for "
            "that, there is no reminder."
        ),
    )
    quiet_end = forms.TimeField(
        label=_("Quiet hours until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args: Any, preference: MailPreference, **kwargs: Any) -> None:
        kinds = optional_kinds()
        kwargs.setdefault(
            "initial",
            {
                "kinds": [k.name for k in kinds if k.name not in preference.disabled_kinds],
                "delivery": preference.delivery,
                "reminder_days": preference.reminder_days,
                "quiet_start": preference.quiet_start,
                "quiet_end": preference.quiet_end,
            },
        )
        super().__init__(*args, **kwargs)
        field = self.fields["kinds"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(k.name, k.label) for k in kinds]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: time | None = data.get("quiet_start")
        end: time | None = data.get("quiet_end")
        if (start is None) != (end is None):
            raise forms.ValidationError(gettext("Give both ends of your quiet hours, or neither."))
        if start is not None and start == end:
            self.add_error(
                "quiet_end", gettext("Quiet hours must end at a different time than they start.")
            )
        return data
