"""An address vouched for by an identity provider counts as verified, under the sign-up rule."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from members.services.membership import membership_on_email_verified

User = get_user_model()


def identity_vouched(*, user, email: str) -> None:
    """Mark the account's own address verified and apply the membership rule once.

    A full-member council's domain confirms at once; anyone else waits, as
    after a password sign-up. An address other than the account's own changes
    nothing: linking a provider never moves an account to another address.
    """
    email = email.strip().lower()
    if email != (user.email or "").lower():
        return
    with transaction.atomic():
        address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
        if address is None:
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        elif not address.verified:
            address.verified = True
            address.save(update_fields=["verified"])
        user.refresh_from_db(fields=["status"])
        if user.status == User.Status.UNVERIFIED:
            membership_on_email_verified(user=user, email=email)
