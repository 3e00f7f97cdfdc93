"""A display name is one line of ordinary text, at sign-up and on the profile."""

import pytest
from django.contrib.auth import get_user_model

User = get_user_model()
PASSWORD = "a-Long-and-unusual-passphrase-77"
BAD_NAMES = ["Eve\nBcc: everyone@example.org", "Eve\r\nSubject: hi", "Eve\x00", "Eve\x1b[31m"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_sign_up_refuses_a_name_with_a_line_break_or_control_character(name, client, council):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "eve@oldham.gov.uk",
            "name": name,
            "organisation": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="eve@oldham.gov.uk").exists()


@pytest.mark.parametrize("name", BAD_NAMES)
def test_the_profile_refuses_a_name_with_a_line_break_or_control_character(
    name, client_for, officer
):
    response = client_for(officer).post(
        "/members/account/",
        {"name": name, "job_title": "", "bio": "", "expertise": "", "email_frequency": "daily"},
    )
    assert response.status_code == 400
    assert b"errorlist" in response.content
    officer.refresh_from_db()
    assert officer.name == "Olu Officer"
    assert officer.email_frequency == "immediately"
