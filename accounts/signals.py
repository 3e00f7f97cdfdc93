"""allauth tells us when a provider-vouched identity joins or links an account."""

from allauth.account.signals import user_signed_up
from allauth.socialaccount.signals import social_account_added
from django.dispatch import receiver

from accounts.adapter import vouched_email
from accounts.services.identity import identity_vouched


@receiver(user_signed_up)
def on_social_sign_up(request, user, sociallogin=None, **kwargs):
    if sociallogin is not None and (email := vouched_email(sociallogin)):
        identity_vouched(user=user, email=email)


@receiver(social_account_added)
def on_social_account_linked(request, sociallogin, **kwargs):
    if email := vouched_email(sociallogin):
        identity_vouched(user=sociallogin.user, email=email)
