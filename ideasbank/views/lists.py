"""The ideas list: filters, sorting and pages, kept fast by caches keyed on the list version.

Every cache here is keyed on ``services.list_version()``, which each write
bumps when its transaction commits, so nothing stale outlives a change:

- the ordered ids of each filtered list, and the rendered filter form;
- each idea's card (title, summary, themes, vote count: the same for every
  reader), with its vote form rendered once for each kind of reader;
- each page of a list, rendered for one audience (which ideas it may see) and
  one kind of reader (member, signed-in non-member, visitor);
- for signed-in readers with no message waiting, the whole page around it,
  per header variant (core.pages: who sees the membership-requests link);
- for visitors with no session, the whole page, which has nothing personal
  and no CSRF token on it.

A member's page is then the cached page with, on each card, the vote form for
their own vote state (their voted ids are cached per list version, and a vote
drops them at once), and their CSRF token, unread count and return address
filled in: no template rendered, and no query (the member's own row comes from
the cache too, core/auth.py). The pages are kept in each process as well
(core.pages.shared_value), so a request reads a token, not the page, from the cache.
"""

import hashlib
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from core import pages
from ideasbank import permissions, services
from ideasbank.forms import IdeaFilterForm
from ideasbank.models import Idea, Vote
from ideasbank.views.lookups import CACHE_SECONDS, audience, visible_themes
from members.models import Organisation

PAGE_SIZE = 20

# Kinds of reader, by what the vote form on a card offers them.
MEMBER = "member"  # a confirmed member: an Upvote / Remove my vote button
SIGNED_IN = "signed-in"  # signed in but not (yet) a member: "Confirmed members can vote."
VISITOR = "visitor"  # "Sign in to vote"

# Slots in cached HTML, filled per request. Control characters never reach the
# page otherwise: input is stripped of them (core.validators) and escaping keeps them.
_LIST = "\x00list\x00"
_CARDS = "\x00cards\x00"
_VOTE_FORM = "\x00vote-form\x00"
_NEXT = "\x00next\x00"


@dataclass(frozen=True)
class Card:
    """One idea in a list, as cached: its rendered card (the same for every reader) around
    the place of the vote form, and the vote form for each kind of reader and vote state."""

    pk: int
    head: str
    tail: str
    # "vote" and "unvote" (a member who has not / has voted; with the CSRF and
    # return-address slots), SIGNED_IN and VISITOR.
    forms: dict[str, str]


@dataclass(frozen=True)
class ListPage:
    """A page of a list (or a whole page) as cached for an audience and kind of reader:
    the HTML between the members' vote forms, and each card's two forms (not voted, voted)."""

    texts: tuple[str, ...]
    slots: tuple[tuple[int, str, str], ...]

    def around(self, before: str, after: str) -> "ListPage":
        texts = list(self.texts)
        texts[0] = before + texts[0]
        texts[-1] += after
        return ListPage(texts=tuple(texts), slots=self.slots)


@dataclass(frozen=True)
class _Listing:
    """What one request asks of the list, and the key its page is cached under."""

    key: str
    reader: str
    data: dict
    scope: str
    personal: int
    filter_html: SafeString
    query: QueryDict
    version: int


@require_GET
def idea_list(request):
    if _whole_page_cacheable(request):
        digest = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()
        key = f"ideasbank:page:{services.list_version()}:{digest}"
        content = cache.get(key)
        if content is None:
            # No CSRF token: nothing on a visitor's list posts, and no visitor's
            # token may be served to another.
            context = {"list_html": _list_html(request), "csrf_token": ""}
            content = render(request, "ideasbank/idea_list.html", context).content
            cache.set(key, content, CACHE_SECONDS)
        return HttpResponse(content)
    if pages.can_share(request):
        return HttpResponse(_shared_page(request))
    return render(request, "ideasbank/idea_list.html", {"list_html": _list_html(request)})


def _whole_page_cacheable(request) -> bool:
    """A visitor with no session and no pending messages sees what every such visitor sees."""
    cookies = request.COOKIES
    return (
        not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def _reader(user) -> str:
    if permissions.can_post(user):
        return MEMBER
    return SIGNED_IN if user.is_authenticated else VISITOR


def _listing(request) -> _Listing:
    user = request.user
    reader = _reader(user)
    query = request.GET.copy()
    query.pop("page", None)
    version = services.list_version()
    digest = hashlib.sha256(query.urlencode().encode()).hexdigest()
    scope = f"{version}:{audience(user)}:{digest}"
    data, filter_html = _filters(request, reader == MEMBER, scope)
    # "mine" and "backed" make a list personal.
    personal = user.pk if (data.get("mine") or data.get("backed")) else 0
    try:
        number = max(int(request.GET.get("page", 1)), 1)
    except (TypeError, ValueError):
        number = 1
    key = f"ideasbank:list:v2:{scope}:{personal}:{reader}:{number}"
    return _Listing(key, reader, data, scope, personal, filter_html, query, version)


def _list_page(request, listing: _Listing) -> ListPage:
    return pages.shared_value(
        listing.key, lambda: _render_list_page(request, listing), CACHE_SECONDS
    )


def _list_html(request) -> SafeString:
    """The list's body for this reader: from the cached page, with their own vote forms."""
    listing = _listing(request)
    html = _own_votes(request, _list_page(request, listing), listing)
    if listing.reader == MEMBER:
        html = html.replace(pages.CSRF_SLOT, escape(get_token(request)))
    return mark_safe(html)  # noqa: S308 - our templates, with escaped values filled in


def _shared_page(request) -> str:
    """The whole page for a signed-in reader: rendered once per list page and header, then
    filled in with their own vote forms, CSRF token and unread count."""
    listing = _listing(request)
    key = f"{listing.key}:page:{pages.header_variant(request)}"

    def build() -> ListPage:
        shell = pages.render_shared(
            request,
            "ideasbank/idea_list.html",
            {"list_html": mark_safe(_LIST)},  # noqa: S308 - a slot
        )
        before, _, after = shell.partition(_LIST)
        return _list_page(request, listing).around(before, after)

    page = pages.shared_value(key, build, CACHE_SECONDS)
    return pages.fill(request, _own_votes(request, page, listing))


def _own_votes(request, page: ListPage, listing: _Listing) -> str:
    """The cached page with this member's own vote form on each card, and their return address."""
    if not page.slots:
        return page.texts[0]
    voted = _voted_ids(request.user, listing.version)
    parts = [page.texts[0]]
    for (pk, vote, unvote), text in zip(page.slots, page.texts[1:], strict=True):
        parts.append(unvote if pk in voted else vote)
        parts.append(text)
    return "".join(parts).replace(_NEXT, escape(request.get_full_path()))


def _render_list_page(request, listing: _Listing) -> ListPage:
    """Render one page of the list for this audience and kind of reader."""
    user, reader = request.user, listing.reader
    window = _IdWindow(
        lambda: _filtered_ideas(user, listing.data),
        f"ideasbank:ids:{listing.scope}:{listing.personal}",
    )
    page = Paginator(window, PAGE_SIZE).get_page(request.GET.get("page"))
    cards = _cards(list(page.object_list), listing.version)
    context = {
        "filter_html": listing.filter_html,
        "page": page,
        "has_cards": bool(cards),
        "cards_html": mark_safe(_CARDS),  # noqa: S308 - a slot, filled below
        "querystring": listing.query.urlencode(),
        "can_post": reader == MEMBER,
        "user": SimpleNamespace(is_authenticated=reader != VISITOR),
    }
    # No slot when no idea matches: then the whole body comes "before".
    rendered = render_to_string("ideasbank/includes/list_body.html", context)
    before, _, after = rendered.partition(_CARDS)
    if reader != MEMBER:
        body = "".join(card.head + card.forms[reader] + card.tail for card in cards)
        return ListPage(texts=(before + body + after,), slots=())
    texts, slots = [before], []
    for card in cards:
        texts[-1] += card.head
        slots.append((card.pk, card.forms["vote"], card.forms["unvote"]))
        texts.append(card.tail)
    texts[-1] += after
    return ListPage(texts=tuple(texts), slots=tuple(slots))


def _voted_ids(user, version: int) -> frozenset[int]:
    """The ids of the ideas this member has voted for, cached per list version (a vote
    renews the version on commit, and drops this member's entry at once)."""
    key = services.voted_ids_key(user.pk, version)
    ids = cache.get(key)
    if ids is None:
        ids = frozenset(Vote.objects.filter(user=user).values_list("idea_id", flat=True))
        cache.set(key, ids, CACHE_SECONDS)
    return ids


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
    # "v3": the Card layout; a cache left by an older layout is not read.
    keys = {pk: f"ideasbank:card:v3:{version}:{pk}" for pk in ids}
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
    vote_url = reverse("ideasbank:vote", args=[idea.pk])
    detail_url = idea.get_absolute_url()
    card = render_to_string(
        "ideasbank/includes/idea_card.html",
        {"idea": idea, "vote_form": mark_safe(_VOTE_FORM)},  # noqa: S308 - a slot
    )
    head, _, tail = card.partition(_VOTE_FORM)
    base = {
        "idea": idea,
        "vote_url": vote_url,
        "detail_url": detail_url,
        "csrf_token": pages.CSRF_SLOT,
        "return_to": _NEXT,
    }
    variants = {
        "vote": {"can_vote": True, "has_voted": False},
        "unvote": {"can_vote": True, "has_voted": True},
        SIGNED_IN: {"can_vote": False, "user": SimpleNamespace(is_authenticated=True)},
        VISITOR: {"can_vote": False, "user": SimpleNamespace(is_authenticated=False)},
    }
    forms = {
        name: render_to_string("ideasbank/includes/vote_form.html", {**base, **variant})
        for name, variant in variants.items()
    }
    return Card(pk=idea.pk, head=head, tail=tail, forms=forms)
