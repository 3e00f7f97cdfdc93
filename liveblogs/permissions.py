"""Who may read and write liveblogs: the page, socket, polling, feed and home section ask here.

Reading is Wagtail's page privacy, as `cms.privacy` interprets it for every
page; writing entries is for network editors.
"""

from django.core.exceptions import PermissionDenied

from cms.privacy import can_view_page, is_public_page, pages_visible_to
from members.permissions import is_network_editor

EDIT_REFUSAL = "Only network editors write liveblog entries."
VIEW_REFUSAL = "This liveblog is for confirmed members of the network."


def can_view_liveblog(user, page, session=None, restrictions=None) -> bool:
    """May this person read this liveblog (page, socket, polling)?

    `restrictions`: from `cms.privacy.view_restrictions`, when the caller has them.
    """
    return can_view_page(user, page, session=session, restrictions=restrictions)


def is_public_liveblog(page, restrictions=None) -> bool:
    """Live and with no view restriction: has a feed, and is shown to visitors."""
    return is_public_page(page, restrictions)


def can_edit_liveblog(user, page=None) -> bool:
    """Network editors write entries (composer, admin), on every liveblog."""
    return is_network_editor(user)


def check_can_edit(user, page=None) -> None:
    """Raise PermissionDenied, with the reason, unless this person may write entries."""
    if not can_edit_liveblog(user, page):
        raise PermissionDenied(EDIT_REFUSAL)


def liveblogs_visible_to(user, pages) -> list:
    """The live liveblogs from `pages` this person may see listed, newest first."""
    return list(pages_visible_to(user, pages).order_by("-first_published_at"))
