from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.api.models import Scope


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("What the token is for, so you know it later.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    days = forms.IntegerField(
        label=_("Expires after (days)"), min_value=1, max_value=366, initial=90
    )
