from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.navigation import safe_next
from members import services
from members.forms import ProfileForm, RefuseForm
from members.models import Organisation
from members.permissions import is_council_lead, is_member, is_network_editor

User = get_user_model()


@login_required
def account(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            services.profile_update(user=user, **form.cleaned_data)
            messages.success(request, "Your profile has been saved.")
            return redirect("members:account")
    else:
        form = ProfileForm(
            initial={
                "name": user.name,
                "job_title": user.job_title,
                "bio": user.bio,
                "expertise": ", ".join(t.name for t in user.expertise.all()),
                "email_frequency": user.email_frequency,
            }
        )
    return render(request, "members/account.html", {"form": form})


def _pending_for(user):
    pending = User.objects.filter(status=User.Status.PENDING).select_related("organisation")
    if is_network_editor(user):
        return pending
    if is_council_lead(user):
        return pending.filter(organisation_id=user.organisation_id)
    raise PermissionDenied


@login_required
def membership_requests(request):
    return render(
        request,
        "members/membership_requests.html",
        {"pending": _pending_for(request.user), "refuse_form": RefuseForm()},
    )


@login_required
@require_POST
def membership_decide(request, pk: int, decision: str):
    person = get_object_or_404(User, pk=pk)
    try:
        if decision == "confirm":
            services.membership_confirm(actor=request.user, person=person)
            messages.success(request, f"{person} is now a confirmed member.")
        elif decision == "refuse":
            form = RefuseForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Keep the reason under 2,000 characters.")
                return redirect("members:requests")
            services.membership_refuse(
                actor=request.user, person=person, reason=form.cleaned_data["reason"]
            )
            messages.success(request, f"{person}'s request has been refused.")
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(safe_next(request, reverse("members:requests")))


def council_list(request):
    organisations = Organisation.objects.all()
    return render(
        request,
        "members/organisation_list.html",
        {
            "councils": [o for o in organisations if o.is_council],
            "affiliates": [o for o in organisations if not o.is_council],
        },
    )


def council_detail(request, slug: str):
    organisation = get_object_or_404(Organisation.objects.prefetch_related("domains"), slug=slug)
    return render(
        request,
        "members/organisation_detail.html",
        {
            "organisation": organisation,
            "show_members": is_member(request.user),
            "members": organisation.members.filter(status=User.Status.CONFIRMED).only(
                "name", "job_title"
            )
            if is_member(request.user)
            else [],
        },
    )
