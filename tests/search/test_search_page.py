"""The search page: results by type with counts, paging, the query kept, nothing unopenable."""

from io import StringIO

import pytest
from django.core.management import call_command

from core.search import search_site
from members.models import User
from tests import factories

pytestmark = pytest.mark.django_db

# Words that reach members-only items of every type in the demo data.
QUERIES = ["credit union", "shadowing", "energy", "refugees", "commissioning", "council"]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize("role", ["visitor", "pending"])
def test_visitors_and_pending_members_see_nothing_they_cannot_open(demo, client, role):
    if role == "pending":
        person = factories.pending_member(
            User.objects.exclude(organisation=None).first().organisation
        )
        client.force_login(person)
        user = person
    else:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    member = User.objects.confirmed_members().exclude(organisation=None).first()
    for query in QUERIES:
        mine = search_site(user, query)
        theirs = search_site(member, query)
        assert mine.total <= theirs.total
        for key, _label, _count in mine.facets:
            for hit, _ in search_site(user, query, kind=key).page:
                response = client.get(hit.url, follow=True)
                assert response.status_code == 200, (role, query, key, hit.url)
                assert "/accounts/login/" not in response.request["PATH_INFO"], hit.url
    hits = [hit.title for hit, _ in search_site(user, "credit union").page]
    assert "Credit union partnerships: payroll savings for council staff" not in hits
    assert not any(key == "placements" for key, _, _ in search_site(user, "shadowing").facets)


def test_results_are_filtered_by_type_with_counts_and_the_query_kept(demo, client):
    member = User.objects.confirmed_members().exclude(organisation=None).first()
    client.force_login(member)
    page = client.get("/search/", {"q": "energy"}).content.decode()
    assert 'value="energy"' in page  # the header box and the page's own
    assert 'Ideas <span class="meta">(' in page
    only_ideas = client.get("/search/", {"q": "energy", "type": "ideas"}).content.decode()
    assert "Shadowing placement</span>" not in only_ideas
    assert 'aria-current="true">Ideas (' in only_ideas


def test_results_are_paged(client, officer):
    council = officer.organisation
    from django.utils import timezone

    from ideasbank.models import Idea

    now = timezone.now()
    for n in range(45):
        Idea.objects.create(
            title=f"Heat network idea {n}",
            summary="A heat network for the estate",
            author=officer,
            council=council,
            visibility="public",
            created_at=now,
            updated_at=now,
        )
    client.force_login(officer)
    first = client.get("/search/", {"q": "heat network"})
    assert first.context["page"].paginator.count == 45
    third = client.get("/search/", {"q": "heat network", "page": 3})
    assert len(third.context["page"].object_list) == 5
