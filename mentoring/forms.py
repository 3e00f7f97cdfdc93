"""Forms parse input; the services hold the rules and give the messages."""

from django import forms
from django.contrib.auth import get_user_model

from core.forms import MarkdownField, TextField
from core.themes import ThemesField
from members.models import Organisation, Region
from mentoring.models import NOTE_MAX, STATEMENT_MAX, Format, Placement

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"})


class PlacementForm(forms.Form):
    title = TextField(max_length=200)
    description = MarkdownField(
        label="What the visitor will see and do",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text="Markdown is allowed.",
    )
    host_officer = forms.ModelChoiceField(queryset=get_user_model().objects.none())
    themes = ThemesField()
    format = forms.ChoiceField(choices=Format.choices)
    place = TextField(
        max_length=200, required=False, help_text="Where the visitor goes, or the meeting link."
    )
    flexible = forms.BooleanField(label="Dates are flexible", required=False)
    start_date = forms.DateField(required=False, widget=DATE)
    end_date = forms.DateField(required=False, widget=DATE)
    day_starts = forms.TimeField(
        label="Each day starts at", required=False, widget=TIME, help_text="Optional."
    )
    day_ends = forms.TimeField(
        label="Each day ends at", required=False, widget=TIME, help_text="Optional."
    )
    places = forms.IntegerField(label="Number of places", initial=1)
    closing_date = forms.DateField(label="Closing date for applications", widget=DATE)
    state = forms.ChoiceField(choices=Placement.State.choices, initial=Placement.State.OPEN)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_officer"].queryset = get_user_model().objects.filter(
            organisation=council, status="confirmed", is_active=True
        )


class ApplicationForm(forms.Form):
    statement = MarkdownField(
        label="Why you would like to take part",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"A short statement, up to {STATEMENT_MAX:,} characters. Markdown is allowed.",
    )
    preferred_dates = TextField(
        label="Preferred dates",
        max_length=300,
        required=False,
        help_text="For example: any weekday in May.",
    )

    def clean_statement(self):
        # Checked here too so a 100,000-character statement gets a message, not a truncation.
        value = self.cleaned_data["statement"]
        if len(value) > STATEMENT_MAX:
            raise forms.ValidationError(
                f"Keep the statement under {STATEMENT_MAX:,} characters (it has {len(value):,})."
            )
        return value


class FeedbackForm(forms.Form):
    body = MarkdownField(
        label="Your feedback",
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Up to {NOTE_MAX:,} characters.",
    )


class PlacementFilterForm(forms.Form):
    theme = TextField(required=False, max_length=100)
    region = forms.ChoiceField(choices=[("", "Any region"), *Region.choices], required=False)
    council = forms.ModelChoiceField(
        queryset=Organisation.objects.councils(),
        required=False,
        empty_label="Any council",
        to_field_name="slug",
    )
    format = forms.ChoiceField(choices=[("", "Any format"), *Format.choices], required=False)
    month = forms.CharField(
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
        help_text="Year and month, for example 2026-05.",
    )
    free = forms.BooleanField(label="Only with free places", required=False)

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            if not (1 <= month <= 12 and 2000 <= year <= 2100):
                raise ValueError
        except ValueError as error:
            raise forms.ValidationError(
                "Give the month as year and month, like 2026-05."
            ) from error
        return year, month


class MentorOfferForm(forms.Form):
    """Shown beside the request form on one page: ids of its own (id_offer_themes)."""

    themes = ThemesField()
    capacity = forms.IntegerField(
        min_value=1, max_value=20, initial=1, help_text="How many mentees at once."
    )
    format = forms.ChoiceField(choices=Format.choices)
    note = TextField(max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_open = forms.BooleanField(label="Taking new mentees", required=False, initial=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_offer_%s")
        super().__init__(*args, **kwargs)


class MentoringRequestForm(forms.Form):
    """Shown beside the offer form on one page: ids of its own (id_request_themes)."""

    goals = TextField(
        label="What you would like to achieve",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=NOTE_MAX,
    )
    themes = ThemesField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_request_%s")
        super().__init__(*args, **kwargs)
