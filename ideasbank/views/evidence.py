"""A council records where it stands on an idea, from the idea's page."""

from django.contrib import messages
from django.shortcuts import redirect

from core.forms import form_status, submit
from ideasbank import services
from ideasbank.forms import EvidenceForm
from ideasbank.views.ideas import idea_page
from ideasbank.views.lookups import get_visible_idea, idea_action


@idea_action
def evidence_record(request, pk: int):
    idea = get_visible_idea(request, pk)
    form = EvidenceForm(request.POST, prefix="evidence")
    if form.is_valid():
        evidence = submit(
            form, services.evidence_record, idea=idea, actor=request.user, **form.cleaned_data
        )
        if evidence is not None:
            messages.success(request, "Your council's position has been recorded.")
            return redirect(f"{idea.get_absolute_url()}#evidence")
    return idea_page(request, idea, evidence_form=form, status=form_status(form))
