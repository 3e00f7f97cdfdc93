"""allauth's emails: branded, HTML and text, sentence case, no host name as a greeting."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_sign_up_email_is_in_the_hubs_voice_with_html(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@oldham.gov.uk",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
            "name": "New Person",
        },
    )
    assert response.status_code in (200, 302)
    (message,) = mail.outbox
    assert "Hello from" not in message.body
    assert "127.0.0.1:8000!" not in message.body
    assert message.subject.startswith("[CCIN] ")
    assert "Confirm your email address" in message.subject
    assert "http://" in message.body or "https://" in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert "Co-operative Councils Innovation Network" in html
    assert "<a href=" in html


def test_password_reset_email_has_html_and_text(client, officer):
    client.post("/accounts/password/reset/", {"email": officer.email})
    (message,) = mail.outbox
    assert message.subject == "[CCIN] Reset your password"
    assert "/accounts/password/reset/key/" in message.body
    assert message.alternatives[0][1] == "text/html"
