"""Forms a person fills in about themselves: the extra sign-up fields and the profile."""

from django import forms
from django.contrib.auth import get_user_model
from django.forms import formset_factory

from core.forms import TextField
from core.themes import ThemesField
from core.validators import validate_single_line
from members.models import Organisation, Region

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
    profile_hidden = forms.BooleanField(
        label="Hide my profile",
        required=False,
        help_text="Only your council's leads and network editors will see it.",
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
                "profile_hidden": user.profile_hidden,
            },
        )


class CouncilProfileForm(forms.Form):
    """What a council's lead says about it on its page and the map."""

    summary = forms.CharField(
        label="One-line summary",
        max_length=300,
        required=False,
        validators=[validate_single_line],
        help_text="Shown in lists and on the map.",
    )
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    approaches = TextField(
        label="Profile of co-operative approaches",
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown.",
    )
    themes = ThemesField(label="Themes of its approaches")

    @classmethod
    def for_council(cls, organisation, data=None):
        return cls(
            data,
            initial={
                "summary": organisation.summary,
                "website": organisation.website,
                "approaches": organisation.approaches,
                "themes": list(organisation.approach_themes.all()),
            },
        )


class ContactForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150, validators=[validate_single_line])
    role = forms.CharField(
        label="Role", max_length=150, required=False, validators=[validate_single_line]
    )
    email = forms.EmailField(label="Email", required=False)
    phone = forms.CharField(
        label="Phone", max_length=40, required=False, validators=[validate_single_line]
    )


class AdvocateForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150, validators=[validate_single_line])
    role = forms.CharField(
        label="Role", max_length=150, required=False, validators=[validate_single_line]
    )
    email = forms.EmailField(label="Email", required=False)
    themes = ThemesField(label="Areas of expertise")


ContactFormSet = formset_factory(ContactForm, extra=2, can_delete=True, max_num=30)
AdvocateFormSet = formset_factory(AdvocateForm, extra=2, can_delete=True, max_num=30)


class PeopleFilterForm(forms.Form):
    """The people finder's GET filters."""

    q = forms.CharField(label="Name, job or bio", max_length=200, required=False)
    theme = forms.CharField(label="Theme of expertise", max_length=100, required=False)
    council = forms.ModelChoiceField(
        label="Council or organisation",
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="Any",
        to_field_name="slug",
    )


class MapFilterForm(forms.Form):
    """The map's and directory's GET filters."""

    region = forms.ChoiceField(
        label="Region", choices=[("", "Any region"), *Region.choices], required=False
    )
    approach = forms.ChoiceField(label="Approach", choices=[("", "Any approach")], required=False)

    def __init__(self, *args, approaches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approach"].choices = [("", "Any approach"), *approaches]
