"""The thread page as each reader sees it: posts built in Python (forum/rendering.py), the
visitors' cached page (forum/pagecache.py) and query counts that do not grow with the thread."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.services.moderation import post_hide, thread_set_hidden
from forum.services.posts import post_delete, post_edit, post_restore
from forum.services.threads import thread_mark_answer
from tests.forum.factories import bulk_replies, reply, thread
from tests.forum.reading import post_article as _article
from tests.forum.reading import thread_page_html as _page

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------
# What each reader sees on a post.


def test_visitor_sees_names_and_text_but_no_controls_or_profile_links(
    client_for, public_category, officer, other_officer
):
    t = thread(public_category, officer, body="Opening **words**")
    reply(t, other_officer, body="A reply")
    html = _page(client_for(None), t)
    first = _article(html, 1)
    assert officer.name in first and "<strong>words</strong>" in first
    assert "person-link" not in html and "forum-post__actions" not in html
    assert "csrfmiddlewaretoken" not in html
    assert 'href="' + reverse("forum:post", args=[t.posts.get(number=1).pk]) + '"' in first


def test_author_may_edit_and_delete_own_post_and_others_may_quote_and_report(
    client_for, public_category, officer, other_officer
):
    t = thread(public_category, officer)
    theirs = reply(t, other_officer, body="Their reply")
    mine = _article(_page(client_for(other_officer), t), 2)
    assert reverse("forum:post_edit", args=[theirs.pk]) in mine
    assert reverse("forum:post_delete", args=[theirs.pk]) in mine
    assert "csrfmiddlewaretoken" in mine
    assert reverse("forum:post_report", args=[theirs.pk]) not in mine
    as_other = _article(_page(client_for(officer), t), 2)
    assert reverse("forum:post_edit", args=[theirs.pk]) not in as_other
    assert reverse("forum:post_delete", args=[theirs.pk]) not in as_other
    assert reverse("forum:post_report", args=[theirs.pk]) in as_other
    assert f"?quote={theirs.pk}" in as_other
    # The thread's author may mark a reply as the answer.
    assert reverse("forum:thread_answer", args=[t.pk]) in as_other
    assert 'class="person-link"' in as_other


def test_hidden_post_shows_a_notice_to_members_and_its_text_to_moderators(
    client_for, public_category, officer, other_officer, moderator
):
    t = thread(public_category, officer)
    post = reply(t, other_officer, body="Something rude")
    post_hide(post=post, moderator=moderator)
    for user in (None, officer, other_officer):
        article = _article(_page(client_for(user), t), 2)
        assert "hidden by a moderator" in article and "Something rude" not in article
        assert other_officer.name not in article and "Post #2" in article
    article = _article(_page(client_for(moderator), t), 2)
    assert "Something rude" in article and "as a moderator" in article
    assert reverse("forum:post_restore", args=[post.pk]) in article


def test_deleted_post_text_stays_visible_to_its_author_only(
    client_for, public_category, officer, other_officer
):
    t = thread(public_category, officer)
    post = reply(t, other_officer, body="Second thoughts")
    post_delete(post=post, user=other_officer)
    article = _article(_page(client_for(other_officer), t), 2)
    assert "Second thoughts" in article and "as its author" in article
    assert reverse("forum:post_restore", args=[post.pk]) in article
    for user in (None, officer):
        article = _article(_page(client_for(user), t), 2)
        assert "deleted by its author" in article and "Second thoughts" not in article


def test_unread_posts_are_marked_new_for_a_member(
    client_for, public_category, officer, other_officer
):
    t = thread(public_category, officer)
    reply(t, other_officer)
    html = _page(client_for(officer), t)
    assert "forum-post--unread" not in _article(html, 1)
    assert "forum-post--unread" in _article(html, 2) and "forum-tag-new" in _article(html, 2)


def test_answer_is_marked_for_everyone(client_for, public_category, officer, other_officer):
    t = thread(public_category, officer)
    answer = reply(t, other_officer)
    thread_mark_answer(thread=t, post=answer, user=officer)
    for user in (None, other_officer, officer):
        article = _article(_page(client_for(user), t), 2)
        assert "forum-post--answer" in article and "forum-tag-answer" in article
    assert "Unmark answer" in _article(_page(client_for(officer), t), 2)


def test_edited_post_lists_earlier_versions_with_dates(
    client_for, public_category, officer, other_officer
):
    t = thread(public_category, officer)
    post = reply(t, other_officer, body="First words")
    post_edit(post=post, user=other_officer, body="Second words")
    post.refresh_from_db()
    post_edit(post=post, user=other_officer, body="Third words")
    article = _article(_page(client_for(None), t), 2)
    assert "Third words" in article and "Second words" in article and "First words" in article
    assert "Edited 2 times" in article
    shown = r'<time datetime="\d{4}-\d\d-\d\dT[^"]+">\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d</time>'
    assert re.search(shown, article)


def test_new_posts_fragment_carries_the_readers_controls(
    client_for, public_category, officer, other_officer
):
    t = thread(public_category, officer)
    theirs = reply(t, other_officer)
    url = reverse("forum:posts_after", args=[t.pk])
    html = client_for(other_officer).get(url, {"after": 1}).content.decode()
    assert reverse("forum:post_edit", args=[theirs.pk]) in html
    html = client_for(None).get(url, {"after": 1}).content.decode()
    assert 'id="post-2"' in html and "forum-post__actions" not in html


# ---------------------------------------------------------------------------
# The visitors' cached page: every change shows at once.


def test_visitors_page_shows_each_change_at_once(
    client_for, public_category, officer, other_officer, moderator
):
    visitor = client_for(None)
    t = thread(public_category, officer)
    post = reply(t, other_officer, body="Original text")
    assert "Original text" in _page(visitor, t)
    post_edit(post=post, user=other_officer, body="Edited text")
    assert "Edited text" in _page(visitor, t)
    post.refresh_from_db()
    post_hide(post=post, moderator=moderator)
    html = _page(visitor, t)
    assert "Edited text" not in html and "hidden by a moderator" in html
    post.refresh_from_db()
    post_restore(post=post, user=moderator)
    assert "Edited text" in _page(visitor, t)
    post.refresh_from_db()
    post_delete(post=post, user=other_officer)
    assert "Edited text" not in _page(visitor, t)
    reply(t, officer, body="A later reply")
    assert "A later reply" in _page(visitor, t)


def test_visitors_page_is_refused_once_hidden_or_members_only(
    client_for, public_category, officer, moderator
):
    visitor = client_for(None)
    t = thread(public_category, officer, body="Soon private")
    assert "Soon private" in _page(visitor, t)
    public_category.visibility = "members"
    public_category.save()
    assert visitor.get(t.get_absolute_url(), {"page": 1}).status_code == 404
    public_category.visibility = "public"
    public_category.save()
    assert "Soon private" in _page(visitor, t)
    thread_set_hidden(thread=t, moderator=moderator, hidden=True)
    assert visitor.get(t.get_absolute_url(), {"page": 1}).status_code == 404


def test_members_never_get_the_visitors_page(client_for, public_category, officer, other_officer):
    t = thread(public_category, officer)
    theirs = reply(t, other_officer)
    assert "forum-post__actions" not in _page(client_for(None), t)
    html = _page(client_for(other_officer), t)
    assert reverse("forum:post_edit", args=[theirs.pk]) in html
    assert "Sign in</a> to reply" not in html


def test_visitors_page_links_back_to_the_address_asked_for(client_for, public_category, officer):
    t = thread(public_category, officer)
    visitor = client_for(None)
    first = visitor.get(t.get_absolute_url(), {"page": 1}).content.decode()
    other = visitor.get(t.get_absolute_url(), {"page": 1, "ref": "x"}).content.decode()
    assert "ref%3Dx" not in first and "ref%3Dx" in other


# ---------------------------------------------------------------------------
# Query counts: the same at 20 and at 2,000 replies, for every reader.


def _queries_per_page(client_for, t, users, replies) -> dict[tuple, int]:
    found = {}
    for name, user in users.items():
        client = client_for(user)
        client.get(reverse("forum:index"))  # the session and read state exist
        for page in ("1", "last"):
            client.get(t.get_absolute_url(), {"page": page})
            with CaptureQueriesContext(connection) as queries:
                assert client.get(t.get_absolute_url(), {"page": page}).status_code == 200
            found[(name, page)] = len(queries)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("forum:posts_after", args=[t.pk]), {"after": replies})
            assert response.status_code == 200
        found[(name, "new posts")] = len(queries)
    return found


def test_thread_page_query_counts_are_the_same_at_20_and_2000_replies(
    client_for, public_category, officer, other_officer, moderator
):
    users = {"visitor": None, "officer": officer, "moderator": moderator}
    counts = {}
    for replies in (20, 2000):
        t = thread(public_category, officer, title=f"Thread with {replies}")
        bulk_replies(t, [officer, other_officer], replies)
        edited = reply(t, other_officer, body="edited later")
        post_edit(post=edited, user=other_officer, body="edited now")
        t.refresh_from_db()
        counts[replies] = _queries_per_page(client_for, t, users, replies)
    assert counts[20] == counts[2000]
    # A visitor's repeated page is one query (the thread, for its permissions).
    assert counts[20][("visitor", "1")] == 1
    assert max(counts[20].values()) <= 10


# ---------------------------------------------------------------------------
# Rows of threads in the category page, the latest discussions and search.


def _row(html, t):
    match = re.search(rf'<li class="forum-thread[^"]*" data-thread="{t.pk}">.*?</li>', html, re.S)
    assert match, f"thread {t.pk} is not listed"
    return match.group(0)


def test_thread_rows_show_each_reader_their_own_state(
    client_for, public_category, officer, other_officer, moderator
):
    t = thread(public_category, officer, title="Heat <pumps> & co")
    reply(t, other_officer)
    seen = thread(public_category, officer, title="Read already")
    url = public_category.get_absolute_url()
    visitor = _row(client_for(None).get(url).content.decode(), t)
    assert "Heat &lt;pumps&gt; &amp; co" in visitor and "1 reply" in visitor
    assert "forum-unread" not in visitor and "person-link" not in visitor
    # The author has read the opening post only; the moderator never opened the thread.
    html = client_for(officer).get(url).content.decode()
    assert "1 unread" in _row(html, t) and "forum-unread" not in _row(html, seen)
    assert 'class="person-link"' in _row(html, t)
    assert ">New</strong>" in _row(client_for(moderator).get(url).content.decode(), t)
    thread_set_hidden(thread=t, moderator=moderator, hidden=True)
    assert f'data-thread="{t.pk}"' not in client_for(officer).get(url).content.decode()
    hidden = _row(client_for(moderator).get(url).content.decode(), t)
    assert '<span class="tag">Hidden</span>' in hidden


def test_latest_discussions_and_search_name_the_category(client_for, public_category, officer):
    t = thread(public_category, officer, title="Community energy pricing")
    for html in (
        client_for(officer).get(reverse("forum:index")).content.decode(),
        client_for(None).get(reverse("forum:search"), {"q": "pricing"}).content.decode(),
    ):
        row = _row(html, t)
        assert f'In <a href="{public_category.get_absolute_url()}">' in row
        assert "0 replies" in row
