"""Readers connecting reuse their process subscription's who-may-read facts, never stale ones."""

import pytest
from channels.db import database_sync_to_async
from wagtail.models import PageViewRestriction

from liveblogs import consumers
from liveblogs.events import liveblog_group
from liveblogs.fanout import fanout
from tests.liveblogs.conftest import run_async
from tests.liveblogs.test_consumers import closed_with, communicator, post, reading

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lookups(monkeypatch):
    """How many times readers read the page and its restrictions from the database."""
    calls = []
    real = consumers._access_facts

    def counted(page_id):
        calls.append(page_id)
        return real(page_id)

    monkeypatch.setattr(consumers, "_access_facts", counted)
    return calls


def test_readers_joining_a_listening_subscription_read_the_page_once(liveblog, lookups):
    async def run():
        first = await reading(liveblog)
        before = len(lookups)
        others = [await reading(liveblog) for _ in range(5)]
        assert len(lookups) == before  # five readers, no page lookup
        assert fanout.reader_count(liveblog_group(liveblog.pk)) == 6
        for comm in [first, *others]:
            await comm.disconnect()

    run_async(run)


def test_a_visitor_connecting_after_a_restriction_is_refused_though_facts_were_cached(
    liveblog, officer, lookups
):
    async def run():
        member = await reading(liveblog, officer)
        await reading(liveblog)  # the public facts are cached now
        await database_sync_to_async(PageViewRestriction.objects.create)(
            page=liveblog, restriction_type=PageViewRestriction.LOGIN
        )
        visitor = communicator(liveblog)
        connected, code = await visitor.connect()
        if connected:
            # Admitted before the access event was read: the re-check closes it.
            await visitor.send_json_to({"since": 0})
            code = await closed_with(visitor)
        assert code == 4403
        await member.disconnect()

    run_async(run)


def test_a_state_change_forgets_the_cached_facts(liveblog, editor, lookups):
    from liveblogs.services import liveblog_state_announce

    async def run():
        first = await reading(liveblog)
        await reading(liveblog)
        before = len(lookups)
        await database_sync_to_async(liveblog_state_announce)(page=liveblog)
        assert (await first.receive_json_from(timeout=3))["type"] == "state"
        await reading(liveblog)
        assert len(lookups) == before + 1
        await post(liveblog, editor, "Still live")
        await first.disconnect()

    run_async(run)


def test_cached_facts_expire(liveblog, lookups, monkeypatch):
    monkeypatch.setattr("liveblogs.fanout.ACCESS_CACHE_SECONDS", 0.0)

    async def run():
        first = await reading(liveblog)
        before = len(lookups)
        await reading(liveblog)
        assert len(lookups) > before
        await first.disconnect()

    run_async(run)
