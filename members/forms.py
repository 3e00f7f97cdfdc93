"""Forms a person fills in about themselves: the extra sign-up fields and the profile."""

from django import forms
from django.contrib.auth import get_user_model

from core.forms import TextField
from core.themes import ThemesField
from core.validators import validate_single_line
from members.models import Organisation

User = get_user_model()


class SignupExtraForm(forms.Form):
    """Fields allauth adds to its sign-up form."""

    name = forms.CharField(label="Full name", max_length=150, validators=[validate_single_line])
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
    name = forms.CharField(label="Full name", max_length=150, validators=[validate_single_line])
    job_title = forms.CharField(
        label="Job title", max_length=150, required=False, validators=[validate_single_line]
    )
    bio = TextField(
        label="Short bio",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    expertise = ThemesField(label="Themes of expertise")
    email_frequency = forms.ChoiceField(
        label="Email me about notifications", choices=User.EmailFrequency.choices
    )

    @classmethod
    def for_member(cls, user, data=None):
        """The form bound to data, or filled with the member's current profile."""
        return cls(
            data,
            initial={
                "name": user.name,
                "job_title": user.job_title,
                "bio": user.bio,
                "expertise": list(user.expertise.all()),
                "email_frequency": user.email_frequency,
            },
        )
