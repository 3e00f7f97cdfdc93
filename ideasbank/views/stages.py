"""Network editors change an idea's stage or close it as a duplicate, from its page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from core.forms import form_status, submit
from ideasbank import permissions, services
from ideasbank.forms import DuplicateForm, StageForm
from ideasbank.views.ideas import idea_page
from ideasbank.views.lookups import get_visible_idea, idea_action


def _editors_only(request, refusal: str) -> None:
    if not permissions.can_change_stage(request.user):
        raise PermissionDenied(refusal)


@idea_action
def idea_stage(request, pk: int):
    idea = get_visible_idea(request, pk)
    _editors_only(request, "Only network editors change an idea's stage.")
    form = StageForm(request.POST, prefix="stage")
    if form.is_valid():
        change = submit(
            form, services.idea_stage_change, idea=idea, actor=request.user, **form.cleaned_data
        )
        if change is not None:
            messages.success(request, f"The idea is now at “{idea.get_stage_display()}”.")
            return redirect(idea)
    return idea_page(request, idea, stage_form=form, status=form_status(form))


@idea_action
def idea_duplicate(request, pk: int):
    idea = get_visible_idea(request, pk)
    _editors_only(request, "Only network editors mark duplicates.")
    form = DuplicateForm(request.POST, prefix="duplicate")
    if form.is_valid():
        original = form.cleaned_data["original"]
        change = submit(
            form,
            services.idea_mark_duplicate,
            idea=idea,
            original=original,
            actor=request.user,
            note=form.cleaned_data["note"],
        )
        if change is not None:
            messages.success(request, f"Closed as a duplicate; its votes moved to “{original}”.")
            return redirect(original)
    return idea_page(request, idea, duplicate_form=form, status=form_status(form))
