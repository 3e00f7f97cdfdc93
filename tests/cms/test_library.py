"""The library index: filters by type, theme, council and year, pagination, the Atom feed,
bad input, and a query count that does not grow with the library."""

import datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.demo import home_page
from cms.models import (
    BriefingPage,
    CaseStudyPage,
    HowToGuidePage,
    PolicyLabPage,
    PolicyPrototypePage,
    PublicationPage,
)
from tests import factories
from tests.cms.helpers import child, library_index, pdf_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    home_page()
    return library_index()


@pytest.fixture
def shelf(library, council, other_council):
    child(
        library,
        CaseStudyPage,
        title="Young Lambeth Co-operative",
        council=other_council,
        date=datetime.date(2014, 1, 20),
        themes="young people, co-operative commissioning",
    )
    child(
        library,
        HowToGuidePage,
        title="How to co-produce",
        council=council,
        date=datetime.date(2013, 10, 18),
        themes="co-production",
    )
    child(
        library,
        PublicationPage,
        title="Co-operative places",
        summary="Statement of intent.",
        document=pdf_document(),
        date=datetime.date(2016, 7, 1),
        themes="community leadership",
    )
    lab = child(
        library,
        PolicyLabPage,
        title="Housing Commission",
        summary="Homes.",
        lead_council=factories.OrganisationFactory(slug="croydon", name="Croydon Council"),
        partner_councils=[other_council],
        year=2016,
        themes="housing",
    )
    child(
        library,
        PolicyPrototypePage,
        title="A mental health day",
        summary="Support.",
        lead_council=council,
        year=2015,
    )
    child(library, BriefingPage, title="Briefing March", body="<p>x</p>", restricted=True)
    return lab


def _titles(client, query=""):
    from bs4 import BeautifulSoup

    html = client.get(f"/library/{query}").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    return sorted(a.get_text() for a in soup.select(".library-card h3 a"))


def test_every_public_item_is_listed_for_a_visitor(client, shelf):
    assert _titles(client) == [
        "A mental health day",
        "Co-operative places",
        "Housing Commission",
        "How to co-produce",
        "Young Lambeth Co-operative",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?type=policy-lab", ["Housing Commission"]),
        ("?type=policy-prototype", ["A mental health day"]),
        ("?type=guide", ["How to co-produce"]),
        ("?theme=housing", ["Housing Commission"]),
        ("?theme=young-people", ["Young Lambeth Co-operative"]),
        # A council's items: as the council of a case study or guide, lead or partner of a project.
        ("?council=lambeth", ["Housing Commission", "Young Lambeth Co-operative"]),
        ("?council=oldham", ["A mental health day", "How to co-produce"]),
        ("?year=2016", ["Co-operative places", "Housing Commission"]),
        ("?year=2014", ["Young Lambeth Co-operative"]),
        ("?type=case-study&council=oldham", []),
    ],
)
def test_filters(query, expected, client, shelf):
    assert _titles(client, query) == expected


def test_members_also_see_members_only_items_and_can_filter_to_them(client_for, officer, shelf):
    assert _titles(client_for(officer), "?type=briefing") == ["Briefing March"]
    assert _titles(client_for(None), "?type=briefing") == []


def test_filter_choices_come_from_what_the_reader_may_see(client, library, council):
    child(
        library,
        BriefingPage,
        title="Secret",
        body="<p>x</p>",
        themes="secret theme",
        restricted=True,
    )
    html = client.get("/library/").content.decode()
    assert "secret theme" not in html


@pytest.mark.parametrize(
    "query", ["?year=abc", "?year=1900", "?type=nonsense", "?council=%00", "?page=abc", "?page=999"]
)
def test_bad_filters_are_ignored_not_errors(query, client, shelf):
    response = client.get(f"/library/{query}")
    assert response.status_code == 200


def test_pagination_is_elided_and_keeps_the_filters(client, library, monkeypatch):
    monkeypatch.setattr("cms.library.PER_PAGE", 2)
    for i in range(20):
        child(library, CaseStudyPage, title=f"Study {i:02d}", themes="energy")
    child(library, CaseStudyPage, title="Other", themes="housing")
    html = client.get("/library/?theme=energy&page=2").content.decode()
    assert 'href="?theme=energy&amp;page=3"' in html
    assert 'href="?theme=energy&amp;page=10"' in html
    assert 'href="?theme=energy&amp;page=7"' not in html  # elided
    assert "…" in html
    assert 'aria-current="page"' in html
    assert "20 items match these filters" in html


def test_the_library_feed_is_atom_with_public_items_only(client, shelf):
    response = client.get("/library/feed/")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.bozo_exception
    assert feed.version == "atom10"
    titles = sorted(e.title for e in feed.entries)
    assert "Briefing March" not in titles
    assert "Housing Commission" in titles
    entry = next(e for e in feed.entries if e.title == "Housing Commission")
    assert entry.link == "http://testserver/library/housing-commission/"
    assert [t.term for t in entry.tags] == ["Policy Lab"]


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _fill(library, council, start, n):
    for i in range(start, start + n):
        child(library, CaseStudyPage, title=f"Case {i}", council=council, themes=f"theme {i}")
        child(library, HowToGuidePage, title=f"Guide {i}", council=council)
        child(library, PolicyLabPage, title=f"Lab {i}", summary="s", lead_council=council)
        child(library, BriefingPage, title=f"Briefing {i}", body="<p>b</p>", restricted=True)


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_library_index_queries_do_not_grow_with_the_library(
    role, client_for, officer, library, council, django_assert_max_num_queries
):
    client = client_for(None if role == "visitor" else officer)
    _fill(library, council, 0, 2)
    client.get("/library/")  # warm Wagtail's cached site root paths
    small = _count(client, "/library/")
    _fill(library, council, 2, 15)
    with django_assert_max_num_queries(small):
        client.get("/library/")
    assert _count(client, "/library/?page=2") == small


def test_a_councils_page_lists_its_case_studies_and_projects_the_reader_may_open(
    client_for, officer, shelf, library, council
):
    child(library, CaseStudyPage, title="Oldham members study", council=council, restricted=True)
    visitor = client_for(None).get(council.get_absolute_url()).content.decode()
    assert "How to co-produce" in visitor and "A mental health day" in visitor
    assert "Oldham members study" not in visitor
    assert (
        "Oldham members study"
        in client_for(officer).get(council.get_absolute_url()).content.decode()
    )
    lambeth = client_for(None).get("/members/councils/lambeth/").content.decode()
    # A partner council's page lists the project too.
    assert "Housing Commission" in lambeth and "Young Lambeth Co-operative" in lambeth
