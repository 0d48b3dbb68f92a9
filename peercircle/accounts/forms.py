from django import forms

from peercircle.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "pronouns", "timezone", "department", "lab", "career_stage"]
        labels = {"timezone": "Time zone", "lab": "Lab or PI"}
        help_texts = {
            "display_name": "How your group sees you.",
            "timezone": "Every meeting time is shown in this zone.",
        }
