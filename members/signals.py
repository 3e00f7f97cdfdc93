"""allauth tells us when an address is verified; the service decides the rest."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from members import search  # noqa: F401 (indexes profiles when they are written)
from members.services.membership import membership_on_email_verified


@receiver(email_confirmed)
def on_email_confirmed(request, email_address, **kwargs):
    membership_on_email_verified(user=email_address.user, email=email_address.email)
