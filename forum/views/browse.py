"""Finding discussions: the index of categories, one category's threads, and search."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.validators import strip_control
from forum import permissions
from forum.models import Category, Thread
from forum.rendering import thread_rows
from forum.views.lookups import category_or_404

THREADS_PER_PAGE = 30
MAX_QUERY = 200


@require_GET
def category_list(request):
    categories = list(
        Category.objects.visible_to(request.user).with_shown_thread_count(request.user)
    )
    recent = list(
        Thread.objects.visible_to(request.user)
        .with_read_state(request.user)
        .select_related("author", "last_poster")
        .order_by("-last_post_at", "-pk")[:10]
    )
    return render(
        request,
        "forum/category_list.html",
        {
            "categories": categories,
            "recent": recent,
            "thread_rows": thread_rows(request.user, recent, show_category=True),
            "is_moderator": permissions.can_moderate(request.user),
        },
    )


@require_GET
def category_detail(request, slug: str):
    category = category_or_404(request, slug)
    threads = (
        Thread.objects.visible_to(request.user)
        .filter(category=category)
        .with_read_state(request.user)
        .for_list()
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    watching = request.user.is_authenticated and category.watches.filter(user=request.user).exists()
    return render(
        request,
        "forum/category_detail.html",
        {
            "category": category,
            "page": page,
            "thread_rows": thread_rows(request.user, page.object_list),
            "watching": watching,
            "can_start": permissions.can_start_thread(request.user, category),
        },
    )


@require_GET
def search(request):
    query = strip_control(request.GET.get("q", "")).strip()[:MAX_QUERY]
    results = []
    if query:
        results = list(
            Thread.objects.visible_to(request.user)
            .search(query)
            .with_read_state(request.user)
            .select_related("author")
            .order_by("-last_post_at")[:50]
        )
    return render(
        request,
        "forum/search.html",
        {
            "query": query,
            "results": results,
            "thread_rows": thread_rows(request.user, results, show_category=True),
        },
    )
