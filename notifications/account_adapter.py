"""allauth's emails (sign-up, confirmation, password) in the hub's voice and layout.

allauth renders ``account/email/<name>_message.txt`` and, when it exists,
``<name>_message.html`` (templates/account/email/, on email/base.html); this
adds the site's address for absolute links and the hub's subject prefix.
"""

from allauth.account.adapter import DefaultAccountAdapter

from notifications.emails import SUBJECT_PREFIX, site_url


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject) -> str:
        return f"{SUBJECT_PREFIX}{subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(template_prefix, email, {**context, "site_url": site_url()})
