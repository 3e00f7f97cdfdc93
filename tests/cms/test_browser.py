"""The library in a real browser: an editor publishes a PDF through the Wagtail admin, and
every library page type passes axe-core."""

import datetime

import pytest
from playwright.sync_api import expect

from cms.demo import home_page
from cms.demo.pdf import one_page_pdf
from cms.models import (
    BriefingPage,
    CaseStudyPage,
    GuideStep,
    HowToGuidePage,
    PolicyLabPage,
    PolicyPrototypePage,
    ProjectUpdate,
    PublicationPage,
)
from tests.cms.helpers import child, library_index, pdf_document
from tests.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _real_password_hashers(settings):
    """The server process hashes with Django's defaults; MD5 (tests/conftest.py) fails there."""
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS


@pytest.fixture
def server(hub_server_factory, tmp_path, settings):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    return hub_server_factory({"MEDIA_ROOT": str(media)})


def test_home_page_has_no_axe_violations(server, page):
    home_page()
    page.goto(server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text()
    assert_accessible(page)


def test_an_editor_uploads_a_pdf_publishes_a_publication_and_it_is_in_the_library(
    server, page, editor, tmp_path
):
    home_page()
    library = library_index()
    pdf = tmp_path / "co-operative-places.pdf"
    pdf.write_bytes(one_page_pdf("Co-operative places", ["A statement of intent."]))

    login(page, server, editor.email)
    page.goto(f"{server.url}/admin/documents/add/")
    page.get_by_label("Title").fill("Co-operative places pamphlet")
    page.locator("input[type=file]").set_input_files(str(pdf))
    page.locator("form button[type=submit]").last.click()
    expect(page.get_by_text("Co-operative places pamphlet").first).to_be_visible()

    page.goto(f"{server.url}/admin/pages/add/cms/publicationpage/{library.pk}/")
    page.locator("#id_title").fill("From co-operative councils to co-operative places")
    page.locator("#id_summary").fill("The network's statement of intent.")
    page.get_by_role("button", name="Choose a document").click()
    page.get_by_role("link", name="Co-operative places pamphlet").click()
    expect(page.get_by_text("Co-operative places pamphlet").first).to_be_visible()
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("published").first).to_be_visible()

    page.goto(f"{server.url}/library/")
    page.get_by_role("link", name="From co-operative councils to co-operative places").click()
    download = page.get_by_role("link", name="Download the pamphlet")
    expect(download).to_be_visible()
    response = page.request.get(server.url + download.get_attribute("href"))
    assert response.status == 200
    assert response.body().startswith(b"%PDF")
    assert PublicationPage.objects.get().live


@pytest.fixture
def one_of_each(db, council):
    home_page()
    library = library_index()
    return [
        child(
            library,
            CaseStudyPage,
            title="Young Lambeth Co-operative",
            council=council,
            themes="young people",
            summary="Young people decide.",
            challenge="<p>C</p>",
            approach="<p>A</p>",
            outcomes="<p>O</p>",
        ),
        child(
            library,
            HowToGuidePage,
            title="How to co-produce",
            summary="Four steps.",
            introduction="<p>From Sunderland.</p>",
            steps=[GuideStep(title="Map assets", body="<p>One</p>"), GuideStep(title="Agree")],
        ),
        child(
            library,
            PublicationPage,
            title="Co-operative places",
            summary="Statement.",
            document=pdf_document(),
        ),
        child(library, BriefingPage, title="Briefing: July", body="<p>News</p>", restricted=True),
        child(
            library,
            PolicyLabPage,
            title="Housing Commission",
            summary="Homes.",
            lead_council=council,
            updates=[ProjectUpdate(date=datetime.date(2016, 3, 1), text="<p>Began.</p>")],
        ),
        child(library, PolicyPrototypePage, title="A mental health day", summary="Support."),
    ]


def test_the_library_and_every_library_page_type_pass_axe(server, page, one_of_each, officer):
    login(page, server, officer.email)
    page.goto(f"{server.url}/library/")
    expect(page.get_by_role("heading", name="Library", level=1)).to_be_visible()
    assert_accessible(page)
    page.goto(f"{server.url}/library/?type=policy-lab&year=2016")
    assert_accessible(page)
    for item in one_of_each:
        page.goto(f"{server.url}{item.url}")
        expect(page.get_by_role("heading", name=item.title, level=1)).to_be_visible()
        assert_accessible(page)
