"""How a sign-in through Microsoft 365 (or another OpenID Connect provider) is admitted.

A provider's address counts only when the provider says it is verified; it
then goes through the sign-up membership rule (accounts.services.identity).
"""

import logging

import requests
from allauth.account.utils import user_email
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthError
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from accounts.oidc import CheckedOIDCProvider
from members.models import Organisation

logger = logging.getLogger(__name__)


def vouched_email(sociallogin) -> str | None:
    """The sign-in's own address, if the provider says it is verified."""
    email = (user_email(sociallogin.user) or "").lower()
    for address in sociallogin.email_addresses:
        if address.verified and address.email.lower() == email:
            return email
    return None


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request, sociallogin):
        if isinstance(sociallogin.provider, CheckedOIDCProvider):
            CheckedOIDCProvider.check_nonce(sociallogin)
        if vouched_email(sociallogin) is None:
            # Raised inside allauth's callback, which shows it through
            # on_authentication_error below; nothing is linked or created.
            raise PermissionDenied(
                f"{sociallogin.provider.name} did not confirm that your email address is "
                "verified, so we cannot sign you in with it. Ask your council's IT team to "
                "check your account, or sign in with your email address and password."
            )

    def is_auto_signup_allowed(self, request, sociallogin):
        # A full-member council's address joins at once; anyone else chooses
        # their organisation on the sign-up form, as with a password sign-up.
        return Organisation.objects.for_email(user_email(sociallogin.user) or "") is not None

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.email = (user.email or "").lower()
        full = " ".join(p for p in (data.get("first_name"), data.get("last_name")) if p)
        user.name = (data.get("name") or full or "").strip()[:150]
        return user

    def get_signup_form_initial_data(self, sociallogin):
        initial = super().get_signup_form_initial_data(sociallogin)
        initial["name"] = sociallogin.user.name
        return initial

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        if error == AuthError.CANCELLED:
            return  # allauth shows its "sign-in cancelled" page
        name = getattr(provider, "name", None) or "The sign-in service"
        extra_context = extra_context or {}
        status = 401
        if isinstance(exception, PermissionDenied):
            message = str(exception)
        elif isinstance(exception, requests.RequestException):
            status = 503
            message = (
                f"{name} is not answering at the moment, so we could not sign you in. "
                "Try again in a few minutes, or sign in with your email address and password."
            )
        elif exception is None and "state" not in extra_context:
            status = 400
            message = (
                "This sign-in had expired, or was started in another browser window, so we "
                "stopped it to keep your account safe. Start again from the sign-in page."
            )
        else:
            message = (
                f"We could not check the sign-in that {name} sent back, so you have not been "
                "signed in. Start again; if it keeps happening, tell the network team."
            )
        logger.warning("Social sign-in refused (%s): error=%s exception=%r", name, error, exception)
        raise ImmediateHttpResponse(
            render(
                request,
                "accounts/sign_in_problem.html",
                {"message": message, "provider_name": name},
                status=status,
            )
        )
