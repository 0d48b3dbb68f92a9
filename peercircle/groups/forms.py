from typing import Any

from django import forms
from django.db.models import QuerySet

from peercircle.accounts.models import CareerStage, timezone_choices
from peercircle.groups.models import Group, Membership


class GroupForm(forms.ModelForm):
    video_url = forms.URLField(label="Video link (optional)", required=False, assume_scheme="https")

    class Meta:
        model = Group
        fields = ["name", "cadence", "meeting_place", "video_url"]
        labels = {"meeting_place": "Usual meeting place"}


class StartGroupForm(forms.Form):
    """A person starts their own group, with no program behind it."""

    name = forms.CharField(max_length=80, help_text="Members tell their groups apart by name.")
    purpose = forms.CharField(
        label="What the group is for",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A sentence or two, for the people you invite.",
    )
    stages = forms.MultipleChoiceField(
        label="Career stages welcome",
        choices=CareerStage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to welcome every stage.",
    )
    timezone = forms.ChoiceField(label="The group's time zone", choices=timezone_choices)
    agreement_text = forms.CharField(
        label="Ground rules",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="One rule a line. Every member accepts them when joining.",
    )


class AgreementForm(forms.Form):
    text = forms.CharField(
        label="Ground rules",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One rule a line. The first line opens every meeting's roundtable.",
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AcceptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.user.name)


class HandOverForm(forms.Form):
    to = MemberChoiceField(label="New organizer", queryset=Membership.objects.none())
    step_down = forms.BooleanField(label="Step down to member myself", required=False, initial=True)

    def __init__(self, *args: Any, memberships: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, MemberChoiceField)
        field.queryset = memberships
