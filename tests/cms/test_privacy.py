"""Members-only content, role by role: the page, its document, and every list, feed, search
result and home section it could appear in.

Visitors and pending members see none of it anywhere; confirmed members see it
in every list (an issue-9 defect: members-only events and library items were
missing from the lists for members).
"""

import feedparser
import pytest
from django.utils.html import escape
from wagtail.models import BaseViewRestriction

from cms.demo import home_page
from cms.models import BriefingPage, CaseStudyPage, PublicationPage
from tests.cms.helpers import child, library_index, make_event, pdf_document

pytestmark = pytest.mark.django_db

SECRETS = ["Secretbrief", "Secretcase", "Secretpub", "Secretevent"]
PUBLIC = ["Publiccase", "Publicevent"]


@pytest.fixture
def content(db):
    home_page()
    library = library_index()
    child(library, CaseStudyPage, title="Publiccase study", summary="Open to all.")
    child(library, CaseStudyPage, title="Secretcase study", summary="Members.", restricted=True)
    child(
        library,
        BriefingPage,
        title="Secretbrief for March",
        body="<p>SECRETBODY</p>",
        restricted=True,
    )
    document = pdf_document("Secretpub pamphlet")
    publication = child(
        library,
        PublicationPage,
        title="Secretpub pamphlet",
        summary="Members only PDF.",
        document=document,
        restricted=True,
    )
    make_event("Publicevent forum")
    make_event("Secretevent development session", restricted=True)
    return {"library": library, "publication": publication, "document": document}


@pytest.fixture
def member(officer):
    return officer


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


LISTS = ["/", "/library/", "/library/?type=briefing", "/library/?page=1", "/events/"]


@pytest.mark.parametrize("role", ["visitor", "pending"])
def test_no_list_shows_members_only_items_to_visitors_or_pending_members(
    role, content, client_for, pending
):
    client = client_for(None if role == "visitor" else pending)
    for url in LISTS:
        html = _get(client, url)
        for secret in SECRETS:
            assert secret not in html, (url, secret)
    assert "Publiccase" in _get(client, "/library/")
    assert "Publicevent" in _get(client, "/events/")


def test_members_see_members_only_events_and_library_items_in_every_list(
    content, client_for, member
):
    client = client_for(member)
    library = _get(client, "/library/")
    for title in ["Secretbrief", "Secretcase", "Secretpub", "Publiccase"]:
        assert title in library
    assert "Members only" in library
    events = _get(client, "/events/")
    assert "Secretevent" in events and "Publicevent" in events
    home = _get(client, "/")
    assert "Secretevent" in home  # upcoming events
    assert "Secretcase" in home or "Secretpub" in home  # latest case studies and publications
    assert "Secretbrief" in home  # briefings for members


@pytest.mark.parametrize("role", ["visitor", "pending"])
def test_the_home_page_has_no_briefings_section_for_non_members(role, content, client_for, pending):
    html = _get(client_for(None if role == "visitor" else pending), "/")
    assert "Monthly briefings" not in html


@pytest.mark.parametrize("role", ["visitor", "pending", "member"])
def test_feeds_list_public_items_only_whoever_asks(role, content, client_for, pending, member):
    client = client_for({"visitor": None, "pending": pending, "member": member}[role])
    for url in ["/library/feed/", "/events/feed/"]:
        feed = feedparser.parse(client.get(url).content)
        titles = " ".join(entry.title for entry in feed.entries)
        for secret in SECRETS:
            assert secret not in titles
    library_titles = [
        e.title for e in feedparser.parse(client.get("/library/feed/").content).entries
    ]
    assert library_titles == ["Publiccase study"]


@pytest.mark.parametrize("role", ["visitor", "pending"])
def test_search_never_finds_members_only_pages_for_non_members(role, content, client_for, pending):
    client = client_for(None if role == "visitor" else pending)
    for secret in SECRETS:
        html = _get(client, f"/search/?q={secret}")
        assert f">{escape(secret)}" not in html


def test_search_finds_members_only_pages_for_members(content, client_for, member):
    html = _get(client_for(member), "/search/?q=Secretbrief")
    assert "Secretbrief for March" in html


def test_visitors_are_sent_to_sign_in_for_a_briefing(content, client):
    briefing = BriefingPage.objects.get()
    response = client.get(briefing.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("status", ["pending", "refused"])
def test_signed_in_people_who_are_not_confirmed_are_refused_a_briefing(
    status, content, client_for, pending
):
    pending.status = status
    pending.save()
    response = client_for(pending).get(BriefingPage.objects.get().url)
    assert response.status_code == 403
    assert b"SECRETBODY" not in response.content


@pytest.mark.parametrize("role", ["officer", "editor"])
def test_confirmed_members_and_editors_read_a_briefing(role, content, client_for, officer, editor):
    response = client_for({"officer": officer, "editor": editor}[role]).get(
        BriefingPage.objects.get().url
    )
    assert response.status_code == 200
    assert b"SECRETBODY" in response.content


def test_a_briefing_made_in_code_is_restricted_like_one_made_in_the_admin(content):
    # The demo and tests restrict by hand; the admin through get_default_privacy_setting.
    page = BriefingPage(title="x", slug="x", body="<p>x</p>")
    assert page.get_default_privacy_setting(None) == {"type": BaseViewRestriction.LOGIN}
