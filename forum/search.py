"""The discussions' part of the site search: only threads and replies the reader may open."""

from core.search import SearchHit, SearchSource, ranked
from forum.models import Post, Thread


def thread_hit(thread) -> SearchHit:
    return SearchHit(
        title=thread.title,
        url=thread.get_absolute_url(),
        kind=f"Discussion in {thread.category.name}",
        summary=thread.opening_text[:200],
    )


def post_hit(post) -> SearchHit:
    return SearchHit(
        title=f"Reply in {post.thread.title}",
        url=post.get_absolute_url(),
        kind=f"Reply in {post.thread.category.name}",
        summary=post.body[:200],
    )


def visible_replies(user):
    """Replies (not opening posts) that are shown, in threads the reader may open."""
    threads = Thread.objects.visible_to(user)
    return (
        Post.objects.filter(thread__in=threads.values("pk"), number__gt=1)
        .filter(deleted_at__isnull=True, hidden_at__isnull=True)
        .select_related("thread__category")
    )


def threads_source(user) -> SearchSource:
    return SearchSource(
        key="discussions",
        label="Discussions",
        queryset=Thread.objects.visible_to(user),
        hit=thread_hit,
    )


def posts_source(user) -> SearchSource:
    # A reply ranks below a thread, idea or page with the same words: a reply's
    # words are often an aside, a thread's or a page's its subject.
    return SearchSource(
        key="replies", label="Replies", queryset=visible_replies(user), hit=post_hit, weight=0.8
    )


def search_threads(user, query: str, limit: int) -> list[SearchHit]:
    return [thread_hit(t) for t in ranked(Thread.objects.visible_to(user), query, limit=limit)]
