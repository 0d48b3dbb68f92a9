"""The pure modules' sentences (recurrence.py, agenda.py) in the reader's language.

Those modules stay free of Django and speak English; they mark their sentences with a
local `gettext_noop` so the catalogues hold them, and hand over the template and its
values. This is where the Django side says them in the active language.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from peercircle.meetings import recurrence
from peercircle.meetings.agenda import Explanation

# A weekday inside a sentence ("every other Thursday"): Spanish writes it in lower case.
WEEKDAYS = (
    pgettext_lazy("in a sentence", "Monday"),
    pgettext_lazy("in a sentence", "Tuesday"),
    pgettext_lazy("in a sentence", "Wednesday"),
    pgettext_lazy("in a sentence", "Thursday"),
    pgettext_lazy("in a sentence", "Friday"),
    pgettext_lazy("in a sentence", "Saturday"),
    pgettext_lazy("in a sentence", "Sunday"),
)
# Whole sentences per week of the month: ordinals agree with the weekday in es and de.
MONTHLY = {
    1: _("Monthly on the first %(day)s at %(time)s"),
    2: _("Monthly on the second %(day)s at %(time)s"),
    3: _("Monthly on the third %(day)s at %(time)s"),
    4: _("Monthly on the fourth %(day)s at %(time)s"),
    -1: _("Monthly on the last %(day)s at %(time)s"),
}


def describe(rule: recurrence.Recurrence) -> str:
    """`recurrence.describe` in the active language: "Monthly on the second Thursday at 18:00"."""
    values = {
        "time": rule.start_time.strftime("%H:%M"),
        "day": WEEKDAYS[rule.weekday] if 0 <= rule.weekday <= 6 else "",
    }
    if rule.kind == recurrence.Kind.MONTHLY_NTH and rule.nth in MONTHLY:
        return MONTHLY[rule.nth] % values
    if rule.kind == recurrence.Kind.BIWEEKLY:
        return gettext("Every other %(day)s at %(time)s") % values
    if rule.kind == recurrence.Kind.WEEKLY:
        return gettext("Every %(day)s at %(time)s") % values
    if rule.kind == recurrence.Kind.CUSTOM:
        # The rule itself (FREQ=MONTHLY;BYDAY=2TH) is what its author wrote: not translated.
        rule_text = recurrence.describe(rule).rsplit(" at ", 1)[0]
        return gettext("%(rule)s at %(time)s") % {"rule": rule_text, "time": values["time"]}
    return recurrence.describe(rule)


def recurrence_error(error: recurrence.RecurrenceError) -> str:
    return gettext(error.template) % error.params if error.params else gettext(error.template)


def agenda_reason(line: Explanation) -> str:
    """Why a member's slot has its minutes, in the active language."""
    if not line.template:
        return line.reason
    values = {
        name: number_format(value, 1) if isinstance(value, float) else value
        for name, value in line.params
    }
    return gettext(line.template) % values
