"""My account, and membership requests and decisions on the site."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.forms import form_status, submit
from core.navigation import safe_next
from members.forms import ProfileForm
from members.permissions import can_review_members
from members.services import membership, profiles

User = get_user_model()


@login_required
def account(request):
    form = ProfileForm.for_member(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submit(form, profiles.profile_update, user=request.user, **form.cleaned_data):
            messages.success(request, "Your profile has been saved.")
            return redirect("members:account")
    return render(request, "members/account.html", {"form": form}, status=form_status(form))


@login_required
def membership_requests(request):
    if not can_review_members(request.user):
        raise PermissionDenied("Only council leads and network editors decide on membership.")
    return render(
        request,
        "members/membership_requests.html",
        {"pending": User.objects.awaiting_decision_by(request.user)},
    )


@login_required
@require_POST
def membership_decide(request, pk: int, decision: str):
    person = get_object_or_404(User, pk=pk)
    done = membership.membership_decide(
        actor=request.user, person=person, decision=decision, reason=request.POST.get("reason", "")
    )
    messages.success(request, done)
    return redirect(safe_next(request, reverse("members:requests")))
