"""The liveblog page, polling, feed and composer, per role."""

import json
import re

import pytest
from wagtail.models import PageViewRestriction

from liveblogs import services
from liveblogs.models import Change, Entry, LiveblogPage
from liveblogs.services import EntryFields, entry_post
from tests.liveblogs.conftest import bulk_entries

pytestmark = pytest.mark.django_db


def post(page, editor, body="The host council opens the meeting.", **extra):
    return entry_post(page=page, author=editor, fields=EntryFields(body=body, **extra))


JSON = {"HTTP_ACCEPT": "application/json"}


def test_a_visitor_reads_a_public_liveblog_with_its_entries(client, liveblog, editor):
    post(liveblog, editor, body="Co-operative energy in Plymouth")
    response = client.get(liveblog.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Co-operative energy in Plymouth" in html
    assert 'aria-live="polite"' in html
    assert 'data-seq="1"' in html
    assert 'id="lb-composer"' not in html  # no composer for readers


def test_the_page_carries_live_blog_posting_json_ld(client, liveblog, editor):
    post(liveblog, editor, body="First </script> update")
    html = client.get(liveblog.url).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "LiveBlogPosting"
    assert data["liveBlogUpdate"][0]["@type"] == "BlogPosting"
    assert "First" in data["liveBlogUpdate"][0]["articleBody"]


def test_pinned_entries_come_first(client, liveblog, editor):
    pinned = post(liveblog, editor, body="Pinned: the agenda", is_pinned=True)
    post(liveblog, editor, body="A later update")
    html = client.get(liveblog.url).content.decode()
    html = html[html.index('id="lb-entries"') :]
    assert html.index(f'id="entry-{pinned.pk}"') < html.index("A later update")


def test_key_moments_filter_works_without_javascript(client, liveblog, editor):
    post(liveblog, editor, body="Ordinary update")
    post(liveblog, editor, body="The declaration is signed", is_key=True)
    html = client.get(f"{liveblog.url}?key=1").content.decode()
    html = html[html.index('id="lb-entries"') :]
    assert "The declaration is signed" in html and "Ordinary update" not in html


def test_members_only_liveblog_is_refused_to_visitors_and_pending_members(
    client_for, members_liveblog, editor, pending, officer
):
    post(members_liveblog, editor, body="Members-only discussion")
    visitor = client_for(None)
    for path in ("", "updates/?since=0", "feed/"):
        response = visitor.get(f"{members_liveblog.url}{path}")
        assert response.status_code == 302 and "login/?next=" in response["Location"]
    for path in ("", "updates/?since=0"):
        response = client_for(pending).get(f"{members_liveblog.url}{path}")
        assert response.status_code == 403
        assert b"Members-only discussion" not in response.content
    member = client_for(officer)
    assert member.get(members_liveblog.url).status_code == 200
    assert len(member.get(f"{members_liveblog.url}updates/?since=0").json()["changes"]) == 1


def test_group_restriction_admits_only_those_groups(client_for, liveblog, editor, officer, lead):
    from django.contrib.auth.models import Group

    restriction = PageViewRestriction.objects.create(
        page=liveblog, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Council leads"))
    assert client_for(lead).get(f"{liveblog.url}updates/").status_code == 200
    refused = client_for(officer).get(f"{liveblog.url}updates/")
    assert refused.status_code == 302 and b"changes" not in refused.content  # Wagtail: to sign-in


def test_polling_rejects_a_bad_since(client, liveblog):
    response = client.get(f"{liveblog.url}updates/?since=abc")
    assert response.status_code == 400 and "since" in response.json()["error"]


def test_polling_reports_the_state(client, liveblog):
    data = client.get(f"{liveblog.url}updates/?since=0").json()
    assert data == {"changes": [], "state": "live", "last_seq": 0}


def test_atom_feed_lists_entries_of_a_public_liveblog_only(
    client, liveblog, members_liveblog, editor
):
    post(liveblog, editor, body="Public update")
    response = client.get(f"{liveblog.url}feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert b"Public update" in response.content
    post(members_liveblog, editor, body="Private update")
    assert client.get(f"{members_liveblog.url}feed/").status_code == 302


def test_ended_liveblog_says_so_and_opens_no_socket(client, liveblog):
    liveblog.state = LiveblogPage.State.ENDED
    liveblog.save_revision().publish()
    html = client.get(liveblog.url).content.decode()
    assert 'data-state="ended"' in html and "This liveblog has ended." in html


def test_editor_posts_with_a_plain_form(client_for, liveblog, editor):
    response = client_for(editor).post(f"{liveblog.url}entries/", {"body": "Posted without JS"})
    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#entry-{entry.pk}")
    assert Change.objects.get().op == "created"


def test_editor_posts_with_fetch_and_gets_the_change(client_for, liveblog, editor):
    response = client_for(editor).post(
        f"{liveblog.url}entries/", {"body": "Posted with JS", "is_key": "on"}, **JSON
    )
    change = response.json()["change"]
    assert (change["seq"], change["op"], change["key"]) == (1, "created", True)


def test_empty_entry_is_refused_with_a_message(client_for, liveblog, editor):
    editor_client = client_for(editor)
    response = editor_client.post(f"{liveblog.url}entries/", {"body": "  "}, **JSON)
    assert response.status_code == 400 and "body" in response.json()["errors"]
    response = editor_client.post(f"{liveblog.url}entries/", {"body": ""})
    assert response.status_code == 400 and b"This field is required" in response.content
    assert not Entry.objects.exists()


@pytest.mark.parametrize("role", [None, "officer", "moderator"])
def test_non_editors_cannot_post_edit_or_delete(request, client_for, liveblog, editor, role):
    entry = post(liveblog, editor)
    c = client_for(request.getfixturevalue(role) if role else None)
    base = liveblog.url
    assert c.post(f"{base}entries/", {"body": "Sneaky"}).status_code == 403
    assert c.post(f"{base}entries/{entry.pk}/edit/", {"body": "Sneaky"}).status_code == 403
    assert c.post(f"{base}entries/{entry.pk}/delete/").status_code == 403
    assert c.post(f"{base}entries/{entry.pk}/flags/", {"pinned": "1"}).status_code == 403
    assert Change.objects.count() == 1


def test_editor_edits_pins_and_deletes(client_for, liveblog, editor):
    entry = post(liveblog, editor)
    c = client_for(editor)
    base = f"{liveblog.url}entries/{entry.pk}/"
    assert c.get(f"{base}edit/").status_code == 200
    assert c.get(f"{base}edit/", **JSON).json()["fields"]["body"] == entry.body
    assert c.post(f"{base}edit/", {"body": "Corrected"}).status_code == 302
    flags = c.post(f"{base}flags/", {"pinned": "1"}, **JSON).json()["change"]
    assert flags["pinned"] is True and flags["op"] == "updated"
    assert c.post(f"{base}delete/", **JSON).json()["change"]["op"] == "deleted"
    # A second delete finds nothing: the entry is gone for readers.
    assert c.post(f"{base}delete/").status_code == 404
    assert list(Change.objects.values_list("seq", flat=True)) == [1, 2, 3, 4]


def test_get_on_a_write_route_is_not_allowed(client_for, liveblog, editor):
    assert client_for(editor).get(f"{liveblog.url}entries/").status_code == 405


def test_index_lists_only_what_the_reader_may_see(client_for, liveblog, members_liveblog, officer):
    index_url = liveblog.get_parent().url
    visitor_html = client_for(None).get(index_url).content.decode()
    assert liveblog.title in visitor_html and "roundtable" not in visitor_html
    member_html = client_for(officer).get(index_url).content.decode()
    assert "roundtable" in member_html


@pytest.mark.parametrize("entries", [5, 400])
def test_page_queries_do_not_grow_with_entries(
    client_for, liveblog, editor, entries, django_assert_max_num_queries
):
    bulk_entries(liveblog, editor, entries)
    c = client_for(editor)
    c.get(liveblog.url)
    with django_assert_max_num_queries(25):
        assert c.get(liveblog.url).status_code == 200


def test_home_page_shows_a_live_liveblog_to_those_who_may_read_it(
    client_for, liveblog, members_liveblog, officer
):
    home = liveblog.get_parent().get_parent()
    visitor_html = client_for(None).get(home.url).content.decode()
    assert "Live now" in visitor_html and liveblog.title in visitor_html
    assert "roundtable" not in visitor_html
    assert "roundtable" in client_for(officer).get(home.url).content.decode()


def test_admin_entries_go_through_the_services(client_for, liveblog, editor):
    from django.urls import reverse

    c = client_for(editor)
    add_url = reverse("wagtailsnippets_liveblogs_entry:add")
    response = c.post(add_url, {"page": liveblog.pk, "body": "Posted from the admin"})
    assert response.status_code == 302, response.content[:2000]
    entry = Entry.objects.get()
    assert entry.html and Change.objects.get().op == "created"
    edit_url = reverse("wagtailsnippets_liveblogs_entry:edit", args=[entry.pk])
    c.post(edit_url, {"page": liveblog.pk, "body": "Edited in the admin"})
    assert Change.objects.order_by("-seq").first().op == "updated"
    delete_url = reverse("wagtailsnippets_liveblogs_entry:delete", args=[entry.pk])
    c.post(delete_url)
    assert Change.objects.order_by("-seq").first().op == "deleted"
    assert Entry.objects.get().deleted_at is not None


def test_polling_no_longer_returns_a_deleted_entry(client, liveblog, editor):
    entry = post(liveblog, editor, body="SECRETENTRY posted by mistake")
    services.entry_delete(entry=entry, editor=editor)
    response = client.get(f"{liveblog.url}updates/?since=0")
    assert b"SECRETENTRY" not in response.content
    changes = response.json()["changes"]
    assert [(c["op"], c["id"], c["html"]) for c in changes] == [
        ("created", entry.pk, ""),
        ("deleted", entry.pk, ""),
    ]


def test_polling_returns_only_the_current_text_of_an_edited_entry(client, liveblog, editor):
    entry = post(liveblog, editor, body="SECRETDRAFT with a wrong figure")
    services.entry_update(
        entry=entry, editor=editor, fields=services.EntryFields(body="Corrected figure")
    )
    services.entry_set_flags(entry=entry, editor=editor, pinned=True)
    response = client.get(f"{liveblog.url}updates/?since=0")
    assert b"SECRETDRAFT" not in response.content
    changes = response.json()["changes"]
    assert [c["op"] for c in changes] == ["created", "updated", "updated"]
    assert [bool(c["html"]) for c in changes] == [False, False, True]
    assert "Corrected figure" in changes[-1]["html"] and changes[-1]["pinned"] is True


def _restriction_lookups(queries) -> int:
    return sum("wagtailcore_pageviewrestriction" in q["sql"] for q in queries)


def test_a_page_view_looks_up_the_view_restrictions_once_for_the_liveblog(client, liveblog):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Wagtail's own privacy hook looks once before serving; the liveblog's
    # permission check and its "is public" flag share one more lookup.
    for path in ("", "feed/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{liveblog.url}{path}").status_code == 200
        assert _restriction_lookups(queries.captured_queries) == 2


@pytest.mark.parametrize(("restricted", "described"), [(False, True), (True, False)])
def test_json_ld_describes_the_event_only_to_readers_who_may_open_it(
    client, liveblog, restricted, described
):
    from tests.cms.helpers import make_event

    event = make_event(title="Forum session in Plymouth", restricted=restricted)
    liveblog.event = event
    liveblog.save_revision().publish()
    html = client.get(liveblog.url).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert ("about" in data) is described
    assert ("Forum session in Plymouth" in match.group(1)) is described
