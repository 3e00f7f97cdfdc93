"""The ideas list: filters, sorting and pages, kept fast by caches keyed on the list version.

Every cache here is keyed on ``services.list_version()``, which each write
bumps when its transaction commits, so nothing stale outlives a change:

- the ordered ids of each filtered list, and the rendered filter form;
- each idea's card (title, summary, themes, vote count: the same for every
  reader), so a page of cards costs no query once rendered;
- for visitors with no session, the whole page, which has nothing personal
  and no CSRF token on it.

The vote form on each card is rendered per request, with the reader's own
vote state and CSRF token.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from ideasbank import permissions, services
from ideasbank.forms import IdeaFilterForm
from ideasbank.models import Idea, Vote
from ideasbank.views.lookups import CACHE_SECONDS, audience, visible_themes
from members.models import Organisation

PAGE_SIZE = 20


@dataclass(frozen=True)
class Card:
    """One idea in a list, as cached: its rendered body and vote count (the same for
    every reader) and what the reader's own vote form needs."""

    pk: int
    title: str
    is_open: bool
    is_hidden: bool
    vote_url: str
    detail_url: str
    body: SafeString
    count: SafeString


@require_GET
def idea_list(request):
    if not _whole_page_cacheable(request):
        return render(request, "ideasbank/idea_list.html", _list_context(request))
    digest = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()
    key = f"ideasbank:page:{services.list_version()}:{digest}"
    content = cache.get(key)
    if content is None:
        # No CSRF token: nothing on a visitor's list posts, and no visitor's
        # token may be served to another.
        context = {**_list_context(request), "csrf_token": ""}
        content = render(request, "ideasbank/idea_list.html", context).content
        cache.set(key, content, CACHE_SECONDS)
    return HttpResponse(content)


def _whole_page_cacheable(request) -> bool:
    """A visitor with no session and no pending messages sees what every such visitor sees."""
    cookies = request.COOKIES
    return (
        not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def _list_context(request) -> dict:
    user = request.user
    member = permissions.can_post(user)
    query = request.GET.copy()
    query.pop("page", None)
    version = services.list_version()
    digest = hashlib.sha256(query.urlencode().encode()).hexdigest()
    scope = f"{version}:{audience(user)}:{digest}"
    data, filter_html = _filters(request, member, scope)
    # "mine" and "backed" make a list personal.
    personal = user.pk if (data.get("mine") or data.get("backed")) else 0
    window = _IdWindow(lambda: _filtered_ideas(user, data), f"ideasbank:ids:{scope}:{personal}")
    page = Paginator(window, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    voted = (
        set(Vote.objects.filter(user=user, idea_id__in=ids).values_list("idea_id", flat=True))
        if member and ids
        else set()
    )
    return {
        "filter_html": filter_html,
        "page": page,
        "cards": [(card, card.pk in voted) for card in _cards(ids, version)],
        "querystring": query.urlencode(),
        "return_to": request.get_full_path(),
        "can_post": member,
        "can_vote": member,
    }


def _filter_choices(user) -> tuple[list, list]:
    """Themes and organisations of the ideas this reader may see."""
    themes = list(visible_themes(user).order_by("name").values_list("slug", "name"))
    councils = list(
        Organisation.objects.filter(pk__in=Idea.objects.visible_to(user).values("council_id"))
        .order_by("name")
        .values_list("slug", "name")
    )
    return themes, councils


def _filters(request, member: bool, scope: str) -> tuple[dict, SafeString]:
    """The list's filters, parsed and rendered once per query, audience and version.

    A filter value that does not parse is dropped rather than failing the page.
    """
    key = f"ideasbank:filter:{scope}"
    cached = cache.get(key)
    if cached is None:
        themes, councils = _filter_choices(request.user)
        form = IdeaFilterForm(request.GET, themes=themes, councils=councils, member=member)
        form.is_valid()
        html = render_to_string("ideasbank/includes/filter_form.html", {"form": form})
        cached = (dict(form.cleaned_data), html)
        cache.set(key, cached, CACHE_SECONDS)
    data, html = cached
    return data, mark_safe(html)  # noqa: S308 - rendered by our own template above


def _filtered_ideas(user, data: dict):
    ideas = Idea.objects.visible_to(user).search(data.get("q", ""))
    if data.get("theme"):
        ideas = ideas.filter(themes__slug=data["theme"])
    if data.get("council"):
        ideas = ideas.filter(council__slug=data["council"])
    if data.get("stage"):
        ideas = ideas.filter(stage=data["stage"])
    if user.is_authenticated and data.get("mine"):
        ideas = ideas.filter(author=user)
    if user.is_authenticated and data.get("backed"):
        ideas = ideas.filter(Exists(Vote.objects.filter(idea=OuterRef("pk"), user=user)))
    return ideas.sorted_by(data.get("sort") or "top")


class _IdWindow:
    """The ordered ids of a filtered list: the first pages come from the cache,
    later ones from the database. Paginator needs only len() and slices."""

    CACHED = PAGE_SIZE * 10

    def __init__(self, make_queryset, key: str):
        self.make_queryset = make_queryset
        cached = cache.get(key)
        if cached is None:
            queryset = make_queryset()
            ids = list(queryset.values_list("pk", flat=True)[: self.CACHED])
            count = len(ids) if len(ids) < self.CACHED else queryset.count()
            cached = (count, ids)
            cache.set(key, cached, CACHE_SECONDS)
        self.total, self.ids = cached

    def __len__(self):
        return self.total

    def __getitem__(self, window: slice):
        if window.stop is not None and window.stop <= len(self.ids):
            return self.ids[window]
        return list(self.make_queryset().values_list("pk", flat=True)[window])


def _cards(ids: list[int], version: int) -> list[Card]:
    """The cards for these ideas, in order: from the cache, rendering only the missing ones."""
    # "v2": the Card layout; a cache left by an older layout is not read.
    keys = {pk: f"ideasbank:card:v2:{version}:{pk}" for pk in ids}
    found = cache.get_many(keys.values())
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        ideas = (
            Idea.objects.filter(pk__in=missing)
            .select_related("council")
            .prefetch_related("themes")
            .defer("body", "body_html")
        )
        fresh = {keys[idea.pk]: _card(idea) for idea in ideas}
        cache.set_many(fresh, CACHE_SECONDS)
        found.update(fresh)
    return [found[keys[pk]] for pk in ids if keys[pk] in found]


def _card(idea: Idea) -> Card:
    context = {"idea": idea}
    return Card(
        pk=idea.pk,
        title=idea.title,
        is_open=idea.is_open,
        is_hidden=idea.is_hidden,
        vote_url=reverse("ideasbank:vote", args=[idea.pk]),
        detail_url=idea.get_absolute_url(),
        # Rendered by our own templates: safe to mark.
        body=mark_safe(render_to_string("ideasbank/includes/idea_card_body.html", context)),  # noqa: S308
        count=mark_safe(render_to_string("ideasbank/includes/vote_count.html", context)),  # noqa: S308
    )
