"""Who may read and write liveblogs. Pages, the socket, polling and feeds all ask here.

Wagtail's page privacy decides who reads a liveblog. "Private, accessible to
logged-in users" means, on this site, confirmed members of the network
(`members.permissions.is_member`): a signed-up person still waiting for
confirmation does not see members-only material. Group restrictions admit the
groups chosen (superusers always); password restrictions admit a session
that has passed that password form. Unpublished liveblogs are for network
editors only.
"""

from wagtail.models import BaseViewRestriction, PageViewRestriction

from members.permissions import _group_names, is_member, is_network_editor

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
        return bool(allowed & _group_names(user))
    if kind == BaseViewRestriction.PASSWORD:
        passed = session.get(PASSED_KEY, []) if session is not None else []
        return restriction.pk in passed
    return True


def view_restrictions(page, request=None) -> list:
    """The view restrictions on the page and its ancestors, with their groups.

    Given the request, they are looked up once per request and page: the
    permission check and the "is public" flag of one page view share them.
    """
    cache = getattr(request, "_liveblog_view_restrictions", None) if request else None
    if cache is not None and page.pk in cache:
        return cache[page.pk]
    restrictions = list(page.get_view_restrictions().prefetch_related("groups"))
    if request is not None:
        if cache is None:
            cache = request._liveblog_view_restrictions = {}
        cache[page.pk] = restrictions
    return restrictions


def can_view_liveblog(user, page, session=None, restrictions=None) -> bool:
    """May this person read this liveblog (page, socket, polling)?

    `restrictions`: from `view_restrictions`, when the caller already has them.
    """
    if is_network_editor(user):
        return True
    if not page.live:
        return False
    if restrictions is None:
        restrictions = view_restrictions(page)
    return all(restriction_admits(r, user, session) for r in restrictions)


def is_public_liveblog(page, restrictions=None) -> bool:
    """Live and with no view restriction: may appear in feeds and to visitors."""
    if not page.live:
        return False
    if restrictions is None:
        return not page.get_view_restrictions().exists()
    return not restrictions


def can_edit_liveblog(user, page=None) -> bool:
    """Network editors write entries (composer, admin)."""
    return is_network_editor(user)


def liveblogs_visible_to(user, pages) -> list:
    """The live liveblogs from `pages` this person may read, in two queries."""
    pages = list(pages.live().order_by("-first_published_at"))
    if is_network_editor(user):
        return pages
    restrictions = list(
        PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    )
    visible = []
    for page in pages:
        applying = [r for r in restrictions if page.path.startswith(r.page.path)]
        if all(restriction_admits(r, user) for r in applying):
            visible.append(page)
    return visible
