"""Documents follow the pages that use them: a PDF used only by members-only pages is
members only, asked for by its URL."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from cms.demo import home_page
from cms.models import CaseStudyPage, PublicationPage, StandardPage
from tests.cms.helpers import child, library_index, pdf_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    home_page()
    return library_index()


@pytest.fixture
def members_pdf(library):
    document = pdf_document("Members pamphlet")
    child(
        library,
        PublicationPage,
        title="Members pamphlet",
        summary="S",
        document=document,
        restricted=True,
    )
    return document


def _download(client, document):
    return client.get(document.url)


def test_documents_are_served_through_django_at_their_document_url(members_pdf):
    assert members_pdf.url == f"/documents/{members_pdf.pk}/{members_pdf.filename}"


def test_a_visitor_asking_for_a_members_only_pdf_is_sent_to_sign_in(members_pdf, client):
    response = _download(client, members_pdf)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_pending_member_is_refused_a_members_only_pdf(members_pdf, client_for, pending):
    response = _download(client_for(pending), members_pdf)
    assert response.status_code == 403
    assert b"%PDF" not in response.content


@pytest.mark.parametrize("role", ["officer", "editor"])
def test_members_and_editors_download_it(role, members_pdf, client_for, officer, editor):
    response = _download(client_for({"officer": officer, "editor": editor}[role]), members_pdf)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_pdf_also_used_by_a_public_page_is_public(library, members_pdf, client):
    child(
        library,
        CaseStudyPage,
        title="Open case study",
        approach=f'<p><a linktype="document" id="{members_pdf.pk}">the pamphlet</a></p>',
    )
    assert _download(client, members_pdf).status_code == 200


def test_a_pdf_linked_only_from_a_members_only_page_is_members_only(
    library, client, client_for, pending, officer
):
    document = pdf_document("Linked notes")
    child(
        library,
        StandardPage,
        title="Members notes",
        body=f'<p><a linktype="document" id="{document.pk}">notes</a></p>',
        restricted=True,
    )
    assert _download(client, document).status_code == 302
    assert _download(client_for(pending), document).status_code == 403
    assert _download(client_for(officer), document).status_code == 200


def test_a_document_no_page_uses_is_served_to_anyone(library, client):
    assert _download(client, pdf_document("Loose paper")).status_code == 200


def test_a_members_only_collection_means_confirmed_members(
    library, client, client_for, pending, officer
):
    private = Collection.get_first_root_node().add_child(name="Members only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = pdf_document("In the private collection")
    document.collection = private
    document.save()
    assert _download(client, document).status_code == 302
    assert _download(client_for(pending), document).status_code == 403
    assert _download(client_for(officer), document).status_code == 200
