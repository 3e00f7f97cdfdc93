"""Who may read which Wagtail page.

Wagtail's "private, for logged-in users" lets in anyone signed in; for the
hub that means confirmed members, so a pending or refused account is kept out
of members-only pages, as it is kept out of everything else members-only.
"""

from wagtail.models import Page, PageViewRestriction

from members.permissions import is_member


def login_restriction_refuses(user, page) -> bool:
    """True when the page is behind a sign-in restriction and this person is not a member."""
    if is_member(user):
        return False
    return any(
        r.restriction_type == PageViewRestriction.LOGIN for r in page.get_view_restrictions()
    )


def visible_pages(user, pages=None):
    """Live pages this person may read: public ones, plus sign-in-only ones for members.

    Pages behind a password or a group restriction stay out of lists and search.
    """
    pages = (pages if pages is not None else Page.objects.all()).live()
    if not is_member(user):
        return pages.public()
    for restriction in PageViewRestriction.objects.exclude(
        restriction_type=PageViewRestriction.LOGIN
    ).select_related("page"):
        pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages
