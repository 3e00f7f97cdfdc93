"""Pages every council site has, robots.txt, the favicon and the static 500 page."""

import io

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from cms.demo_policies import load as load_policies
from cms.models import StandardPage
from config.views import server_error
from tests.site.pages import POLICY_PATHS


@pytest.fixture
def policies(db):
    load_policies(stdout=io.StringIO())


def test_loading_the_demo_twice_makes_each_policy_page_once(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    slugs = list(StandardPage.objects.values_list("slug", flat=True))
    for slug in ("privacy", "accessibility", "cookies", "contact"):
        assert slugs.count(slug) == 1


@pytest.mark.parametrize("path", POLICY_PATHS)
def test_every_page_links_the_policy_pages_from_its_footer(policies, client, path):
    response = client.get("/")
    assert response.status_code == 200
    assert f'href="{path}"' in response.content.decode()
    assert client.get(path).status_code == 200


def test_the_privacy_notice_states_the_retention_periods_the_site_applies(db, settings, client):
    settings.HUB_RETENTION_UNVERIFIED_DAYS = 23
    settings.HUB_RETENTION_READ_NOTIFICATIONS_DAYS = 111
    settings.HUB_DATA_EXPORT_HOURS = 47
    load_policies(stdout=io.StringIO())
    html = client.get("/privacy/").content.decode()
    assert "after 23 days" in html and "after 111 days" in html and "for 47 hours" in html
    for words in (
        "lawful basis",
        "Download my data",
        "Delete my account",
        "Information Commissioner",
    ):
        assert words in html
    assert 'href="/accounts/my-data/"' in html and 'href="/accounts/delete/"' in html


def test_the_accessibility_statement_follows_the_gov_uk_model(policies, client):
    html = client.get("/accessibility/").content.decode()
    for heading in (
        "How accessible this website is",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in html
    assert "axe-core" in html and "320 pixels" in html and "keyboard" in html


def test_the_cookie_page_lists_only_the_essential_cookies(policies, client):
    html = client.get("/cookies/").content.decode()
    for name in ("sessionid", "csrftoken", "messages"):
        assert name in html
    assert "no cookie banner" in html


def test_robots_txt_keeps_search_engines_out_of_members_only_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in (
        "/members/",
        "/shadowing/",
        "/notifications/",
        "/accounts/",
        "/admin/",
        "/django-admin/",
    ):
        assert f"Disallow: {path}" in lines


def test_the_favicon_address_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("icons/favicon-32.png")


def test_the_500_page_renders_without_database_or_context(django_db_blocker):
    request = RequestFactory().get("/broken/")
    with django_db_blocker.block():
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "<title>Sorry, something went wrong — CCIN network hub</title>" in html
    assert "css/site.css" in html and "style=" not in html and "<script" not in html


@pytest.mark.urls("tests.site.urls_boom")
def test_an_unhandled_error_shows_the_styled_500_page(db, client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


@pytest.mark.urls("tests.site.urls_boom")
def test_a_database_outage_shows_a_503_page_that_says_to_try_again(db, client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "The hub is briefly unavailable" in html and "Nothing you saved earlier is lost" in html
