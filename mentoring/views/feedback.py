"""After a placement: leaving feedback on an application, and drafting the case study."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from core.forms import submit
from mentoring.forms import FeedbackForm
from mentoring.services import feedback as services
from mentoring.views.access import application_for, members_only, placement_for
from mentoring.views.applications import render_application


@login_required
@require_POST
def application_feedback(request, pk: int):
    application = application_for(request, pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        given = submit(
            form,
            services.feedback_give,
            actor=request.user,
            application=application,
            body=form.cleaned_data["body"],
        )
        if given is not None:
            messages.success(request, "Thank you for your feedback.")
            return redirect(application)
    return render_application(request, application, feedback_form=form)


@members_only
def placement_case_study(request, pk: int):
    if request.method != "POST":
        return redirect("mentoring:placement_detail", pk=pk)
    placement = placement_for(request, pk)
    page = services.placement_to_case_study(actor=request.user, placement=placement)
    messages.success(
        request, f"A draft case study “{page.title}” is in the library for an editor to finish."
    )
    return redirect(placement)
