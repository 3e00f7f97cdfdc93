"""What a forum address or parameter names, fetched for this reader, or 404 / 400."""

import re

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from forum import permissions
from forum.models import Category, Post, Thread

# Plain ASCII digits, short enough for any database integer: not "²", "1e3" or 5,000 digits.
_SMALL_INT = re.compile(r"[0-9]{1,9}")


def small_int(raw: str | None) -> int | None:
    """The number in a request parameter, or None when it is not a plain small integer."""
    if raw is None or not _SMALL_INT.fullmatch(raw):
        return None
    return int(raw)


def number_or_400(raw: str | None, *, name: str) -> int:
    number = small_int(raw)
    if number is None:
        raise ValidationError(f"{name} must be a post number.")
    return number


def category_or_404(request, slug: str) -> Category:
    return get_object_or_404(Category.objects.visible_to(request.user), slug=slug)


def thread_or_404(request, pk: int) -> Thread:
    return get_object_or_404(
        Thread.objects.visible_to(request.user).select_related("author", "answer"), pk=pk
    )


def post_or_404(request, pk: int) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("thread", "thread__category", "author"), pk=pk
    )
    if not permissions.can_view_thread(request.user, post.thread):
        raise Http404
    return post
