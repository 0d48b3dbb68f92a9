from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import CareerStage, User
from peercircle.lib.text import SingleLineField, TextField
from peercircle.lib.widgets import CheckboxSelectMultiple, RadioSelect
from peercircle.programs.models import Program, SignUp, StageMode, default_slots
from peercircle.programs.survey.items import CONSTRUCTS, SCALE, items_of

MAX_SLOTS = 20
SANE_YEARS = (2000, 2100)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class ProgramForm(forms.Form):
    name = SingleLineField(label=_("Name"), max_length=120)
    institution = SingleLineField(
        label=_("Institutions"),
        max_length=160,
        required=False,
        help_text=_("One line, e.g. two names."),
    )
    description = TextField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    career_stages = forms.MultipleChoiceField(
        label=_("Career stages who may sign up"),
        choices=CareerStage.choices,
        widget=CheckboxSelectMultiple,
    )
    slots = TextField(
        label=_("Meeting slots"),
        widget=forms.Textarea(attrs={"rows": 5}),
        initial=lambda: "\n".join(default_slots()),
        help_text=_("One per line. Each group meets at one slot all its members can make."),
        error_messages={
            "required": _("Give at least one meeting slot: groups need a time to meet.")
        },
    )
    min_size = forms.IntegerField(label=_("Smallest group"), min_value=2, max_value=30, initial=5)
    target_size = forms.IntegerField(
        label=_("Preferred size"), min_value=2, max_value=30, initial=6
    )
    max_size = forms.IntegerField(label=_("Largest group"), min_value=2, max_value=30, initial=8)
    stage_mode = forms.ChoiceField(
        label=_("Career stages in a group"),
        choices=StageMode.choices,
        initial=StageMode.SAME,
        widget=RadioSelect,
    )
    signup_opens = forms.DateTimeField(label=_("Sign-up opens"), widget=DateTimeInput())
    signup_closes = forms.DateTimeField(label=_("Sign-up closes"), widget=DateTimeInput())
    co_coordinators = TextField(
        label=_("Co-coordinators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Emails of people with an account here, one per line. They see everything "
            "you see in this program."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = timezone.get_current_timezone_name().replace("_", " ")
        for name in ("signup_opens", "signup_closes"):
            self.fields[name].help_text = gettext("In your time zone, %(zone)s.") % {"zone": zone}

    def clean_slots(self) -> list[str]:
        slots: list[str] = []
        for line in self.cleaned_data["slots"].splitlines():
            slot = " ".join(line.split())
            if not slot:
                continue
            if ";" in slot or "," in slot:
                raise ValidationError(
                    gettext("%(slot)r: a slot name cannot contain ';' or ','.") % {"slot": slot}
                )
            if len(slot) > 40:
                raise ValidationError(
                    gettext("%(slot)s…: keep slot names under 40 characters.") % {"slot": slot[:40]}
                )
            if slot.lower() in {s.lower() for s in slots}:
                raise ValidationError(gettext("%(slot)r is listed twice.") % {"slot": slot})
            slots.append(slot)
        if not slots:
            raise ValidationError(
                gettext("Give at least one meeting slot: groups need a time to meet.")
            )
        if len(slots) > MAX_SLOTS:
            raise ValidationError(gettext("At most %(count)d slots.") % {"count": MAX_SLOTS})
        return slots

    def clean_signup_opens(self) -> datetime:
        return _sane(self.cleaned_data["signup_opens"])

    def clean_signup_closes(self) -> datetime:
        return _sane(self.cleaned_data["signup_closes"])

    def clean_co_coordinators(self) -> list[User]:
        emails = [e.strip().lower() for e in self.cleaned_data["co_coordinators"].split()]
        emails = [e.strip(",;") for e in emails if e.strip(",;")]
        found = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
        missing = [e for e in emails if e not in found]
        if missing:
            raise ValidationError(
                gettext("No account has the email %(emails)s; ask them to sign up first.")
                % {"emails": ", ".join(missing[:5])}
            )
        return list(found.values())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, target, high = (data.get(k) for k in ("min_size", "target_size", "max_size"))
        if None not in (low, target, high):
            if low > high:  # type: ignore[operator]
                self.add_error(
                    "min_size",
                    gettext("The smallest group (%(low)s) is above the largest (%(high)s).")
                    % {"low": low, "high": high},
                )
            elif not low <= target <= high:  # type: ignore[operator]
                self.add_error(
                    "target_size",
                    gettext("The preferred size must be between %(low)s and %(high)s.")
                    % {"low": low, "high": high},
                )
        opens, closes = data.get("signup_opens"), data.get("signup_closes")
        if opens and closes and closes <= opens:
            self.add_error("signup_closes", gettext("Sign-up must close after it opens."))
        return data

    def program_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("co_coordinators")
        return data

    @classmethod
    def initial_for(cls, program: Program, coordinators: list[User]) -> dict[str, Any]:
        zone = timezone.get_current_timezone()
        return {
            "name": program.name,
            "institution": program.institution,
            "description": program.description,
            "career_stages": program.career_stages,
            "slots": "\n".join(program.slots),
            "min_size": program.min_size,
            "target_size": program.target_size,
            "max_size": program.max_size,
            "stage_mode": program.stage_mode,
            "signup_opens": program.signup_opens and program.signup_opens.astimezone(zone),
            "signup_closes": program.signup_closes and program.signup_closes.astimezone(zone),
            "co_coordinators": "\n".join(u.email for u in coordinators),
        }


def _sane(value: datetime) -> datetime:
    if not SANE_YEARS[0] <= value.year <= SANE_YEARS[1]:
        raise ValidationError(
            gettext("Choose a date between %(first)d and %(last)d.")
            % {"first": SANE_YEARS[0], "last": SANE_YEARS[1]}
        )
    return value


class SignupForm(forms.Form):
    """The public form; `website` is a trap field people never see and bots fill in."""

    name = SingleLineField(label=_("Name"), max_length=120)
    email = forms.EmailField(max_length=254)
    department = SingleLineField(max_length=120)
    lab = SingleLineField(label=_("Lab or PI"), max_length=120, required=False)
    stage = forms.ChoiceField(label=_("Career stage"))
    availability = forms.MultipleChoiceField(
        label=_("When you can meet"),
        widget=CheckboxSelectMultiple,
        help_text=_("Tick every slot you could make most months."),
    )
    avoid_text = SingleLineField(
        label=_("People you would rather not be grouped with (optional)"),
        max_length=500,
        required=False,
        help_text=_(
            "Names or emails, separated by commas. Only the coordinators see this;"
            " they match each one to a sign-up."
        ),
    )
    hopes = TextField(
        label=_("What you hope to get from a group (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = set(program.career_stages)
        stage = self.fields["stage"]
        availability = self.fields["availability"]
        assert isinstance(stage, forms.ChoiceField)
        assert isinstance(availability, forms.MultipleChoiceField)
        # No stage is chosen for the person: a blank first choice, and "required" if left so.
        stage.choices = [("", gettext("Choose one"))] + [
            c for c in CareerStage.choices if c[0] in allowed
        ]
        availability.choices = [(slot, slot) for slot in program.slots]

    def signup_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("website", None)
        return data

    @property
    def is_trap_filled(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class SignupChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: SignUp) -> str:
        return f"{obj.name} <{obj.email}>"


class SignupEditForm(SignupForm):
    """A coordinator's edit: the public fields plus who this person must not sit with."""

    avoid = SignupChoiceField(
        label=_("Keep apart from"),
        queryset=SignUp.objects.none(),
        required=False,
        widget=CheckboxSelectMultiple,
        help_text=_("Sign-ups that match what they wrote, and those already confirmed."),
    )

    def __init__(self, *args: Any, program: Program, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, program=program, **kwargs)
        del self.fields["website"]
        avoid = self.fields["avoid"]
        assert isinstance(avoid, forms.ModelMultipleChoiceField)
        avoid.queryset = candidates

    def signup_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("avoid", None)
        return data

    @classmethod
    def initial_for(cls, signup: SignUp) -> dict[str, Any]:
        return {
            "name": signup.name,
            "email": signup.email,
            "department": signup.department,
            "lab": signup.lab,
            "stage": signup.stage,
            "availability": signup.availability,
            "avoid_text": signup.avoid_text,
            "hopes": signup.hopes,
            "avoid": list(signup.avoid.all()),
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Sign-ups file (CSV)"),
        help_text=_(
            "Columns id, name, email, department, lab, stage, availability, avoid. "
            "Separate several slots or avoid names with ';'."
        ),
    )


class GrantForm(forms.Form):
    email = forms.EmailField(label=_("Email of the new coordinator"))

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise ValidationError(gettext("No account has this email; ask them to sign up first."))
        return user


class TermForm(forms.Form):
    """A term the outcome report covers (first and last day included)."""

    name = SingleLineField(max_length=80)
    starts_on = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", gettext("The last day comes after the first."))
        return data


class SurveySetupForm(forms.Form):
    """Switch a term's end-of-term survey on: its topics and when it closes."""

    constructs = forms.MultipleChoiceField(
        label=_("Ask about"),
        choices=[(c.key, _(c.label)) for c in CONSTRUCTS],
        widget=CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic to ask about.")},
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"), widget=DateTimeInput(), help_text=_("Results appear after this moment.")
    )


class SurveyAnswerForm(forms.Form):
    """One optional 1-5 answer per item of the survey; every item may be skipped."""

    def __init__(self, *args: Any, constructs: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in items_of(constructs):
            self.fields[item.key] = forms.TypedChoiceField(
                label=gettext(item.text),
                choices=[(str(v), gettext(text)) for v, text in SCALE],
                coerce=int,
                required=False,
                empty_value=None,
                widget=RadioSelect,
            )

    def answers(self) -> dict[str, int]:
        return {key: value for key, value in self.cleaned_data.items() if value is not None}


class ResearchSettingsForm(forms.Form):
    """Whether the program asks members to consent to the research export, and what it says."""

    enabled = forms.BooleanField(label=_("Ask members for consent"), required=False)
    ethics_text = TextField(
        label=_("Ethics approval text"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown to members above the consent box, as your ethics approval requires."),
    )


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I consent to the de-identified research export described above"),
        error_messages={"required": _("Tick the box to consent, or leave this page.")},
    )
