"""Forms parse input; the services hold the rules, so limits here only mirror them."""

from django import forms
from django.urls import reverse_lazy
from wagtail.models import Page

from core.forms import MarkdownField, TextField
from core.themes import ThemesField
from core.validators import strip_control
from ideasbank import services
from ideasbank.models import SORTS, ClosedReason, Comment, Evidence, Idea, Stage, Visibility


class IdeaForm(forms.Form):
    title = TextField(
        max_length=services.TITLE_MAX,
        help_text="A short name, for example “Co-operative energy for council tenants”.",
    )
    summary = TextField(
        label="One-line summary",
        max_length=services.SUMMARY_MAX,
        help_text="One sentence shown in lists.",
    )
    body = MarkdownField(
        label="Description",
        required=False,
        max_length=services.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What problem it answers, how it could work, what it needs. Markdown works.",
    )
    themes = ThemesField(suggest_url=reverse_lazy("ideasbank:themes"))
    visibility = forms.ChoiceField(
        choices=Visibility.choices, initial=Visibility.PUBLIC, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # With htmx, similar ideas appear beside the form while the title is typed.
        self.fields["title"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("ideasbank:similar"),
                "hx-trigger": "input changed delay:500ms",
                "hx-target": "#similar-ideas",
                "autocomplete": "off",
            }
        )


class CommentForm(forms.Form):
    """A comment, or a reply to a comment on the same idea."""

    body = MarkdownField(
        label="Your comment",
        max_length=services.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Markdown works.",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, idea: Idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.idea = idea

    def clean(self):
        # The parent is a hidden field, so its error goes above the form.
        data = super().clean()
        if data.get("parent"):
            data["parent"] = Comment.objects.filter(pk=data["parent"], idea=self.idea).first()
            if data["parent"] is None:
                raise forms.ValidationError("The comment you replied to no longer exists.")
        return data


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices)
    closed_reason = forms.ChoiceField(
        label="Reason for closing",
        required=False,
        choices=[("", "Not closing")]
        + [c for c in ClosedReason.choices if c[0] != ClosedReason.DUPLICATE],
        help_text="Only when the stage is Closed. For duplicates use “Mark as duplicate”.",
    )
    project_page = forms.IntegerField(
        label="Project page ID",
        required=False,
        min_value=1,
        help_text="For a Policy Prototype or Lab: the ID of its page in the admin.",
    )
    note = MarkdownField(
        label="Public note",
        max_length=services.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the idea and sent to its author, voters and followers.",
    )

    def clean_project_page(self) -> Page | None:
        pk = self.cleaned_data.get("project_page")
        if not pk:
            return None
        page = Page.objects.filter(pk=pk).first()
        if page is None:
            raise forms.ValidationError("There is no page with that ID.")
        return page


class DuplicateForm(forms.Form):
    original = forms.IntegerField(
        label="Number of the original idea",
        min_value=1,
        help_text="The number in the original idea's address, /ideas/<number>/.",
    )
    note = TextField(label="Public note", required=False, max_length=services.NOTE_MAX)

    def clean_original(self) -> Idea:
        original = Idea.objects.filter(pk=self.cleaned_data["original"]).first()
        if original is None:
            raise forms.ValidationError("There is no idea with that number.")
        return original


class EvidenceForm(forms.Form):
    status = forms.ChoiceField(
        label="Where your council stands",
        choices=Evidence.Status.choices,
        widget=forms.RadioSelect,
    )
    note = MarkdownField(
        required=False,
        max_length=services.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you are doing or planning, and who to contact.",
    )
    outcome = MarkdownField(
        required=False,
        max_length=services.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Once piloting or done: what came of it.",
    )


class ReportForm(forms.Form):
    reason = TextField(
        label="What is wrong with it?",
        max_length=services.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, idea: Idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.idea = idea

    def clean(self):
        data = super().clean()
        if data.get("comment"):
            data["comment"] = Comment.objects.filter(pk=data["comment"], idea=self.idea).first()
            if data["comment"] is None:
                raise forms.ValidationError("That comment no longer exists.")
        return data


class SearchField(forms.CharField):
    """Search text: control characters (NUL above all) are dropped, not refused."""

    def to_python(self, value):
        return strip_control(super().to_python(value))


class IdeaFilterForm(forms.Form):
    q = SearchField(label="Search ideas", required=False, max_length=200)
    theme = forms.ChoiceField(label="Theme", required=False)
    council = forms.ChoiceField(label="Council", required=False)
    stage = forms.ChoiceField(
        label="Stage", required=False, choices=[("", "Any stage"), *Stage.choices]
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(key, label) for key, (label, _) in SORTS.items()],
    )
    mine = forms.BooleanField(label="My ideas", required=False)
    backed = forms.BooleanField(label="Ideas I backed", required=False)

    def __init__(self, *args, themes=(), councils=(), member=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Any theme"), *themes]
        self.fields["council"].choices = [("", "Any council"), *councils]
        if not member:
            del self.fields["mine"]
            del self.fields["backed"]
