"""The library index: what the reader may open, filtered by type, theme, council and year."""

from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import ExtractYear
from taggit.models import Tag
from wagtail.models import Page

from cms.privacy import pages_visible_to, restricted_among
from members.models import Organisation
from members.permissions import is_member

PER_PAGE = 12


def library_models() -> list:
    from cms.models import (
        BriefingPage,
        CaseStudyPage,
        HowToGuidePage,
        PolicyLabPage,
        PolicyPrototypePage,
        PublicationPage,
    )

    return [
        CaseStudyPage,
        HowToGuidePage,
        PublicationPage,
        BriefingPage,
        PolicyLabPage,
        PolicyPrototypePage,
    ]


def _tag_models() -> list:
    from cms.models import BriefingTag, CaseStudyTag, GuideTag, ProjectTag, PublicationTag

    return [CaseStudyTag, GuideTag, PublicationTag, BriefingTag, ProjectTag]


def _any(conditions) -> Q:
    conditions = list(conditions)
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


def library_pages(index, user):
    """Live library items under this index that this person may see listed."""
    types = ContentType.objects.get_for_models(*library_models()).values()
    return pages_visible_to(user, Page.objects.child_of(index)).filter(content_type__in=types)


def filter_pages(pages, *, kind="", theme="", council="", year=None):
    models = library_models()
    if kind:
        chosen = [m for m in models if m.library_kind == kind]
        pages = pages.filter(content_type__in=ContentType.objects.get_for_models(*chosen).values())
    if theme:
        pages = pages.filter(
            _any(
                Q(pk__in=t.objects.filter(tag__slug=theme).values("content_object_id"))
                for t in _tag_models()
            )
        )
    if council:
        pages = pages.filter(
            _any(
                Q(pk__in=m.objects.filter(**{f"{field}__slug": council}).values("pk"))
                for m in models
                for field in m.council_fields
            )
        )
    if year:
        pages = pages.filter(
            _any(Q(pk__in=m.objects.filter(**{m.year_lookup: year}).values("pk")) for m in models)
        )
    return pages


def filter_options(pages) -> dict:
    """Themes, councils and years found among these pages (so none leaks from items hidden here)."""
    ids = pages.values("pk")
    themes = Tag.objects.filter(
        _any(
            Q(pk__in=t.objects.filter(content_object_id__in=ids).values("tag"))
            for t in _tag_models()
        )
    ).order_by("name")
    councils = Organisation.objects.filter(
        _any(
            Q(pk__in=m.objects.filter(pk__in=ids).values(field))
            for m in library_models()
            for field in m.council_fields
        )
    ).order_by("name")
    year_queries = []
    for model in library_models():
        rows = model.objects.filter(pk__in=ids)
        if model.year_lookup == "year":
            rows = rows.values_list("year", flat=True)
        else:
            rows = rows.annotate(y=ExtractYear("date")).values_list("y", flat=True)
        year_queries.append(rows.order_by())
    years = year_queries[0].union(*year_queries[1:]) if year_queries else []
    return {
        "themes": [(tag.slug, tag.name) for tag in themes],
        "councils": [(org.slug, org.name) for org in councils],
        "years": sorted({y for y in years if y}, reverse=True),
    }


class LibraryFilterForm(forms.Form):
    type = forms.ChoiceField(label="Type", required=False)
    theme = forms.ChoiceField(label="Theme", required=False)
    council = forms.ChoiceField(label="Council", required=False)
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, options):
        super().__init__(data)
        self.fields["type"].choices = [("", "All types")] + [
            (m.library_kind, m.library_label) for m in library_models()
        ]
        self.fields["theme"].choices = [("", "All themes")] + options["themes"]
        self.fields["council"].choices = [("", "All councils")] + options["councils"]
        self.fields["year"].choices = [("", "Any year")] + [(y, str(y)) for y in options["years"]]

    def filters(self) -> dict:
        """The valid filters; a value not on offer is ignored rather than refused."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "kind": data.get("type") or "",
            "theme": data.get("theme") or "",
            "council": data.get("council") or "",
            "year": data.get("year"),
        }


def decorate(items, user) -> list:
    """Council names and the members-only mark for a page of items, in two queries."""
    items = list(items)
    councils = Organisation.objects.in_bulk(
        {item.card_council_id for item in items if getattr(item, "card_council_id", None)}
    )
    members_only = restricted_among(items) if is_member(user) else set()
    for item in items:
        item.card_council = councils.get(getattr(item, "card_council_id", None))
        item.members_only = item.pk in members_only
    return items


def library_listing(index, request) -> dict:
    user = request.user
    visible = library_pages(index, user)
    form = LibraryFilterForm(request.GET, options=filter_options(visible))
    filters = form.filters()
    chosen = filter_pages(visible, **filters).order_by("-first_published_at", "-pk")
    page = Paginator(chosen.specific(), PER_PAGE).get_page(request.GET.get("page"))
    query = {
        key: value
        for key, value in (
            ("type", filters["kind"]),
            ("theme", filters["theme"]),
            ("council", filters["council"]),
            ("year", filters["year"] or ""),
        )
        if value
    }
    return {
        "filter_form": form,
        "items": decorate(page.object_list, user),
        "items_page": page,
        "querystring": urlencode(query),
        "is_filtered": bool(query),
    }


def council_items(user, organisation, *, limit: int = 10) -> list:
    """Library items naming this council (its council, lead or partner) that this person may see."""
    types = ContentType.objects.get_for_models(*library_models()).values()
    pages = pages_visible_to(user, Page.objects.filter(content_type__in=types))
    pages = filter_pages(pages, council=organisation.slug)
    return decorate(pages.order_by("-first_published_at", "-pk").specific()[:limit], user)
