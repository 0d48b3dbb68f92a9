from django import forms

from peercircle.groups.models import Group


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "cadence", "meeting_place", "video_url"]
        labels = {"video_url": "Video link (optional)", "meeting_place": "Usual meeting place"}
