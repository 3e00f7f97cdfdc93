"""Network editors work with images, documents and principles in the Wagtail admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from cms.demo.pdf import one_page_pdf
from cms.models import Principle

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client_for, editor):
    return client_for(editor)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/images/",
        "/admin/images/add/",
        "/admin/images/chooser/",
        "/admin/documents/",
        "/admin/documents/add/",
        "/admin/documents/chooser/",
        "/admin/snippets/cms/principle/",
    ],
)
def test_editors_open_the_image_document_and_principle_screens(url, editor_client):
    response = editor_client.get(url)
    assert response.status_code == 200, url
    assert b"Sorry, you do not have permission" not in response.content


def test_an_editor_uploads_a_pdf(editor_client):
    response = editor_client.post(
        "/admin/documents/add/",
        {
            "title": "Co-operative places",
            "file": SimpleUploadedFile("places.pdf", one_page_pdf("Places", ["Text"])),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    assert get_document_model().objects.get().title == "Co-operative places"


def test_an_editor_uploads_an_image(editor_client):
    response = editor_client.post(
        "/admin/images/add/",
        {
            "title": "Cover",
            "file": SimpleUploadedFile("cover.png", get_test_image_file().file.getvalue()),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert get_image_model().objects.get().title == "Cover"


@pytest.mark.parametrize("role", ["officer", "lead", "moderator"])
def test_others_cannot_upload(role, client_for, officer, lead, moderator):
    client = client_for({"officer": officer, "lead": lead, "moderator": moderator}[role])
    response = client.get("/admin/documents/add/")
    assert response.status_code in (302, 403)


def test_the_cooperative_principles_are_there_for_editors_to_pick(db):
    assert Principle.objects.filter(name="Co-operation").exists()
