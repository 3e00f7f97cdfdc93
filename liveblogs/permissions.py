"""Who may read and write liveblogs. Pages, the socket, polling and feeds all ask here.

Reading follows the page's Wagtail privacy through `cms.privacy`, the one
privacy check for every page; writing is for network editors.
"""

from cms.privacy import can_view_page, is_public_page, pages_visible_to, view_restrictions
from members.permissions import is_network_editor

__all__ = ["view_restrictions"]


def can_view_liveblog(user, page, session=None, restrictions=None) -> bool:
    """May this person read this liveblog (page, socket, polling)?"""
    return can_view_page(user, page, session=session, restrictions=restrictions)


def is_public_liveblog(page, restrictions=None) -> bool:
    """Live and with no view restriction: may appear in feeds and to visitors."""
    return is_public_page(page, restrictions)


def can_edit_liveblog(user, page=None) -> bool:
    """Network editors write entries (composer, admin)."""
    return is_network_editor(user)


def liveblogs_visible_to(user, pages) -> list:
    """The live liveblogs from `pages` this person may see listed, newest first."""
    return list(pages_visible_to(user, pages).order_by("-first_published_at"))
