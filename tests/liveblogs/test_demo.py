import io

import pytest

from liveblogs.models import Change, Entry, LiveblogPage

pytestmark = pytest.mark.django_db


def test_demo_liveblogs_load_once(client):
    from cms import demo as cms_demo
    from liveblogs import demo
    from members import demo as members_demo

    out = io.StringIO()
    members_demo.load(stdout=out)
    cms_demo.load(stdout=out)
    demo.load(stdout=out)
    counts = (LiveblogPage.objects.count(), Entry.objects.count(), Change.objects.count())
    demo.load(stdout=out)
    assert (LiveblogPage.objects.count(), Entry.objects.count(), Change.objects.count()) == counts
    assert counts[0] == 2

    plymouth = LiveblogPage.objects.get(slug="plymouth-network-meeting-2014")
    assert plymouth.state == "ended" and plymouth.event is not None
    html = client.get(plymouth.url).content.decode()
    assert "28 March 2014" in html and "Co-operative energy" in html.replace(
        "co-operative", "Co-operative"
    )
    live = LiveblogPage.objects.get(state="live")
    assert client.get(live.url).status_code == 200
    assert client.get("/liveblogs/").status_code == 200
