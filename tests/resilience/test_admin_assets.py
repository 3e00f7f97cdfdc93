"""The Wagtail admin loads nothing from Gravatar (a third party, and over plain http)."""

import pytest

from tests.factories import network_editor

pytestmark = pytest.mark.django_db


def test_the_admin_dashboard_has_no_gravatar(client):
    user = network_editor(name="Ada Admin")
    user.is_superuser = user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"gravatar" not in response.content.lower()
