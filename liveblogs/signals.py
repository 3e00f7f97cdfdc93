"""Wagtail's page signals that concern liveblog readers, each handed to a service.

A view restriction added, changed or removed on a liveblog or any page above
it, or a liveblog unpublished: every process's fan-out re-checks the readers
of the liveblogs concerned and closes those who may no longer read.
A liveblog published (from the admin, a schedule or code): its readers learn
its state (Wagtail signals that inside the publishing transaction). The
services send the events once the surrounding transaction commits.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from liveblogs import services
from liveblogs.models import LiveblogPage


def _liveblogs_at_or_under(page_id) -> list[int]:
    page = Page.objects.filter(pk=page_id).only("path", "depth").first()
    if page is None:
        return []
    return list(
        LiveblogPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )


def _restriction_changed(sender, instance, **kwargs):
    services.liveblog_access_recheck(page_ids=_liveblogs_at_or_under(instance.page_id))


def _restriction_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        page_ids = [instance.page_id]
    elif pk_set:
        page_ids = PageViewRestriction.objects.filter(pk__in=pk_set).values_list(
            "page_id", flat=True
        )
    else:
        return
    for page_id in set(page_ids):
        services.liveblog_access_recheck(page_ids=_liveblogs_at_or_under(page_id))


def _unpublished(sender, instance, **kwargs):
    services.liveblog_access_recheck(page_ids=_liveblogs_at_or_under(instance.pk))


def _published(sender, instance, **kwargs):
    services.liveblog_state_announce(page=instance)


def connect() -> None:
    uid = "liveblogs-access"
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid=uid)
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid=uid)
    m2m_changed.connect(
        _restriction_groups_changed, sender=PageViewRestriction.groups.through, dispatch_uid=uid
    )
    page_unpublished.connect(_unpublished, dispatch_uid=uid)
    page_published.connect(_published, sender=LiveblogPage, dispatch_uid="liveblogs-state")
