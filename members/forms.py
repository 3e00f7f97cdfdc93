from django import forms
from django.contrib.auth import get_user_model

from members.models import Organisation

User = get_user_model()


class SignupExtraForm(forms.Form):
    """Fields allauth adds to its sign-up form."""

    name = forms.CharField(label="Full name", max_length=150)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="Individual affiliate (no organisation)",
        label="Your council or organisation",
        help_text=(
            "If your work address is on a member council's domain you join that "
            "council as soon as you verify it. Otherwise your request waits for "
            "the organisation's lead or a network editor."
        ),
    )

    field_order = ["name", "email", "organisation", "password1", "password2"]

    def signup(self, request, user):
        user.name = self.cleaned_data["name"].strip()
        user.organisation = self.cleaned_data["organisation"]
        user.status = User.Status.UNVERIFIED
        user.save(update_fields=["name", "organisation", "status"])


class ProfileForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=150)
    job_title = forms.CharField(label="Job title", max_length=150, required=False)
    bio = forms.CharField(
        label="Short bio",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    expertise = forms.CharField(
        label="Themes of expertise",
        required=False,
        max_length=500,
        help_text="Separate themes with commas, for example: co-operative energy, social value",
    )
    email_frequency = forms.ChoiceField(
        label="Email me about notifications", choices=User.EmailFrequency.choices
    )

    def clean_expertise(self):
        themes = [t.strip() for t in self.cleaned_data["expertise"].split(",") if t.strip()]
        for theme in themes:
            if len(theme) > 60:
                raise forms.ValidationError("Keep each theme under 60 characters.")
        if len(themes) > 15:
            raise forms.ValidationError("Choose at most 15 themes.")
        return themes


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label="Reason (sent to the person)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
