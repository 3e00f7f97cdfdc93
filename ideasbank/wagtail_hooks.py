"""The ideas bank in Wagtail: the admin for editors (through the site's services), the
audit-log actions, the home-page section and the search provider."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from core.forms import submit
from core.home import HOME_SECTION_HOOK
from core.search import SEARCH_HOOK
from ideasbank import permissions, services
from ideasbank.models import ClosedReason, Idea, Stage


class IdeaPermissionPolicy(BasePermissionPolicy):
    """Network editors view and change ideas here; members post them on the site."""

    def user_has_permission(self, user, action):
        return action in ("view", "change") and permissions.can_change_stage(user)

    def users_with_any_permission(self, actions):
        if not {"view", "change"} & set(actions):
            return get_user_model().objects.none()
        return get_user_model().objects.network_editors()


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
    def form_valid(self, form):
        """Apply each change through its service, which checks, records and logs it;
        a refusal comes back on the form, with nothing changed."""
        self.form = form
        if submit(form, self._apply_changes) is None:
            messages = form.non_field_errors() or [
                error for errors in form.errors.values() for error in errors
            ]
            self.produced_error_message = "The idea could not be saved: " + " ".join(messages)
            return self.form_invalid(form)
        response = self.save_action()
        return self.run_after_hook() or response

    def _apply_changes(self) -> Idea:
        before = Idea.objects.get(pk=self.object.pk)
        data = self.form.cleaned_data
        user = self.request.user
        note = data.get("note", "")
        with transaction.atomic():
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
        self.object = Idea.objects.get(pk=before.pk)
        return self.object


class IdeaViewSet(ModelViewSet):
    model = Idea
    icon = "pick"
    menu_label = "Ideas bank"
    menu_order = 260
    add_to_admin_menu = True
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


# --- audit log -------------------------------------------------------------------------


class _NoteFormatter(LogFormatter):
    """The moderator's or editor's note is the entry's comment."""

    def format_comment(self, log_entry):
        return log_entry.data.get("note", "")


@hooks.register("register_log_actions")
def register_ideasbank_log_actions(actions):
    @actions.register_action("ideasbank.hide")
    class Hide(_NoteFormatter):
        label = "Hide in the ideas bank"

        def format_message(self, log_entry):
            return "Hid a comment" if log_entry.data.get("comment") else "Hid the idea"

    @actions.register_action("ideasbank.restore")
    class Restore(_NoteFormatter):
        label = "Restore in the ideas bank"

        def format_message(self, log_entry):
            return "Restored a comment" if log_entry.data.get("comment") else "Restored the idea"

    @actions.register_action("ideasbank.stage")
    class ChangeStage(_NoteFormatter):
        label = "Change an idea's stage"

        def format_message(self, log_entry):
            data = log_entry.data
            stage = Stage(data["to"]).label if data.get("to") in Stage.values else data.get("to")
            reason = data.get("closed_reason")
            if reason in ClosedReason.values:
                return f"Moved to {stage} ({ClosedReason(reason).label.lower()})"
            return f"Moved to {stage}"

    @actions.register_action("ideasbank.duplicate")
    class MarkDuplicate(_NoteFormatter):
        label = "Close an idea as a duplicate"

        def format_message(self, log_entry):
            return f"Closed as a duplicate of idea {log_entry.data.get('original')}"


# --- the site's home page and search ---------------------------------------------------


@hooks.register(HOME_SECTION_HOOK, order=20)
def top_ideas(request):
    from ideasbank.home import top_ideas_this_month

    return top_ideas_this_month(request)


@hooks.register(SEARCH_HOOK, order=20)
def ideas_search(user):
    from ideasbank.search import ideas_source

    return ideas_source(user)


@hooks.register("hub_briefing_section", order=10)
def briefing_top_ideas(user, start, end):
    """The monthly briefing's top ideas by councils backing, among those the member may read."""
    from ideasbank.models import Idea
    from notifications.briefing import BriefingItem, BriefingSection

    ideas = Idea.objects.visible_to(user).filter(council_count__gt=0)
    ideas = ideas.order_by("-council_count", "-vote_count", "-pk")[:5]
    items = [
        BriefingItem(
            idea.title,
            idea.get_absolute_url(),
            f"backed by {idea.council_count} council{'s' if idea.council_count != 1 else ''}",
        )
        for idea in ideas
    ]
    return BriefingSection("Top ideas by councils backing", items)
