"""Ideas in the Wagtail admin: editors list and filter ideas and change stage,
duplicates and visibility through the same services as the site."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from core.home import HOME_SECTION_HOOK
from core.search import SEARCH_HOOK
from ideasbank import permissions, services
from ideasbank.models import Idea
from members.permissions import NETWORK_EDITORS


class IdeaPermissionPolicy(BasePermissionPolicy):
    """Network editors view and change ideas here; members post them on the site."""

    def user_has_permission(self, user, action):
        return action in ("view", "change") and permissions.can_change_stage(user)

    def users_with_any_permission(self, actions):
        if not {"view", "change"} & set(actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=NETWORK_EDITORS), is_active=True)
            .distinct()
        )


register_permission_policy(Idea, IdeaPermissionPolicy(Idea))


class IdeaAdminForm(WagtailAdminModelForm):
    note = forms.CharField(
        label="Public note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the stage changes or the idea is marked a duplicate; shown on "
        "the idea and sent to its author, voters and followers.",
    )

    class Meta:
        model = Idea
        fields = ["stage", "closed_reason", "project_page", "duplicate_of", "is_hidden"]
        widgets = {"project_page": AdminPageChooser()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate_of"].queryset = Idea.objects.exclude(pk=self.instance.pk).filter(
            duplicate_of__isnull=True
        )
        self.fields[
            "duplicate_of"
        ].help_text = "Choosing an idea closes this one and moves its votes there."


class IdeaEditView(generic.EditView):
    def save_instance(self):
        """Apply each change through its service, which checks and records it."""
        before = Idea.objects.get(pk=self.object.pk)
        data = self.form.cleaned_data
        user = self.request.user
        note = data.get("note", "")
        if data.get("duplicate_of") and data["duplicate_of"] != before.duplicate_of:
            services.idea_mark_duplicate(
                idea=before, original=data["duplicate_of"], actor=user, note=note
            )
        elif (data["stage"], data["closed_reason"], data["project_page"]) != (
            before.stage,
            before.closed_reason,
            before.project_page,
        ):
            services.idea_stage_change(
                idea=before,
                actor=user,
                stage=data["stage"],
                note=note,
                closed_reason=data["closed_reason"],
                project_page=data["project_page"],
            )
        if data["is_hidden"] != before.is_hidden:
            services.moderation_set_hidden(
                actor=user, idea=before, hidden=data["is_hidden"], note=note
            )
        return Idea.objects.get(pk=before.pk)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            form.add_error(None, messages)
            self.produced_error_message = "The idea could not be saved: " + " ".join(messages)
            return self.form_invalid(form)


class IdeaViewSet(ModelViewSet):
    model = Idea
    icon = "pick"
    menu_label = "Ideas bank"
    menu_order = 260
    add_to_admin_menu = True
    form_class = IdeaAdminForm
    edit_view_class = IdeaEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["title", "council", "stage", "vote_count", "council_count", "created_at"]
    list_filter = ["stage", "visibility", "is_hidden"]
    search_fields = ["title", "summary"]
    inspect_view_fields = [
        "title",
        "summary",
        "body",
        "visibility",
        "author",
        "council",
        "stage",
        "closed_reason",
        "duplicate_of",
        "project_page",
        "vote_count",
        "council_count",
        "comment_count",
        "created_at",
    ]

    def get_form_class(self, for_update=False):
        return IdeaAdminForm


@hooks.register("register_admin_viewset")
def register_idea_viewset():
    return IdeaViewSet("ideas")


@hooks.register(HOME_SECTION_HOOK, order=20)
def top_ideas(request):
    from ideasbank.home import top_ideas_this_month

    return top_ideas_this_month(request)


@hooks.register(SEARCH_HOOK, order=20)
def ideas_search(user, query: str, limit: int):
    from ideasbank.search import search_ideas

    return "Ideas", search_ideas(user, query, limit)
