"""The admin chooser editors use to pick ideas from the ideas bank for a Policy Lab or Prototype."""

from django import forms
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet


class IdeaFilterForm(BaseFilterForm):
    q = forms.CharField(
        label="Search ideas",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Search ideas"}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(title__icontains=query)
        return objects


class IdeaListMixin:
    filter_form_class = IdeaFilterForm
    ordering = ["-vote_count", "-created_at"]

    def get_object_list(self):
        return self.model_class.objects.exclude(stage="closed").select_related("council")


class ChooseIdeaView(IdeaListMixin, chooser_views.ChooseView):
    pass


class ChooseIdeaResultsView(IdeaListMixin, chooser_views.ChooseResultsView):
    pass


class IdeaChooserViewSet(ChooserViewSet):
    model = "ideasbank.Idea"
    icon = "pick"
    choose_one_text = "Choose an idea"
    choose_another_text = "Choose another idea"
    edit_item_text = "Edit idea"
    choose_view_class = ChooseIdeaView
    choose_results_view_class = ChooseIdeaResultsView
    # Only where a panel asks for it: other forms with an idea field keep their own widget.
    register_widget = False


idea_chooser_viewset = IdeaChooserViewSet("idea_chooser")
