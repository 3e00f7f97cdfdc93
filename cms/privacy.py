"""Who may read which Wagtail page: one check for pages, lists, search, feeds and sockets.

Wagtail's page privacy decides. On this site "private, for logged-in users"
means confirmed members of the network, so a pending or refused account is
kept out of members-only pages as it is kept out of everything members-only.
Group restrictions admit the chosen groups (superusers always); password
restrictions admit a session that has passed that page's password form and
are never listed. Network editors may read every page, published or not.
"""

from wagtail.models import BaseViewRestriction, Page, PageViewRestriction

from members.permissions import group_names, is_member, is_network_editor

PASSED_KEY = PageViewRestriction.passed_view_restrictions_session_key


def restriction_admits(restriction, user, session=None) -> bool:
    kind = restriction.restriction_type
    if kind == BaseViewRestriction.LOGIN:
        return is_member(user)
    if kind == BaseViewRestriction.GROUPS:
        if not getattr(user, "is_authenticated", False):
            return False
        if user.is_superuser:
            return True
        allowed = {group.name for group in restriction.groups.all()}
        return bool(allowed & group_names(user))
    if kind == BaseViewRestriction.PASSWORD:
        passed = session.get(PASSED_KEY, []) if session is not None else []
        return restriction.pk in passed
    return True


def view_restrictions(page, request=None) -> list:
    """The view restrictions on the page and its ancestors, looked up once per request and page."""
    cache = getattr(request, "_hub_view_restrictions", None) if request is not None else None
    if cache is not None and page.pk in cache:
        return cache[page.pk]
    restrictions = list(page.get_view_restrictions().prefetch_related("groups"))
    if request is not None:
        if cache is None:
            cache = request._hub_view_restrictions = {}
        cache[page.pk] = restrictions
    return restrictions


def can_view_page(user, page, *, session=None, restrictions=None) -> bool:
    """May this person read this page (serving, sockets, polling, links to it)?

    `restrictions`: from `view_restrictions`, when the caller already has them.
    """
    if is_network_editor(user):
        return True
    if not page.live:
        return False
    if restrictions is None:
        restrictions = view_restrictions(page)
    return all(restriction_admits(r, user, session) for r in restrictions)


def is_public_page(page, restrictions=None) -> bool:
    """Live and with no view restriction: may appear to visitors and in feeds."""
    if not page.live:
        return False
    if restrictions is None:
        return not page.get_view_restrictions().exists()
    return not restrictions


def login_restriction_refuses(user, page) -> bool:
    """True when a sign-in restriction keeps this signed-in, unconfirmed person out."""
    if is_member(user):
        return False
    return any(
        r.restriction_type == PageViewRestriction.LOGIN for r in page.get_view_restrictions()
    )


def listing_restrictions() -> list:
    """Every page view restriction with its page and groups, for `pages_visible_to`'s
    `restrictions` when one request lists pages more than once (two queries at most)."""
    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def pages_visible_to(user, pages=None, *, restrictions=None):
    """Live pages from `pages` this person may see listed, as a queryset (one extra query).

    Visitors and pending members get public pages; members also get sign-in-only
    pages and those of their groups; password-protected pages are never listed.
    `restrictions`: from `listing_restrictions`, already read in this request (no query).
    """
    pages = (pages if pages is not None else Page.objects.all()).live()
    if is_network_editor(user):
        return pages
    member = is_member(user)
    if not member and restrictions is None:
        return pages.public()
    if restrictions is None:
        restrictions = listing_restrictions()
    for restriction in restrictions:
        if (
            not member
            or restriction.restriction_type == BaseViewRestriction.PASSWORD
            or not restriction_admits(restriction, user)
        ):
            pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages


def restricted_among(pages) -> set[int]:
    """Ids of these pages under a view restriction (their own or an ancestor's), in one query.

    Lists use it to mark members-only items for the members who see them.
    """
    pages = list(pages)
    if not pages:
        return set()
    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    return {page.pk for page in pages if any(page.path.startswith(path) for path in paths)}
