"""Liveblogs in Wagtail: entries in the admin (through the services), the home section.

The admin's entry forms call the services through `core.forms.submit`, so bad
input and limits land on the form and a refusal goes to the error layer.
"""

from django.contrib.auth import get_user_model
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from core.forms import submit
from core.home import HOME_SECTION_HOOK
from liveblogs import services
from liveblogs.models import Entry, LiveblogPage
from liveblogs.permissions import liveblogs_visible_to
from members.permissions import is_network_editor


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
        return get_user_model().objects.network_editors()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


entry_policy = NetworkEditorsPolicy(Entry)
register_permission_policy(Entry, entry_policy)


class _ThroughServiceMixin:
    """Save through a service: its errors land on the form, which is shown again."""

    def write(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        self.written = submit(form, self.write, form=form)
        if self.written is None:
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return super().form_valid(form)

    def save_instance(self):
        return self.written


class EntryCreateView(_ThroughServiceMixin, CreateView):
    def write(self, form):
        instance = form.instance
        return services.entry_post(
            page=instance.page, author=self.request.user, fields=_fields(instance)
        )


class EntryEditView(_ThroughServiceMixin, EditView):
    def write(self, form):
        # form.instance already carries the new values; the service starts from the row.
        entry = Entry.objects.get(pk=form.instance.pk)
        return services.entry_update(
            entry=entry, editor=self.request.user, fields=_fields(form.instance)
        )


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


@hooks.register(HOME_SECTION_HOOK, order=10)
def live_now(request):
    """Home page: liveblogs in progress that this reader may see."""
    live = liveblogs_visible_to(
        request.user, LiveblogPage.objects.filter(state=LiveblogPage.State.LIVE)
    )
    if not live:
        return None
    return {"template": "liveblogs/includes/home_live.html", "liveblogs": live[:3]}
