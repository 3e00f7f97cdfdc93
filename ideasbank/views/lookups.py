"""What the ideas bank's views look up for a reader: the ideas and themes they may see."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST
from taggit.models import Tag

from core.validators import strip_control
from ideasbank import permissions, search
from ideasbank.models import Idea

CACHE_SECONDS = 300


def get_visible_idea(request, pk: int) -> Idea:
    """The idea if this reader may see it; otherwise 404, so its existence stays private."""
    idea = get_object_or_404(Idea.objects.select_related("council", "author"), pk=pk)
    if not permissions.can_view_idea(request.user, idea):
        raise Http404("No such idea.")
    return idea


def audience(user) -> str:
    """Which ideas this reader may see (members-only ones, hidden ones); anything
    cached from the visible ideas is keyed on it."""
    return f"{int(permissions.can_view_members_only(user))}{int(permissions.is_moderator(user))}"


def visible_themes(user):
    """Themes used on ideas this reader may see."""
    return Tag.objects.filter(
        ideasbank_ideatheme_items__content_object__in=Idea.objects.visible_to(user).values("pk")
    ).distinct()


def similar_ideas(user, title: str, exclude_pk=None) -> list[Idea]:
    """Ideas this reader may see like the title being written, ranked as the site search ranks."""
    return search.similar_ideas(user, strip_control(title)[:200], exclude_pk=exclude_pk)


def idea_action(view):
    """A POST about one idea: a visitor is sent to sign in, then back to the idea."""

    @wraps(view)
    def wrapper(request, pk: int, *args, **kwargs):
        if not request.user.is_authenticated:
            response = redirect_to_login(reverse("ideasbank:detail", args=[pk]))
            if request.htmx:
                return HttpResponse(headers={"HX-Redirect": response["Location"]})
            return response
        return view(request, pk, *args, **kwargs)

    return require_POST(wrapper)
