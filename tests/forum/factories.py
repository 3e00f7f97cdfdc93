"""Forum factories: categories directly, threads and posts through the services."""

import factory

from forum.models import Category, Post, Thread, Visibility
from forum.services.posts import post_create
from forum.services.threads import thread_create


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = "Officers compare notes."
    visibility = Visibility.PUBLIC


def thread(category, author, title="How did you set up a community energy co-op?", body=None):
    return thread_create(
        category=category, author=author, title=title, body=body or f"Opening: {title}"
    ).thread


def reply(thread, author, body=None):
    body = body or f"Reply {thread.last_number + 1} from {author.name}"
    result = post_create(thread=thread, author=author, body=body)
    thread.refresh_from_db()
    return result.post


def bulk_replies(t, authors, count):
    """Many replies at once, numbered as the services would number them (fast set-up
    for the query-count tests at two data sizes)."""
    start = t.last_number
    Post.objects.bulk_create(
        Post(
            thread=t,
            number=start + i,
            position=start + i,
            author=authors[i % len(authors)],
            body=f"Reply {i}",
            body_html=f"<p>Reply {i}</p>",
        )
        for i in range(1, count + 1)
    )
    Thread.objects.filter(pk=t.pk).update(last_number=start + count, visible_count=start + count)
    t.refresh_from_db()
