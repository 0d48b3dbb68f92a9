from django import forms

from peercircle.api.models import Scope


class TokenForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="What the token is for, so you know it later.")
    scopes = forms.MultipleChoiceField(choices=Scope.choices, widget=forms.CheckboxSelectMultiple)
    days = forms.IntegerField(label="Expires after (days)", min_value=1, max_value=366, initial=90)
