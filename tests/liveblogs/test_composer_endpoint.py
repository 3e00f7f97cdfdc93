"""The composer's direct endpoint (liveblogs.urls): the page's checks, a small fixed cost."""

import pytest
from django.urls import reverse

from liveblogs.models import Change, Entry
from tests.liveblogs.conftest import bulk_entries

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
# The session (its cache entry), the user and their roles, the page by id,
# then the write: savepoint or BEGIN, the entry, the numbered change (one
# UPDATE ... RETURNING), the change row, the stored HTML, COMMIT.
COMPOSER_QUERIES = 11


def url(page) -> str:
    return reverse("liveblogs:entry_create", args=[page.pk])


def test_the_page_points_its_composer_at_the_direct_endpoint(client_for, liveblog, editor):
    html = client_for(editor).get(liveblog.url).content.decode()
    assert f'action="{url(liveblog)}"' in html and f'data-create-action="{url(liveblog)}"' in html


def test_editor_posts_with_fetch_and_gets_the_change(client_for, liveblog, editor):
    response = client_for(editor).post(url(liveblog), {"body": "Direct", "is_key": "on"}, **JSON)
    change = response.json()["change"]
    entry = Entry.objects.get()
    assert (change["seq"], change["op"], change["key"], change["id"]) == (
        1,
        "created",
        True,
        entry.pk,
    )
    assert change["html"] == entry.html == Change.objects.get().html


def test_editor_posts_with_a_plain_form_and_returns_to_the_page(client_for, liveblog, editor):
    response = client_for(editor).post(url(liveblog), {"body": "Without JS"})
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{liveblog.url}#entry-{entry.pk}"


def test_a_refused_plain_form_shows_the_page_with_its_errors(client_for, liveblog, editor):
    response = client_for(editor).post(url(liveblog), {"body": ""})
    assert response.status_code == 400 and b"This field is required" in response.content
    assert not Entry.objects.exists()


@pytest.mark.parametrize("role", [None, "pending", "officer", "lead", "moderator"])
def test_only_network_editors_post(request, client_for, liveblog, role):
    c = client_for(request.getfixturevalue(role) if role else None)
    assert c.post(url(liveblog), {"body": "Sneaky"}).status_code == 403
    assert c.post(url(liveblog), {"body": "Sneaky"}, **JSON).status_code == 403
    assert not Change.objects.exists()


@pytest.mark.parametrize("role", [None, "pending", "officer"])
def test_a_members_only_liveblog_refuses_whoever_cannot_read_it(
    request, client_for, members_liveblog, role
):
    c = client_for(request.getfixturevalue(role) if role else None)
    response = c.post(url(members_liveblog), {"body": "Sneaky"}, **JSON)
    assert response.status_code in (401, 403)
    assert not Change.objects.exists()


def test_an_unpublished_or_unknown_liveblog_is_not_found(client_for, liveblog, editor):
    liveblog.unpublish()
    c = client_for(editor)
    assert c.post(url(liveblog), {"body": "Draft"}, **JSON).status_code == 404
    assert (
        c.post(f"/liveblog-composer/{liveblog.pk + 999}/entries/", {"body": "x"}).status_code == 404
    )
    assert not Entry.objects.exists()


def test_get_is_not_allowed(client_for, liveblog, editor):
    assert client_for(editor).get(url(liveblog)).status_code == 405


@pytest.mark.parametrize("existing", [10, 3000])
def test_posting_costs_a_small_fixed_number_of_queries(
    client_for, liveblog, editor, existing, django_assert_max_num_queries
):
    bulk_entries(liveblog, editor, existing)
    c = client_for(editor)
    assert c.post(url(liveblog), {"body": "Warm-up"}, **JSON).status_code == 200
    with django_assert_max_num_queries(COMPOSER_QUERIES):
        assert c.post(url(liveblog), {"body": "Measured"}, **JSON).status_code == 200
