"""Application pages: apply, my applications, the application page, decide and withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.forms import form_status, submit
from core.navigation import safe_next
from mentoring import permissions
from mentoring.forms import ApplicationForm, FeedbackForm
from mentoring.models import Application
from mentoring.services import applications as services
from mentoring.views.access import application_for, members_only, placement_for


@members_only
def placement_apply(request, pk: int):
    placement = placement_for(request, pk)
    if not permissions.can_apply(request.user, placement):
        raise PermissionDenied("You cannot apply for a placement offered by your own council.")
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = submit(
            form,
            services.application_submit,
            placement=placement,
            applicant=request.user,
            **form.cleaned_data,
        )
        if application is not None:
            messages.success(request, "Your application has been sent to the host council.")
            return redirect(application)
    return render(
        request,
        "mentoring/application_form.html",
        {"form": form, "placement": placement},
        status=form_status(form),
    )


@members_only
def application_list(request):
    """The member's own applications."""
    applications = (
        Application.objects.filter(applicant=request.user)
        .select_related("placement__host_council")
        .order_by("-created_at")
    )
    return render(request, "mentoring/application_list.html", {"applications": applications})


def render_application(request, application: Application, feedback_form=None):
    """The application page; feedback_form is a bound form to show again with its errors."""
    user = request.user
    placement = application.placement
    if feedback_form is None and permissions.can_give_feedback(user, application):
        feedback_form = FeedbackForm()
    return render(
        request,
        "mentoring/application_detail.html",
        {
            "application": application,
            "placement": placement,
            "is_applicant": user.pk == application.applicant_id,
            "runs": permissions.can_run_placement(user, placement),
            "feedback": list(application.feedback.select_related("author")),
            "feedback_form": feedback_form,
        },
        status=form_status(feedback_form),
    )


@login_required
def application_detail(request, pk: int):
    return render_application(request, application_for(request, pk))


@login_required
@require_POST
def application_decide(request, pk: int):
    application = application_for(request, pk)
    services.application_decide(
        actor=request.user,
        application=application,
        decision=request.POST.get("decision", ""),
        note=request.POST.get("note", ""),
    )
    messages.success(request, f"Application from {application.applicant}: decision saved.")
    return redirect(safe_next(request, application.get_absolute_url()))


@login_required
@require_POST
def application_withdraw(request, pk: int):
    application = application_for(request, pk)
    services.application_withdraw(actor=request.user, application=application)
    messages.success(request, "Your application has been withdrawn.")
    return redirect(application)
