"""A signed-in reader's thread page, shared by their audience and filled in for them
(forum/memberpages.py): the same page as one rendered for them alone, never a page
they may not see, and every change, role and reader's own control shown at once."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core import pages
from forum.models import ReadState
from forum.services.moderation import post_hide, thread_set_hidden, thread_set_locked
from forum.services.posts import post_delete, post_edit
from forum.services.threads import thread_mark_answer
from forum.services.watching import thread_watch_set
from members.permissions import MODERATORS
from tests import factories
from tests.forum.factories import reply, thread
from tests.forum.reading import post_article as _article
from tests.forum.reading import thread_page_html as _page

pytestmark = pytest.mark.django_db


def _without_tokens(html):
    # Each response masks the CSRF secret afresh.
    return re.sub(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+', r"\1-", html)


@pytest.fixture
def colleague(council):
    """A plain member like other_officer: the same audience, other posts of their own."""
    return factories.officer(council, name="Cal Colleague")


def test_shared_page_is_the_page_rendered_for_each_reader(
    request, monkeypatch, client_for, public_category, officer, other_officer, moderator
):
    t = thread(public_category, officer, body="Opening words")
    answer = reply(t, other_officer, body="The answer")
    thread_mark_answer(thread=t, post=answer, user=officer)
    gone = reply(t, other_officer, body="Second thoughts")
    post_delete(post=gone, user=other_officer)
    rude = reply(t, officer, body="Something rude")
    post_hide(post=rude, moderator=moderator)
    edited = reply(t, moderator, body="First words")
    post_edit(post=edited, user=moderator, body="Better words")
    reply(t, request.getfixturevalue("colleague"), body="Me too")
    other_officer.profile_hidden = True
    other_officer.save()
    thread_watch_set(thread=t, user=other_officer, watching=True)
    readers = (
        "officer",
        "other_officer",
        "colleague",
        "moderator",
        "editor",
        "lead",
        "other_lead",
        "pending",
    )
    for name in readers:
        user = request.getfixturevalue(name)
        client = client_for(user)
        shared = []
        for _ in range(2):  # rendered for the audience (or already cached), then cached
            ReadState.objects.filter(user=user).delete()
            shared.append(_without_tokens(_page(client, t)))
        ReadState.objects.filter(user=user).delete()
        with monkeypatch.context() as patch:
            patch.setattr(pages, "can_share", lambda request: False)
            rendered = _without_tokens(_page(client, t))
        assert shared[0] == rendered, name
        assert shared[1] == rendered, name


def test_a_reader_who_may_not_see_the_thread_never_gets_it_from_the_cache(
    client_for, public_category, members_category, officer, pending, moderator
):
    members_only = thread(members_category, officer, body="For members")
    assert "For members" in _page(client_for(officer), members_only)
    url = members_only.get_absolute_url()
    assert client_for(pending).get(url, {"page": 1}).status_code == 404
    soon_hidden = thread(public_category, officer, body="Soon hidden")
    for user in (officer, pending, moderator):
        assert "Soon hidden" in _page(client_for(user), soon_hidden)
    thread_set_hidden(thread=soon_hidden, moderator=moderator, hidden=True)
    assert "Soon hidden" in _page(client_for(moderator), soon_hidden)
    for user in (officer, pending):
        response = client_for(user).get(soon_hidden.get_absolute_url(), {"page": 1})
        assert response.status_code == 404


def test_members_page_shows_each_change_at_once(
    client_for, public_category, officer, other_officer, moderator
):
    reader = client_for(officer)
    t = thread(public_category, officer)
    post = reply(t, other_officer, body="Original text")
    assert "Original text" in _page(reader, t)
    post_edit(post=post, user=other_officer, body="Edited text")
    assert "Edited text" in _page(reader, t)
    reply(t, other_officer, body="A later reply")
    assert "A later reply" in _page(reader, t)
    post.refresh_from_db()
    post_hide(post=post, moderator=moderator)
    html = _page(reader, t)
    assert "Edited text" not in html and "hidden by a moderator" in html
    assert 'id="reply-heading"' in html
    thread_set_locked(thread=t, moderator=moderator, locked=True)
    html = _page(reader, t)
    assert 'id="reply-heading"' not in html and "This discussion is locked" in html


def test_only_a_posts_author_sees_its_edit_link(
    client_for, public_category, officer, other_officer, colleague
):
    t = thread(public_category, officer)
    theirs = reply(t, other_officer)
    edit = reverse("forum:post_edit", args=[theirs.pk])
    report = reverse("forum:post_report", args=[theirs.pk])
    # The two share an audience: whoever comes first fills the cache for the other.
    for user, is_author in ((colleague, False), (other_officer, True), (colleague, False)):
        article = _article(_page(client_for(user), t), 2)
        assert (edit in article) is is_author
        assert (report in article) is not is_author


def test_moderators_see_moderation_controls_and_members_do_not(
    client_for, public_category, officer, other_officer, moderator, editor
):
    t = thread(public_category, officer)
    theirs = reply(t, other_officer)
    hide = reverse("forum:post_hide", args=[theirs.pk])
    for user, moderates in ((moderator, True), (other_officer, False), (editor, True)):
        html = _page(client_for(user), t)
        assert ("Moderate this discussion" in html) is moderates
        assert (hide in html) is moderates


def test_a_new_moderator_sees_the_controls_at_once(
    client_for, public_category, officer, other_officer, colleague
):
    t = thread(public_category, officer)
    reply(t, other_officer)
    client = client_for(colleague)
    assert "Moderate this discussion" not in _page(client, t)
    Group.objects.get_or_create(name=MODERATORS)[0].user_set.add(colleague)
    assert "Moderate this discussion" in _page(client, t)


def test_new_posts_and_watching_are_each_readers_own(
    client_for, public_category, officer, other_officer, colleague
):
    t = thread(public_category, officer)
    reply(t, other_officer)
    reply(t, officer)
    # Replying marked the thread read and watched for other_officer: start them afresh.
    ReadState.objects.filter(user=other_officer).delete()
    thread_watch_set(thread=t, user=other_officer, watching=False)
    ReadState.objects.create(user=colleague, thread=t, last_read_number=2, read_count=2)
    thread_watch_set(thread=t, user=colleague, watching=True)
    html = _page(client_for(other_officer), t)
    assert all("forum-tag-new" in _article(html, n) for n in (1, 2, 3))
    assert "Watch this discussion" in html
    html = _page(client_for(colleague), t)
    assert "forum-post--unread" not in _article(html, 2)
    assert "forum-post--unread" in _article(html, 3) and "forum-tag-new" in _article(html, 3)
    assert "Stop watching" in html
