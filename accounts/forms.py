from allauth.socialaccount.forms import SignupForm
from django import forms
from django.contrib.auth import get_user_model

User = get_user_model()


class SocialSignupForm(SignupForm):
    """Joining through Microsoft 365: the address is the one the provider vouched for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "email" in self.fields:
            self.fields["email"].disabled = True
            provider = self.sociallogin.provider.name
            self.fields["email"].help_text = f"Confirmed by {provider}; it cannot be changed here."


class EraseForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        help_text="Type the address you sign in with, to show you mean it.",
    )
    password = forms.CharField(
        label="Your password", widget=forms.PasswordInput, required=False, strip=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.has_usable_password():
            self.fields["password"].required = True
        else:
            del self.fields["password"]


class PersonLookupForm(forms.Form):
    email = forms.EmailField(label="The person's email address")


class EraseOnRequestForm(forms.Form):
    confirm_email = forms.EmailField(
        label="Type the person's email address again to delete their account"
    )
