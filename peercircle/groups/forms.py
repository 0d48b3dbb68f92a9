from django import forms

from peercircle.groups.models import Group


class GroupForm(forms.ModelForm):
    video_url = forms.URLField(label="Video link (optional)", required=False, assume_scheme="https")

    class Meta:
        model = Group
        fields = ["name", "cadence", "meeting_place", "video_url"]
        labels = {"meeting_place": "Usual meeting place"}
