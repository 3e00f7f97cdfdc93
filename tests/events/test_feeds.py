"""The Atom feed of public events parses and lists only public events."""

import feedparser
import pytest

from tests.cms.helpers import make_event

pytestmark = pytest.mark.django_db


def test_the_events_feed_is_atom_with_public_events_only(client_for, officer):
    make_event("Open forum", place="Plymouth", summary="Energy and economies.")
    make_event("Members development session", restricted=True)
    for person in (None, officer):
        response = client_for(person).get("/events/feed/")
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, feed.bozo_exception
        assert feed.version == "atom10"
        assert [e.title for e in feed.entries] == ["Open forum"]
        entry = feed.entries[0]
        assert entry.link == "http://testserver/events/open-forum/"
        assert "Plymouth" in entry.summary and "Network forum session" in entry.summary
