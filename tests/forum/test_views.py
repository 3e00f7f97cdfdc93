"""Pages, feeds, search and endpoints, per role; bad input; query counts."""

import re

import pytest
from django.urls import reverse

from forum.models import Post, PostRevision, Thread
from forum.services.moderation import thread_set_hidden, thread_set_locked
from forum.services.posts import post_edit
from notifications.models import Notification
from tests.forum.factories import CategoryFactory, bulk_replies, reply, thread

pytestmark = pytest.mark.django_db

SECRET = "Members-only budget figures"


@pytest.fixture
def both(public_category, members_category, officer):
    public = thread(public_category, officer, title="Public energy question", body="Open text")
    secret = thread(members_category, officer, title=SECRET, body="Secret text")
    reply(secret, officer, body="Secret reply text")
    return public, secret


def pages_for(client, public, secret, public_category, members_category):
    return {
        "index": client.get(reverse("forum:index")),
        "public_category": client.get(public_category.get_absolute_url()),
        "members_category": client.get(members_category.get_absolute_url()),
        "members_thread": client.get(f"{secret.get_absolute_url()}?page=1"),
        "members_thread_short": client.get(reverse("forum:thread_short", args=[secret.pk])),
        "members_post": client.get(reverse("forum:post", args=[secret.posts.first().pk])),
        "members_history": client.get(
            reverse("forum:post_history", args=[secret.posts.first().pk])
        ),
        "members_new_posts": client.get(reverse("forum:posts_after", args=[secret.pk])),
        "members_feed": client.get(reverse("forum:category_feed", args=[members_category.slug])),
        "public_feed": client.get(reverse("forum:category_feed", args=[public_category.slug])),
        "search": client.get(reverse("forum:search"), {"q": "text"}),
    }


@pytest.mark.parametrize("who", ["visitor", "pending"])
def test_visitor_and_pending_member_never_see_members_only_discussions(
    who, client_for, both, pending, public_category, members_category
):
    public, secret = both
    client = client_for(None if who == "visitor" else pending)
    pages = pages_for(client, public, secret, public_category, members_category)
    for name in (
        "members_category",
        "members_thread",
        "members_thread_short",
        "members_post",
        "members_history",
        "members_new_posts",
        "members_feed",
    ):
        assert pages[name].status_code == 404, name
    for name in ("index", "public_category", "public_feed", "search"):
        body = pages[name].content.decode()
        assert pages[name].status_code == 200, name
        assert SECRET not in body and "Secret" not in body and "Officers&#x27; lounge" not in body
    assert "Public energy question" in pages["index"].content.decode()
    assert "Public energy question" in pages["search"].content.decode()
    assert "Public energy question" in pages["public_feed"].content.decode()


def test_member_sees_members_only_discussions_everywhere_but_feeds(
    client_for, both, other_officer, public_category, members_category
):
    public, secret = both
    pages = pages_for(client_for(other_officer), public, secret, public_category, members_category)
    assert SECRET in pages["index"].content.decode()
    assert SECRET in pages["members_category"].content.decode()
    assert "Secret reply text" in pages["members_thread"].content.decode()
    assert SECRET in pages["search"].content.decode()
    assert pages["members_feed"].status_code == 404  # feeds are public documents


def test_public_feed_is_atom(client_for, both, public_category):
    response = client_for(None).get(reverse("forum:category_feed", args=[public_category.slug]))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<entry>" in response.content.decode()


def test_hidden_thread_is_gone_for_members_and_shown_to_moderators(
    client_for, public_category, officer, other_officer, moderator
):

    t = thread(public_category, officer, title="Spam thread")
    thread_set_hidden(thread=t, moderator=moderator, hidden=True)
    assert client_for(other_officer).get(f"{t.get_absolute_url()}?page=1").status_code == 404
    assert "Spam thread" not in client_for(None).get(reverse("forum:index")).content.decode()
    assert client_for(moderator).get(f"{t.get_absolute_url()}?page=1").status_code == 200


def test_member_starts_a_thread_and_replies_through_forms(client_for, public_category, officer):
    client = client_for(officer)
    response = client.post(
        reverse("forum:thread_create", args=[public_category.slug]),
        {"title": "Procuring for social value", "body": "How do you weight it?"},
    )
    t = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == t.get_absolute_url()
    response = client.post(reverse("forum:reply", args=[t.pk]), {"body": "We use 20%."})
    assert response.status_code == 302 and response["Location"].endswith("#post-2")


def test_double_submitted_reply_form_is_stored_once(client_for, public_category, officer):
    t = thread(public_category, officer)
    client = client_for(officer)
    for _ in range(2):
        response = client.post(reverse("forum:reply", args=[t.pk]), {"body": "Same words"})
        assert response.status_code == 302
    assert Post.objects.filter(thread=t).count() == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write something before posting."),
        ("x" * 1_000_000, "at most 20,000 characters"),
        ("Ask @Nobody Atall", "No member is called @Nobody"),
    ],
)
def test_bad_reply_gets_a_clear_message_and_changes_nothing(
    client_for, public_category, officer, body, message
):
    t = thread(public_category, officer)
    response = client_for(officer).post(reverse("forum:reply", args=[t.pk]), {"body": body})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Post.objects.filter(thread=t).count() == 1


def test_reply_to_locked_thread_through_the_form_is_refused(
    client_for, public_category, officer, other_officer, moderator
):

    t = thread(public_category, officer)
    thread_set_locked(thread=t, moderator=moderator, locked=True)
    response = client_for(other_officer).post(reverse("forum:reply", args=[t.pk]), {"body": "Hi"})
    assert response.status_code == 400
    assert "locked: no more replies" in response.content.decode()
    assert Post.objects.filter(thread=t).count() == 1
    page = client_for(other_officer).get(f"{t.get_absolute_url()}?page=1").content.decode()
    assert "This discussion is locked" in page


def test_rate_limited_reply_says_so(settings, client_for, public_category, officer):
    settings.HUB_POST_RATE = "1/m"
    t = thread(public_category, officer)
    response = client_for(officer).post(reverse("forum:reply", args=[t.pk]), {"body": "Again"})
    assert response.status_code == 429
    assert "too often" in response.content.decode()


def test_visitor_posting_is_refused_and_sent_to_sign_in(client_for, public_category, officer):
    t = thread(public_category, officer)
    visitor = client_for(None)
    response = visitor.post(reverse("forum:reply", args=[t.pk]), {"body": "Hi"})
    assert response.status_code == 403 and "/accounts/login/" in response.content.decode()
    response = visitor.get(reverse("forum:reply", args=[t.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Post.objects.count() == 1


def test_member_cannot_edit_or_delete_another_members_post_through_the_site(
    client_for, public_category, officer, other_officer
):
    post = thread(public_category, officer).posts.get()
    client = client_for(other_officer)
    assert client.get(reverse("forum:post_edit", args=[post.pk])).status_code == 403
    assert client.post(reverse("forum:post_edit", args=[post.pk]), {"body": "X"}).status_code == 403
    assert client.post(reverse("forum:post_delete", args=[post.pk])).status_code == 403
    post.refresh_from_db()
    assert post.body.startswith("Opening") and post.deleted_at is None


def test_edit_history_is_visible_on_the_post(client_for, public_category, officer, other_officer):
    post = thread(public_category, officer, body="Version one").posts.get()
    client_for(officer).post(reverse("forum:post_edit", args=[post.pk]), {"body": "Version two"})
    assert PostRevision.objects.count() == 1
    page = client_for(other_officer).get(f"{post.thread.get_absolute_url()}?page=1")
    text = page.content.decode()
    assert "Version two" in text and "Version one" in text and "Edited 1 time" in text


def test_quote_prefills_the_reply_box(client_for, public_category, officer, other_officer):
    post = thread(public_category, officer, body="Share offers work").posts.get()
    response = client_for(other_officer).get(
        reverse("forum:reply", args=[post.thread_id]), {"quote": post.pk}
    )
    assert "&gt; Share offers work" in response.content.decode()


@pytest.mark.parametrize("who", ["officer", "lead", "visitor"])
def test_only_moderators_reach_the_queue_and_log_and_moderate(
    who, request, client_for, public_category, officer
):
    t = thread(public_category, officer)
    user = None if who == "visitor" else request.getfixturevalue(who)
    client = client_for(user)
    for name in ("forum:moderation_queue", "forum:moderation_log"):
        response = client.get(reverse(name))
        assert response.status_code in (302, 403)
    response = client.post(reverse("forum:thread_moderate", args=[t.pk]), {"action": "pin"})
    assert response.status_code in (302, 403)
    t.refresh_from_db()
    assert not t.pinned


def test_moderator_pins_and_sees_it_in_the_log(client_for, public_category, officer, moderator):
    t = thread(public_category, officer, title="Pin me")
    client = client_for(moderator)
    client.post(reverse("forum:thread_moderate", args=[t.pk]), {"action": "pin"})
    t.refresh_from_db()
    assert t.pinned
    log = client.get(reverse("forum:moderation_log")).content.decode()
    assert "Pinned thread" in log and "Marcus Moderator" in log


def test_report_flow_through_the_site(
    client_for, public_category, officer, other_officer, moderator
):
    t = thread(public_category, officer)
    post = reply(t, other_officer, body="Rude words")
    response = client_for(officer).post(
        reverse("forum:post_report", args=[post.pk]), {"reason": ""}
    )
    assert response.status_code == 400
    client_for(officer).post(reverse("forum:post_report", args=[post.pk]), {"reason": "Rude"})
    queue = client_for(moderator).get(reverse("forum:moderation_queue")).content.decode()
    assert "Rude words" in queue
    report = post.reports.get()
    client_for(moderator).post(
        reverse("forum:report_resolve", args=[report.pk]), {"decision": "hide"}
    )
    post.refresh_from_db()
    assert post.hidden_at is not None
    page = client_for(other_officer).get(f"{t.get_absolute_url()}?page=1").content.decode()
    assert "hidden by a moderator" in page and "Rude words" not in page


def test_member_autocomplete_is_for_members_and_lists_confirmed_members(
    client_for, officer, other_officer, pending
):
    url = reverse("forum:member_autocomplete")
    for refused in (client_for(None), client_for(pending)):
        response = refused.get(url, {"q": "Le"}, HTTP_ACCEPT="application/json")
        assert response.status_code == 403
        assert response.json()["error"] == "Sign in as a member to mention people."
    assert client_for(None).get(url, {"q": "Le"}).status_code == 302  # a browser: sign in
    data = client_for(officer).get(url, {"q": "le"}).json()
    assert [r["name"] for r in data["results"]] == ["Leah Officer"]
    assert data["results"][0]["organisation"] == "Lambeth Council"
    assert client_for(officer).get(url, {"q": "Pend"}).json()["results"] == []
    nul = client_for(officer).get(url, {"q": "Le\x00ah"}).json()["results"]
    assert [r["name"] for r in nul] == ["Leah Officer"]


def test_mention_through_the_form_notifies(client_for, public_category, officer, other_officer):
    t = thread(public_category, officer)
    client_for(officer).post(reverse("forum:reply", args=[t.pk]), {"body": "@Leah Officer?"})
    assert Notification.objects.filter(recipient=other_officer, kind="forum.mention").exists()


def test_new_posts_fragment_returns_only_later_posts(client_for, public_category, officer):
    t = thread(public_category, officer)
    reply(t, officer, body="two")
    reply(t, officer, body="three")
    html = (
        client_for(officer)
        .get(reverse("forum:posts_after", args=[t.pk]), {"after": 2})
        .content.decode()
    )
    assert 'id="post-3"' in html and 'id="post-2"' not in html
    bad = client_for(officer).get(reverse("forum:posts_after", args=[t.pk]), {"after": "x"})
    assert bad.status_code == 400


def test_out_of_range_page_numbers_are_clamped(client_for, public_category, officer):
    t = thread(public_category, officer)
    for page in ("0", "999", "abc", "last"):
        assert client_for(officer).get(t.get_absolute_url(), {"page": page}).status_code == 200


# ---------------------------------------------------------------------------
# Query counts stay flat as data grows.


@pytest.mark.parametrize("replies", [20, 2000])
def test_thread_page_queries_do_not_grow_with_replies(
    replies,
    client_for,
    django_assert_max_num_queries,
    public_category,
    officer,
    other_officer,
    moderator,
):
    t = thread(public_category, officer)
    bulk_replies(t, [officer, other_officer], replies)
    reply(t, other_officer, body="edited later")
    last = t.posts.order_by("-number").first()

    post_edit(post=last, user=other_officer, body="edited now")
    t.refresh_from_db()
    for user in (None, officer, moderator):
        client = client_for(user)
        client.get(reverse("forum:index"))  # warm the session
        for page in ("1", "last"):
            with django_assert_max_num_queries(12):
                response = client.get(t.get_absolute_url(), {"page": page})
            assert response.status_code == 200


@pytest.mark.parametrize("threads", [5, 1000])
def test_category_pages_queries_do_not_grow_with_threads(
    threads, client_for, django_assert_max_num_queries, officer, other_officer
):
    category = CategoryFactory(slug="busy", visibility="public")
    others = [CategoryFactory(slug=f"other-{i}") for i in range(3)]
    Thread.objects.bulk_create(
        Thread(
            category=category,
            title=f"Thread {i}",
            slug=f"thread-{i}",
            author=officer,
            last_poster=other_officer,
            last_number=3,
            visible_count=3,
        )
        for i in range(threads)
    )
    assert others
    client = client_for(other_officer)
    client.get("/healthz/")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("forum:index")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(category.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(category.get_absolute_url(), {"page": "last"}).status_code == 200


# ---------------------------------------------------------------------------
# Site search, home page and the Wagtail admin.


@pytest.mark.parametrize("who", ["visitor", "pending", "officer"])
def test_site_search_shows_members_only_threads_to_members_only(who, request, client_for, both):
    user = None if who == "visitor" else request.getfixturevalue(who)
    body = client_for(user).get("/search/", {"q": "text"}).content.decode()
    assert "Public energy question" in body
    assert (SECRET in body) is (who == "officer")


def test_home_page_lists_latest_discussions_for_members_only(client_for, both, other_officer):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from forum.home import latest_discussions

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert latest_discussions(request) is None
    request.user = other_officer
    section = latest_discussions(request)
    assert section["template"] == "forum/includes/home_discussions.html"
    assert SECRET in [t.title for t in section["threads"]]


@pytest.mark.parametrize(
    ("who", "allowed"), [("editor", True), ("moderator", False), ("officer", False)]
)
def test_only_network_editors_manage_categories_in_the_wagtail_admin(
    who, allowed, request, client_for, public_category
):
    client = client_for(request.getfixturevalue(who))
    listing = client.get("/admin/snippets/forum/category/")
    create = client.post(
        "/admin/snippets/forum/category/add/",
        {"name": "Social value", "slug": "social-value", "description": "", "visibility": "public"},
    )
    from forum.models import Category

    assert (listing.status_code == 200) is allowed
    assert Category.objects.filter(slug="social-value").exists() is allowed
    assert create.status_code in (200, 302)


def test_category_pages_link_the_ends_and_the_pages_around_the_current_one(
    client_for, officer, other_officer
):
    category = CategoryFactory(slug="busy", visibility="public")
    Thread.objects.bulk_create(
        Thread(category=category, title=f"Thread {i}", slug=f"t-{i}", author=officer)
        for i in range(30 * 20)
    )
    html = client_for(other_officer).get(category.get_absolute_url(), {"page": 10}).content.decode()
    linked = {int(n) for n in re.findall(r'href="\?page=(\d+)"', html)}
    assert {1, 8, 9, 10, 11, 12, 20} <= linked
    assert not linked & {4, 5, 15, 16}
    assert html.count("…") == 2
