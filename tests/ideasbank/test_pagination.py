"""The shared page links (templates/includes/pagination.html): elided, accessible, compatible."""

import re

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse

from ideasbank.models import Idea

LINK = re.compile(r'<a href="\?([^"]*)"[^>]*>(.*?)</a>', re.S)


def render(number, pages=30, **context):
    page = Paginator(range(pages * 10), 10).get_page(number)
    return render_to_string("includes/pagination.html", {"page": page, **context})


def page_numbers(html):
    return [re.sub(r"<[^>]+>|Page\s*", "", text).strip() for _, text in LINK.findall(html)]


def test_pages_around_the_current_one_and_at_each_end_with_gaps_between():
    html = render(15)
    numbers = [n for n in page_numbers(html) if n.isdigit()]
    assert numbers == ["1", "13", "14", "15", "16", "17", "30"]
    assert html.count("…") == 2


def test_current_page_is_marked_for_assistive_technology():
    html = render(3)
    assert '<nav aria-label="Pages">' in html
    current = re.findall(r'<a href="\?page=(\d+)"[^>]*aria-current="page"', html)
    assert current == ["3"]
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_no_gap_near_the_start_and_no_previous_link_on_the_first_page():
    html = render(1, pages=5)
    assert html.count("…") == 0
    assert 'rel="prev"' not in html and 'rel="next"' in html


def test_query_string_is_kept_when_given_and_optional_when_not():
    assert "?sort=top&amp;page=2" in render(1, querystring="sort=top")
    assert '"?page=2"' in render(1)


def test_a_single_page_shows_no_links():
    assert render(1, pages=1).strip() == ""


@pytest.mark.django_db
def test_ideas_list_links_to_far_pages(client_for, officer):
    now = officer.date_joined
    Idea.objects.bulk_create(
        Idea(title=f"Idea {n}", summary="S", author=officer, created_at=now, updated_at=now)
        for n in range(20 * 12)
    )
    html = client_for(None).get(reverse("ideasbank:list"), {"sort": "newest", "page": 6}).content
    html = html.decode()
    assert "sort=newest&amp;page=12" in html and "sort=newest&amp;page=1" in html
    assert re.search(r'page=6"[^>]*aria-current="page"', html)
