"""Liveblog fixtures: an index page, a public and a members-only liveblog."""

import pytest
from channels.layers import channel_layers
from wagtail.models import PageViewRestriction

from cms.demo import home_page
from liveblogs.fanout import fanout
from liveblogs.models import LiveblogIndexPage, LiveblogPage


@pytest.fixture(autouse=True)
def _fresh_fanout():
    """Each test gets its own channel layer and fan-out registry (new event loops)."""
    channel_layers.backends.clear()
    fanout._subs.clear()
    yield
    fanout._subs.clear()
    channel_layers.backends.clear()


def _add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def liveblog_index(db):
    existing = LiveblogIndexPage.objects.first()
    if existing:
        return existing
    return _add(home_page(), LiveblogIndexPage(title="Liveblogs", slug="liveblogs"))


@pytest.fixture
def liveblog(liveblog_index):
    return _add(
        liveblog_index,
        LiveblogPage(
            title="Network meeting live", slug="network-meeting-live", state=LiveblogPage.State.LIVE
        ),
    )


@pytest.fixture
def members_liveblog(liveblog_index):
    page = _add(
        liveblog_index,
        LiveblogPage(
            title="Members' roundtable live",
            slug="members-roundtable-live",
            state=LiveblogPage.State.LIVE,
        ),
    )
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def bulk_entries(page, author, count: int) -> None:
    """Many entries at once, bypassing the services (for query-count tests)."""
    from liveblogs.models import Entry

    Entry.objects.bulk_create(
        Entry(
            page=page,
            author=author,
            body=f"Old {n}",
            body_html=f"<p>Old {n}</p>",
            html=f"<article>Old {n}</article>",
        )
        for n in range(count)
    )


def run_async(fn):
    """Run an async test body on its own thread and event loop.

    Playwright's sync API keeps an event loop on the main thread once a browser
    test has run, and async_to_sync refuses to run there.
    """
    from concurrent.futures import ThreadPoolExecutor

    from asgiref.sync import async_to_sync
    from django.db import connection

    def target():
        try:
            return async_to_sync(fn)()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(target).result()
