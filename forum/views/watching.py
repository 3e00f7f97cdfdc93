"""Watch or stop watching a thread or a category (POST buttons)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from forum.services.watching import category_watch_set, thread_watch_set
from forum.views.lookups import category_or_404, thread_or_404


@require_POST
def thread_watch(request, pk: int):
    thread = thread_or_404(request, pk)
    watching = request.POST.get("watch") == "1"
    thread_watch_set(thread=thread, user=request.user, watching=watching)
    messages.success(
        request,
        "You will be told about new replies." if watching else "You stopped watching.",
    )
    return redirect(f"{thread.get_absolute_url()}?page=1")


@require_POST
def category_watch(request, slug: str):
    category = category_or_404(request, slug)
    watching = request.POST.get("watch") == "1"
    category_watch_set(category=category, user=request.user, watching=watching)
    messages.success(
        request,
        "You will be told about new discussions here."
        if watching
        else "You stopped watching this category.",
    )
    return redirect(category.get_absolute_url())
