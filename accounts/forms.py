from allauth.socialaccount.forms import SignupForm


class SocialSignupForm(SignupForm):
    """Joining through Microsoft 365: the address is the one the provider vouched for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "email" in self.fields:
            self.fields["email"].disabled = True
            provider = self.sociallogin.provider.name
            self.fields["email"].help_text = f"Confirmed by {provider}; it cannot be changed here."
