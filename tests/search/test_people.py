"""People in the site search: only the profiles the reader may open, indexed when written."""

import pytest
from django.contrib.auth.models import AnonymousUser

from core.search import search_site
from members.services.profiles import profile_update
from tests import factories

pytestmark = pytest.mark.django_db


def people_found(user, query: str) -> list[str]:
    return [
        hit.title for hit, _ in search_site(user, query, kind="people").page if hit.kind == "Person"
    ]


@pytest.fixture
def hidden(council):
    person = factories.officer(council, name="Morwenna Trevithick", job_title="Energy officer")
    profile_update(
        user=person,
        name=person.name,
        job_title="Community energy officer",
        bio="Runs the solar co-operative on the estates.",
        expertise="co-operative energy",
        email_frequency="never",
        profile_hidden=True,
    )
    return person


@pytest.fixture
def shown(other_council):
    person = factories.officer(other_council, name="Gwilym Pritchard", job_title="Treasurer")
    profile_update(
        user=person,
        name=person.name,
        job_title="Credit union treasurer",
        bio="Payroll savings for staff.",
        expertise="financial inclusion",
        email_frequency="never",
    )
    return person


def test_members_find_people_by_name_job_bio_and_expertise(shown, other_officer):
    for query in ("Gwilym Pritchard", "credit union treasurer", "payroll savings", "financial"):
        assert people_found(other_officer, query) == ["Gwilym Pritchard"], query
    hit = search_site(other_officer, "Gwilym").page.object_list[0][0]
    assert hit.url == shown.get_absolute_url()
    assert hit.kind == "Person"


def test_visitors_and_pending_members_find_no_one(shown, pending, client):
    for user in (AnonymousUser(), pending):
        result = search_site(user, "Gwilym Pritchard")
        assert "people" not in [key for key, _, _ in result.facets]
        assert all(hit.kind != "Person" for hit, _ in result.page)
    html = client.get("/search/", {"q": "Gwilym Pritchard"}).content.decode()
    assert shown.get_absolute_url() not in html and "Credit union treasurer" not in html


def test_a_hidden_profile_is_found_only_by_its_leads_editors_and_its_owner(
    hidden, other_officer, officer, lead, other_lead, editor
):
    assert people_found(other_officer, "Morwenna") == []
    assert people_found(officer, "Morwenna") == []  # a colleague, not a lead
    assert people_found(other_lead, "Morwenna") == []  # another council's lead
    assert people_found(lead, "Morwenna") == ["Morwenna Trevithick"]
    assert people_found(editor, "Morwenna") == ["Morwenna Trevithick"]
    assert people_found(hidden, "Morwenna") == ["Morwenna Trevithick"]


def test_a_profile_is_indexed_again_when_written(shown, other_officer):
    profile_update(
        user=shown,
        name="Gwilym Pritchard",
        job_title="Allotments officer",
        bio="",
        expertise="food growing",
        email_frequency="never",
    )
    assert people_found(other_officer, "treasurer") == []
    assert people_found(other_officer, "allotments") == ["Gwilym Pritchard"]
    assert people_found(other_officer, "food growing") == ["Gwilym Pritchard"]


def test_signing_in_does_not_index_a_profile_again(shown, client, monkeypatch):
    from wagtail.search import index

    calls = []
    monkeypatch.setattr(index, "insert_or_update_object", lambda obj: calls.append(obj))
    client.force_login(shown)
    assert calls == []


def test_a_refused_or_deactivated_member_is_not_found(shown, other_officer):
    shown.is_active = False
    shown.save(update_fields=["is_active"])
    assert people_found(other_officer, "Gwilym") == []
