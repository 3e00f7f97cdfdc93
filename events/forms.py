"""The invitation form the host and editors use on the attendee page."""

from django import forms
from django.contrib.auth import get_user_model

from members.models import Organisation


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="A member, by email address",
        required=False,
        help_text="Their work address, as they signed up with it.",
    )
    council = forms.ModelChoiceField(
        label="Or a whole council",
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="(none)",
        help_text="Every confirmed member of it may then register.",
    )

    def clean(self):
        data = super().clean()
        email, council = data.get("email"), data.get("council")
        if bool(email) == bool(council):
            raise forms.ValidationError("Give one member's email address or choose one council.")
        if email:
            person = (
                get_user_model().objects.confirmed_members().filter(email__iexact=email).first()
            )
            if person is None:
                self.add_error("email", "No confirmed member has this email address.")
            data["user"] = person
        return data
