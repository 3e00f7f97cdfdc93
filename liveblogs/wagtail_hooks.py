"""Entries in the Wagtail admin, written through the same services as the composer."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from core.realtime import broadcast
from liveblogs import services
from liveblogs.models import Entry, LiveblogPage


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
