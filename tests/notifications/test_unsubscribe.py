"""Unsubscribe: opening the emailed link changes nothing; only a POST does."""

import pytest
from django.test import Client

from notifications.services import unsubscribe_token

pytestmark = pytest.mark.django_db


def url_for(person) -> str:
    return f"/notifications/unsubscribe/{unsubscribe_token(person)}/"


def test_opening_the_link_changes_nothing_and_explains_what_the_button_does(client, officer):
    # Mail scanners (Safe Links and the like) open every link on delivery.
    response = client.get(url_for(officer))
    assert response.status_code == 200
    html = response.content.decode()
    assert officer.email in html
    assert "Stop notification emails" in html
    assert 'method="post"' in html
    officer.refresh_from_db()
    assert officer.email_frequency == "immediately"


def test_the_button_on_the_page_turns_email_off(officer):
    c = Client(enforce_csrf_checks=True)
    page = c.get(url_for(officer))
    token = page.context["csrf_token"]
    response = c.post(url_for(officer), {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 200
    assert "no longer get notification emails" in response.content.decode()
    officer.refresh_from_db()
    assert officer.email_frequency == "never"


def test_a_post_from_another_site_without_csrf_changes_nothing(officer):
    response = Client(enforce_csrf_checks=True).post(url_for(officer), {"confirm": "1"})
    assert response.status_code == 403
    officer.refresh_from_db()
    assert officer.email_frequency == "immediately"


def test_rfc_8058_one_click_post_needs_no_csrf_token(officer):
    response = Client(enforce_csrf_checks=True).post(
        url_for(officer), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    officer.refresh_from_db()
    assert officer.email_frequency == "never"


@pytest.mark.parametrize("method", ["get", "post", "one-click"])
def test_a_forged_token_changes_nothing_and_is_a_bad_request(method, officer):
    c = Client()
    path = "/notifications/unsubscribe/not-a-real-token/"
    if method == "get":
        response = c.get(path)
    elif method == "post":
        response = c.post(path, {})
    else:
        response = c.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 400
    officer.refresh_from_db()
    assert officer.email_frequency == "immediately"


def test_a_token_for_a_deleted_account_is_a_bad_request(client, officer):
    path = url_for(officer)
    officer.delete()
    assert client.get(path).status_code == 400
