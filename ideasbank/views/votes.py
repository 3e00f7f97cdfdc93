"""The vote button: a plain form POST, or htmx swapping the vote widget in place."""

from django.contrib import messages
from django.shortcuts import redirect, render

from core.navigation import safe_next
from ideasbank import services
from ideasbank.views.lookups import get_visible_idea, idea_action


@idea_action
def idea_vote(request, pk: int):
    idea = get_visible_idea(request, pk)
    wanted = {"1": True, "0": False}.get(request.POST.get("voted"))
    result = services.idea_vote_toggle(idea=idea, user=request.user, voted=wanted)
    return_to = safe_next(request, idea.get_absolute_url())
    if request.htmx:
        context = {
            "idea": idea,
            "has_voted": result.voted,
            "can_vote": True,
            "return_to": return_to,
        }
        return render(request, "ideasbank/includes/vote_widget_inner.html", context)
    messages.success(
        request, "Your vote has been counted." if result.voted else "Your vote has been removed."
    )
    return redirect(return_to)
