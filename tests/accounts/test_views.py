"""The member's pages and the editors' page for data requests."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.models import DataExport
from accounts.services.erase import FORMER_MEMBER
from tests import factories

User = get_user_model()
pytestmark = pytest.mark.django_db


def _prepare(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/my-data/")
    assert response.status_code == 302
    return DataExport.objects.latest("pk")


def test_account_page_links_to_both_rights(client_for, officer):
    page = client_for(officer).get("/members/account/").content.decode()
    assert "/accounts/my-data/" in page
    assert "/accounts/delete/" in page


def test_visitors_are_sent_to_sign_in(client):
    for url in ("/accounts/my-data/", "/accounts/delete/", "/accounts/my-data/1/download/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_member_prepares_and_downloads_their_data(
    client_for, officer, django_capture_on_commit_callbacks
):
    client = client_for(officer)
    export = _prepare(client, django_capture_on_commit_callbacks)
    assert export.status == DataExport.Status.READY
    page = client.get("/accounts/my-data/").content.decode()
    assert f"/accounts/my-data/{export.pk}/download/" in page

    response = client.get(f"/accounts/my-data/{export.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert json.loads(archive.read("data.json"))["profile"]["email"] == officer.email


def test_nobody_else_can_download_it(
    client_for, officer, other_officer, lead, django_capture_on_commit_callbacks
):
    export = _prepare(client_for(officer), django_capture_on_commit_callbacks)
    for person in (other_officer, lead):
        assert client_for(person).get(f"/accounts/my-data/{export.pk}/download/").status_code == 404


def test_a_download_expires(client_for, officer, django_capture_on_commit_callbacks):
    client = client_for(officer)
    export = _prepare(client, django_capture_on_commit_callbacks)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/accounts/my-data/{export.pk}/download/").status_code == 404


def test_asking_twice_while_preparing_makes_one_export(client_for, officer):
    client = client_for(officer)
    client.post("/accounts/my-data/")
    client.post("/accounts/my-data/")
    assert DataExport.objects.filter(user=officer).count() == 1


def test_delete_needs_the_members_own_address_and_password(client_for, officer):
    client = client_for(officer)
    assert client.get("/accounts/delete/").status_code == 200
    response = client.post(
        "/accounts/delete/", {"email": "someone@else.gov.uk", "password": factories.PASSWORD}
    )
    assert response.status_code == 400
    assert "Type the email address you sign in with" in response.content.decode()
    response = client.post("/accounts/delete/", {"email": officer.email, "password": "wrong"})
    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    officer.refresh_from_db()
    assert officer.is_active


def test_delete_my_account_signs_out_and_anonymises(client_for, officer):
    client = client_for(officer)
    response = client.post(
        "/accounts/delete/", {"email": officer.email.upper(), "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/deleted/"
    assert "Your account has been deleted" in client.get("/accounts/deleted/").content.decode()
    assert client.get("/members/account/").status_code == 302
    officer.refresh_from_db()
    assert officer.name == FORMER_MEMBER
    assert not officer.is_active


def test_an_account_without_a_password_confirms_with_its_address(client_for, officer):
    officer.set_unusable_password()
    officer.save()
    client = client_for(officer)
    assert 'name="password"' not in client.get("/accounts/delete/").content.decode()
    assert client.post("/accounts/delete/", {"email": officer.email}).status_code == 302


def test_only_network_editors_reach_the_data_requests_page(client_for, officer, moderator, lead):
    for person in (officer, moderator, lead):
        assert client_for(person).get("/admin/data-requests/").status_code in (302, 403)


def test_editor_prepares_a_persons_data_on_request(
    client_for, editor, officer, other_officer, django_capture_on_commit_callbacks
):
    client = client_for(editor)
    page = client.get("/admin/data-requests/", {"email": officer.email.upper()})
    assert page.status_code == 200
    assert officer.name in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/data-requests/?email={officer.email}", {"action": "export"})
    export = DataExport.objects.get(user=officer, requested_by=editor)
    assert export.status == DataExport.Status.READY
    assert ModelLogEntry.objects.filter(action="accounts.export", user=editor).exists()
    assert client.get(f"/accounts/my-data/{export.pk}/download/").status_code == 200
    assert client_for(officer).get(f"/accounts/my-data/{export.pk}/download/").status_code == 200
    assert (
        client_for(other_officer).get(f"/accounts/my-data/{export.pk}/download/").status_code == 404
    )


def test_editor_deletes_an_account_on_request_after_typing_the_address(client_for, editor, officer):
    client = client_for(editor)
    url = f"/admin/data-requests/?email={officer.email}"
    response = client.post(url, {"action": "erase", "confirm_email": "wrong@oldham.gov.uk"})
    assert response.status_code == 400
    officer.refresh_from_db()
    assert officer.is_active
    response = client.post(url, {"action": "erase", "confirm_email": officer.email})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.name == FORMER_MEMBER
    assert ModelLogEntry.objects.filter(action="accounts.erase", user=editor).exists()
