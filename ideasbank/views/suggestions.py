"""Help while writing an idea: existing themes (JSON) and similar ideas (an htmx fragment)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.themes import THEME_MAX
from core.validators import strip_control
from ideasbank.views.lookups import similar_ideas, visible_themes

SUGGESTIONS = 10


@require_GET
def theme_suggestions(request):
    """Themes of visible ideas starting with (then containing) the typed text."""
    text = " ".join(strip_control(request.GET.get("q", "")).split())[:THEME_MAX]
    if not text:
        return JsonResponse({"themes": []})
    themes = visible_themes(request.user).order_by("name")
    names = list(themes.filter(name__istartswith=text).values_list("name", flat=True)[:SUGGESTIONS])
    if len(names) < SUGGESTIONS:
        names += list(
            themes.filter(name__icontains=text)
            .exclude(name__istartswith=text)
            .values_list("name", flat=True)[: SUGGESTIONS - len(names)]
        )
    return JsonResponse({"themes": names})


@require_GET
def similar(request):
    """Visible ideas like the title being written, as a fragment."""
    exclude = request.GET.get("exclude", "")
    found = similar_ideas(
        request.user,
        request.GET.get("title", ""),
        exclude_pk=int(exclude) if exclude.isascii() and exclude.isdigit() else None,
    )
    return render(request, "ideasbank/includes/similar_ideas.html", {"similar": found})
