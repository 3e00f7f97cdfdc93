"""Cached search results: never stale after a write, never shared between readers who may open
different things (core.search.search_results and the page rendered once per audience)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import EmptyResultSet

from core.search import search_results, sources_for, visibility_key
from forum.models import Category, Thread
from ideasbank.services.ideas import idea_create, idea_update
from ideasbank.services.moderation import moderation_set_hidden
from members.permissions import MODERATORS
from mentoring.services.placements import placement_set_state
from tests import factories
from tests.mentoring.conftest import make_placement

pytestmark = pytest.mark.django_db


def titles(client, query: str) -> list[str]:
    """The result titles of the search page, as this client's reader is served it."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    # A page served from the cache has no template context: read the result links.
    body = response.content.decode().split('class="stack search-results plain-list"', 1)
    if len(body) < 2:
        return []
    items = body[1].split("</ol>", 1)[0].split("<a href=")[1:]
    return [item.split(">", 1)[1].split("</a>", 1)[0] for item in items]


@pytest.fixture
def member_client(client, officer):
    client.force_login(officer)
    return client


def test_a_new_idea_is_found_at_once(member_client, officer):
    assert titles(member_client, "zephyrine") == []
    idea_create(author=officer, title="Zephyrine wind co-operative", summary="Wind shares.")
    assert titles(member_client, "zephyrine") == ["Zephyrine wind co-operative"]


def test_an_edited_idea_is_found_by_its_new_words_only(member_client, officer):
    idea = idea_create(author=officer, title="Zephyrine wind co-operative", summary="Wind.")
    assert titles(member_client, "zephyrine") == ["Zephyrine wind co-operative"]
    idea_update(
        idea=idea, actor=officer, title="Tidal co-operative", summary="Tides.", visibility="public"
    )
    assert titles(member_client, "zephyrine") == []
    assert titles(member_client, "tidal") == ["Tidal co-operative"]


def test_a_hidden_or_deleted_idea_leaves_the_results_at_once(member_client, officer, moderator):
    idea = idea_create(author=officer, title="Zephyrine wind co-operative", summary="Wind.")
    other = idea_create(author=officer, title="Zephyrine solar roofs", summary="Sun.")
    assert len(titles(member_client, "zephyrine")) == 2
    moderation_set_hidden(actor=moderator, idea=idea, hidden=True)
    assert titles(member_client, "zephyrine") == ["Zephyrine solar roofs"]
    other.delete()
    assert titles(member_client, "zephyrine") == []


def test_a_reader_who_loses_a_role_loses_what_it_opened(client, officer, moderator):
    idea = idea_create(author=officer, title="Zephyrine wind co-operative", summary="Wind.")
    moderation_set_hidden(actor=moderator, idea=idea, hidden=True)
    client.force_login(moderator)
    assert titles(client, "zephyrine") == ["Zephyrine wind co-operative"]
    moderator.groups.remove(Group.objects.get(name=MODERATORS))
    assert titles(client, "zephyrine") == []


def test_a_member_who_stops_being_one_loses_members_only_results(member_client, officer):
    idea_create(author=officer, title="Zephyrine pay", summary="Pay.", visibility="members")
    assert titles(member_client, "zephyrine") == ["Zephyrine pay"]
    officer.status = "refused"
    officer.save(update_fields=["status"])
    assert titles(member_client, "zephyrine") == []


def test_readers_who_may_open_different_things_get_different_results(client, officer, council):
    idea_create(author=officer, title="Zephyrine pay", summary="Pay.", visibility="members")
    idea_create(author=officer, title="Zephyrine roofs", summary="Roofs.")
    client.force_login(officer)
    assert sorted(titles(client, "zephyrine")) == ["Zephyrine pay", "Zephyrine roofs"]
    client.force_login(factories.pending_member(council))
    assert titles(client, "zephyrine") == ["Zephyrine roofs"]
    client.logout()
    assert titles(client, "zephyrine") == ["Zephyrine roofs"]
    assert [h.title for h, _ in search_results(AnonymousUser(), "zephyrine").page] == [
        "Zephyrine roofs"
    ]


def test_a_placement_put_back_to_draft_leaves_other_councils_results(
    client, lead, officer, other_officer
):
    placement = make_placement(lead, officer, title="Zephyrine energy placement")
    client.force_login(other_officer)
    assert titles(client, "zephyrine") == ["Zephyrine energy placement"]
    placement_set_state(actor=lead, placement=placement, state="draft")
    assert titles(client, "zephyrine") == []


def test_a_category_made_members_only_leaves_visitors_results(client, officer):
    category = Category.objects.create(name="Open", slug="open", visibility="public")
    Thread.objects.create(
        category=category, title="Zephyrine meetups", slug="z", author=officer, opening_text="Hi."
    )
    assert titles(client, "zephyrine") == ["Zephyrine meetups"]
    category.visibility = "members"
    category.save()
    assert titles(client, "zephyrine") == []


def test_every_reader_with_the_same_visibility_key_gets_the_same_sql(
    council, other_council, officer, lead, editor, moderator, pending
):
    """The cache key holds every fact the sections' visible querysets depend on."""
    readers = [
        AnonymousUser(),
        AnonymousUser(),
        officer,
        factories.officer(council),
        factories.officer(other_council),
        lead,
        factories.council_lead(council),
        editor,
        factories.network_editor(),
        moderator,
        factories.moderator(other_council),
        pending,
        factories.pending_member(council),
        factories.officer(council, profile_hidden=True),
    ]
    sql_by_key: dict[str, set] = {}
    for reader in readers:
        sql = []
        for source in sources_for(reader):
            try:
                text, params = source.queryset.query.sql_with_params()
            except EmptyResultSet:
                text, params = "empty", ()
            if source.key == "people" and not getattr(reader, "profile_hidden", True):
                # Everyone finds themselves; a shown profile is among the shown ones anyway.
                params = tuple("self" if p == reader.pk else p for p in params)
            sql.append((source.key, text, params))
        sql_by_key.setdefault(visibility_key(reader), set()).add(repr(sql))
    assert len(sql_by_key) >= 7
    for key, variants in sql_by_key.items():
        assert len(variants) == 1, key


def test_results_are_cached_for_readers_with_the_same_key(
    client, officer, council, django_assert_max_num_queries
):
    idea_create(author=officer, title="Zephyrine wind co-operative", summary="Wind.")
    colleague = factories.officer(council)  # a new member renews the stamp: before the search
    client.force_login(officer)
    titles(client, "zephyrine")
    client.force_login(colleague)
    # The session, its user and their groups; nothing searched, nothing loaded.
    with django_assert_max_num_queries(3) as queries:
        assert titles(client, "zephyrine") == ["Zephyrine wind co-operative"]
    assert not [q for q in queries.captured_queries if "wagtailsearch" in q["sql"]]
