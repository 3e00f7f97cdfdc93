"""The mentoring page shows two forms side by side; each field has an id and a label of its own."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.label_for: list[str] = []
        self.fields: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.label_for.append(attrs["for"])
        if tag in {"input", "select", "textarea"} and attrs.get("type") not in {"hidden", "submit"}:
            if attrs.get("id"):
                self.fields.append(attrs["id"])


def _parse(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def test_every_id_on_the_mentoring_page_is_unique(client_for, officer):
    html = client_for(officer).get(reverse("mentoring:mentoring")).content.decode()
    page = _parse(html)
    repeated = [name for name, count in Counter(page.ids).items() if count > 1]
    assert repeated == []


def test_each_forms_themes_field_has_its_own_label(client_for, officer):
    page = _parse(client_for(officer).get(reverse("mentoring:mentoring")).content.decode())
    assert "id_request_themes" in page.fields and "id_offer_themes" in page.fields
    for field in page.fields:
        assert page.label_for.count(field) == 1, field


def test_the_offer_form_with_errors_links_its_summary_to_its_own_field(client_for, officer):
    response = client_for(officer).post(
        reverse("mentoring:mentor_offer_save"),
        {"themes": "", "capacity": "3", "format": "online"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_offer_themes"' in html
    assert [n for n, c in Counter(_parse(html).ids).items() if c > 1] == []
