"""The discussions' forms: a post, a new thread, a report and the moderators' move."""

from django import forms

from core.forms import MarkdownField, TextField
from forum.models import Category
from forum.services.text import MAX_BODY, MAX_REASON, MAX_TITLE

BODY_HELP = (
    "Markdown: **bold**, *italics*, > quotes, - lists, [links](https://…). "
    "Mention a member with @ and their full name, for example @Olu Officer."
)


class PostForm(forms.Form):
    body = MarkdownField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 8, "data-mention-autocomplete": ""}),
        help_text=BODY_HELP,
        # Length is checked by the service so the message is the same everywhere;
        # the limit here only stops absurd uploads early.
        max_length=MAX_BODY * 2,
        error_messages={
            "required": "Write something before posting.",
            "max_length": f"A post can be at most {MAX_BODY:,} characters.",
        },
    )


class ThreadForm(PostForm):
    title = TextField(
        label="Title",
        max_length=MAX_TITLE,
        help_text="A question or a short summary other officers will recognise.",
        error_messages={"required": "Give the thread a title."},
    )
    field_order = ["title", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = "Opening post"


class ReportForm(forms.Form):
    reason = TextField(
        label="Why should the moderators look at this post?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_REASON,
        error_messages={"required": "Say briefly why the moderators should look at this."},
    )


class MoveForm(forms.Form):
    category = forms.ModelChoiceField(queryset=Category.objects.none(), label="Move to")

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["category"].queryset = categories
