"""Forms parse input; the services hold the rules, so limits here only mirror them."""

from django import forms
from django.urls import reverse_lazy

from ideasbank import services
from ideasbank.models import SORTS, ClosedReason, Evidence, Stage, Visibility


class IdeaForm(forms.Form):
    title = forms.CharField(
        max_length=services.TITLE_MAX,
        help_text="A short name, for example “Co-operative energy for council tenants”.",
    )
    summary = forms.CharField(
        label="One-line summary",
        max_length=services.SUMMARY_MAX,
        help_text="One sentence shown in lists.",
    )
    body = forms.CharField(
        label="Description",
        required=False,
        max_length=services.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What problem it answers, how it could work, what it needs. Markdown works.",
    )
    themes = forms.CharField(
        required=False,
        max_length=600,
        help_text="Comma-separated, for example “community energy, commissioning”. "
        "Existing themes are suggested as you type.",
    )
    visibility = forms.ChoiceField(
        choices=Visibility.choices, initial=Visibility.PUBLIC, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].widget.attrs.update(
            {
                "list": "theme-suggestions",
                "autocomplete": "off",
                "data-theme-url": reverse_lazy("ideasbank:themes"),
            }
        )
        # With htmx, similar ideas appear beside the form while the title is typed.
        self.fields["title"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("ideasbank:similar"),
                "hx-trigger": "input changed delay:500ms",
                "hx-target": "#similar-ideas",
                "autocomplete": "off",
            }
        )

    def clean_themes(self):
        try:
            return services.parse_themes(self.cleaned_data.get("themes", ""))
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["themes"]) from error


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=services.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Markdown works.",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


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
    note = forms.CharField(
        label="Public note",
        max_length=services.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the idea and sent to its author, voters and followers.",
    )


class DuplicateForm(forms.Form):
    original = forms.IntegerField(
        label="Number of the original idea",
        min_value=1,
        help_text="The number in the original idea's address, /ideas/<number>/.",
    )
    note = forms.CharField(label="Public note", required=False, max_length=services.NOTE_MAX)


class EvidenceForm(forms.Form):
    status = forms.ChoiceField(
        label="Where your council stands",
        choices=Evidence.Status.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        required=False,
        max_length=services.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you are doing or planning, and who to contact.",
    )
    outcome = forms.CharField(
        required=False,
        max_length=services.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Once piloting or done: what came of it.",
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="What is wrong with it?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)


class IdeaFilterForm(forms.Form):
    q = forms.CharField(label="Search ideas", required=False, max_length=200)
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
