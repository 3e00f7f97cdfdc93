"""Entries in the Wagtail admin, written through the same services as the composer."""

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from core.home import HOME_SECTION_HOOK
from core.realtime import broadcast
from liveblogs import services
from liveblogs.models import Entry, LiveblogPage
from members.permissions import NETWORK_EDITORS, is_network_editor


def _fields(instance) -> services.EntryFields:
    return services.EntryFields(
        body=instance.body,
        quote=instance.quote,
        quote_attribution=instance.quote_attribution,
        link_url=instance.link_url,
        link_text=instance.link_text,
        image=instance.image,
        image_alt=instance.image_alt,
        is_key=instance.is_key,
        is_pinned=instance.is_pinned,
    )


class NetworkEditorsPolicy(BasePermissionPolicy):
    """Entries are network editors' work: the same rule as the composer's."""

    def user_has_permission(self, user, action):
        return is_network_editor(user)

    def user_has_any_permission(self, user, actions):
        return is_network_editor(user)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=NETWORK_EDITORS), is_active=True)
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


entry_policy = NetworkEditorsPolicy(Entry)
register_permission_policy(Entry, entry_policy)


class EntryCreateView(CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        return services.entry_post(
            page=instance.page, author=self.request.user, fields=_fields(instance)
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, getattr(error, "messages", [str(error)]))
            return self.form_invalid(form)


class EntryEditView(EditView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        entry = Entry.objects.get(pk=instance.pk)
        return services.entry_update(
            entry=entry, editor=self.request.user, fields=_fields(instance)
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, getattr(error, "messages", [str(error)]))
            return self.form_invalid(form)


class EntryDeleteView(DeleteView):
    def delete_action(self):
        services.entry_delete(entry=self.object, editor=self.request.user)


class EntryViewSet(SnippetViewSet):
    model = Entry
    icon = "openquote"
    menu_label = "Liveblog entries"
    menu_name = "liveblog-entries"
    add_to_admin_menu = True
    permission_policy = entry_policy
    menu_order = 250
    list_display = ["__str__", "page", "created_at", "is_key", "is_pinned"]
    list_filter = ["page", "is_key", "is_pinned"]
    add_view_class = EntryCreateView
    edit_view_class = EntryEditView
    delete_view_class = EntryDeleteView
    panels = [
        FieldPanel("page"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Image"),
        MultiFieldPanel([FieldPanel("quote"), FieldPanel("quote_attribution")], heading="Quote"),
        FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_text")]),
        FieldRowPanel([FieldPanel("is_key"), FieldPanel("is_pinned")]),
    ]

    def get_queryset(self, request):
        return Entry.objects.current().select_related("page")


register_snippet(EntryViewSet)


@hooks.register("after_publish_page")
def tell_readers_the_state(request, page):
    """When a liveblog is published as ended, open sockets close and clients stop."""
    if isinstance(page.specific, LiveblogPage):
        frame = json.dumps({"type": "state", "state": page.specific.state})
        broadcast(
            services.liveblog_group(page.pk),
            {"type": services.FRAME_EVENT, "seq": 0, "frame": frame},
        )


@hooks.register(HOME_SECTION_HOOK, order=10)
def live_now(request):
    """Home page: liveblogs in progress that this reader may see."""
    from liveblogs.models import LiveblogPage
    from liveblogs.permissions import liveblogs_visible_to

    live = liveblogs_visible_to(
        request.user, LiveblogPage.objects.filter(state=LiveblogPage.State.LIVE)
    )
    if not live:
        return None
    return {"template": "liveblogs/includes/home_live.html", "liveblogs": live[:3]}
