"""The member's email choices: how often, for each kind of notification."""

from django import forms

from notifications.models import EmailCategory, Frequency


class EmailChoicesForm(forms.Form):
    def __init__(self, *args, choices: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in EmailCategory.choices:
            self.fields[key] = forms.ChoiceField(
                label=label,
                choices=Frequency.choices,
                initial=(choices or {}).get(key, Frequency.IMMEDIATELY),
            )
