"""The composer's form: one entry's fields, posted by the page's composer or its edit page."""

from django import forms

from core.forms import MarkdownField, TextField
from liveblogs.services import BODY_MAX, EntryFields


class EntryForm(forms.Form):
    body = MarkdownField(
        label="Entry",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Markdown: *emphasis*, **bold**, lists and [links](https://example.org).",
    )
    quote = TextField(
        label="Quote (optional)",
        required=False,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    quote_attribution = TextField(label="Who said it (optional)", required=False, max_length=200)
    link_url = forms.URLField(
        label="Link (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="A full web address, for example https://www.councils.coop/",
    )
    link_text = TextField(label="Link text (optional)", required=False, max_length=200)
    is_key = forms.BooleanField(label="Key moment", required=False)
    is_pinned = forms.BooleanField(label="Pin to the top", required=False)

    def to_fields(self, *, image=None, image_alt="") -> EntryFields:
        data = self.cleaned_data
        return EntryFields(
            body=data["body"],
            quote=data.get("quote", ""),
            quote_attribution=data.get("quote_attribution", ""),
            link_url=data.get("link_url", ""),
            link_text=data.get("link_text", ""),
            image=image,
            image_alt=image_alt,
            is_key=data.get("is_key", False),
            is_pinned=data.get("is_pinned", False),
        )

    @classmethod
    def for_entry(cls, entry):
        """An unbound form showing the entry's current fields (the edit page, the composer)."""
        return cls(
            initial={
                "body": entry.body,
                "quote": entry.quote,
                "quote_attribution": entry.quote_attribution,
                "link_url": entry.link_url,
                "link_text": entry.link_text,
                "is_key": entry.is_key,
                "is_pinned": entry.is_pinned,
            }
        )
