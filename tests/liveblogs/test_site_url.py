"""The liveblog feed and JSON-LD link to the site at SITE_URL, not to Wagtail's localhost."""

import json
import re

import pytest

from cms.setup import site_follows_site_url
from liveblogs.services import EntryFields, entry_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "site_url, root",
    [
        ("https://hub.example.org", "https://hub.example.org"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
    ],
)
def test_feed_and_json_ld_link_to_site_url(settings, client, liveblog, editor, site_url, root):
    settings.SITE_URL = site_url
    site_follows_site_url()  # what migrate does after SITE_URL changes
    entry = entry_post(page=liveblog, author=editor, fields=EntryFields(body="Doors open."))
    page_url = f"{root}/liveblogs/network-meeting-live/"

    feed = client.get(f"{liveblog.url}feed/").content.decode()
    assert f'href="{page_url}"' in feed
    assert f"{page_url}#entry-{entry.pk}" in feed
    assert "localhost" not in feed

    html = client.get(liveblog.url).content.decode()
    data = json.loads(re.search(r'type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["url"] == page_url
    assert data["liveBlogUpdate"][0]["url"] == f"{page_url}#entry-{entry.pk}"


def test_a_liveblog_made_under_a_site_url_links_there(settings, client, editor):
    # The demo's home page sets the Site record itself (cms.demo.home_page).
    settings.SITE_URL = "https://hub.example.org"
    from cms.demo import home_page
    from liveblogs.models import LiveblogIndexPage, LiveblogPage

    index = home_page().add_child(instance=LiveblogIndexPage(title="Liveblogs", slug="liveblogs"))
    page = index.add_child(instance=LiveblogPage(title="Live", slug="live", state="live"))
    feed = client.get(f"{page.url}feed/").content.decode()
    assert 'href="https://hub.example.org/liveblogs/live/"' in feed
