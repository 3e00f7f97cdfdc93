"""What an uncached search reads, and how: whole words on the search page, the
page view restrictions read once for the pages and the events sections."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import BaseViewRestriction, Page

from cms.demo import home_page
from cms.models import CaseStudyPage, EventPage
from cms.privacy import listing_restrictions, pages_visible_to
from core.search import ranked, search_site, sources_for
from ideasbank.models import Idea
from tests.cms.helpers import child, library_index, make_event, restrict

pytestmark = pytest.mark.django_db


def _idea(author, title):
    now = timezone.now()
    return Idea.objects.create(
        title=title,
        summary="For the estate",
        author=author,
        council=author.organisation,
        visibility="public",
        created_at=now,
        updated_at=now,
    )


def test_the_search_page_matches_whole_words_and_ranked_keeps_the_prefix(officer):
    _idea(officer, "Community energy for the estate")
    assert [hit.title for hit, _ in search_site(officer, "community energy").page] == [
        "Community energy for the estate"
    ]
    # The search page is submitted whole: the last word is not a prefix there...
    assert list(search_site(officer, "ener").page) == []
    # ...but still is for what is looked up while typing (similar ideas).
    found = ranked(Idea.objects.visible_to(officer), "ener")
    assert [idea.title for idea in found] == ["Community energy for the estate"]


@pytest.fixture
def restricted_pages(db):
    home_page()
    library = library_index()
    child(library, CaseStudyPage, title="Open case", summary="All.")
    child(library, CaseStudyPage, title="Members case", summary="M.", restricted=True)
    by_group = child(library, CaseStudyPage, title="Group case", summary="G.")
    restrict(by_group, BaseViewRestriction.GROUPS).groups.add(
        Group.objects.get_or_create(name="Case readers")[0]
    )
    by_password = child(library, CaseStudyPage, title="Password case", summary="P.")
    restrict(by_password, BaseViewRestriction.PASSWORD, password="secret")
    make_event("Open event")
    make_event("Members event", restricted=True)


@pytest.mark.parametrize("role", ["visitor", "pending", "officer", "editor", "group"])
def test_restrictions_read_once_list_the_same_pages(restricted_pages, role, request):
    if role == "visitor":
        user = AnonymousUser()
    elif role == "group":
        user = request.getfixturevalue("officer")
        user.groups.add(Group.objects.get(name="Case readers"))
    else:
        user = request.getfixturevalue(role)
    restrictions = listing_restrictions()
    for pages in (Page.objects.all(), EventPage.objects.all()):
        expected = set(pages_visible_to(user, pages).values_list("pk", flat=True))
        shared = pages_visible_to(user, pages, restrictions=restrictions)
        assert set(shared.values_list("pk", flat=True)) == expected


def test_the_sections_read_the_page_restrictions_once(restricted_pages, officer):
    with CaptureQueriesContext(connection) as queries:
        sources = sources_for(officer)
    reads = [q["sql"] for q in queries if 'FROM "wagtailcore_pageviewrestriction"' in q["sql"]]
    assert len(reads) == 1
    assert {"pages", "events"} <= {source.key for source in sources}
    titles = set(
        next(s for s in sources if s.key == "pages").queryset.values_list("title", flat=True)
    )
    assert {"Open case", "Members case"} <= titles
    assert not {"Group case", "Password case"} & titles
