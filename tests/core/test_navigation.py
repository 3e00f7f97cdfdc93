"""The main navigation marks a section current only under that section's own address."""

import io
import re

import pytest

from cms.demo import load as load_pages


def current_items(html: str) -> list[str]:
    nav = re.search(r'<nav class="primary-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="[^"]*"[^>]*aria-current="[^"]+"[^>]*>([^<]+)</a>', nav)


@pytest.fixture
def site(db):
    load_pages(stdout=io.StringIO())


@pytest.mark.parametrize("path", ["/members/account/", "/members/requests/", "/membership/"])
def test_councils_is_not_current_outside_the_directory(path, site, client_for, lead):
    response = client_for(lead).get(path)
    assert response.status_code == 200
    assert current_items(response.content.decode()) == []


@pytest.mark.parametrize("path", ["/members/councils/", "/members/councils/oldham/"])
def test_councils_is_current_in_the_directory(path, site, client, council):
    html = client.get(path).content.decode()
    assert current_items(html) == ["Councils"]


def test_the_section_itself_is_the_current_page(site, client, council):
    html = client.get("/members/councils/").content.decode()
    assert 'href="/members/councils/" aria-current="page"' in html
    html = client.get("/members/councils/oldham/").content.decode()
    assert 'href="/members/councils/" aria-current="true"' in html


def test_the_home_page_marks_no_section(site, client):
    assert current_items(client.get("/").content.decode()) == []
