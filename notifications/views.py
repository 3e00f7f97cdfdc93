"""Notification pages: the member's list, opening one, and the unsubscribe page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import form_status, submit
from notifications import services
from notifications.forms import EmailChoicesForm
from notifications.models import Notification
from notifications.preferences import choices_for, email_choices_save

ONE_CLICK = "One-Click"


@login_required
def notification_list(request):
    page = Paginator(Notification.objects.for_user(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
@require_POST
def notifications_mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_open(request, pk: int):
    notification = services.notification_mark_read(user=request.user, notification_id=pk)
    target = notification.url if notification else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@csrf_exempt  # Only the RFC 8058 one-click POST skips CSRF; the page's button is checked below.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """GET explains and offers a button; only a POST turns notification email off.

    Mail scanners open every link in a message on delivery, so opening the
    link must change nothing.
    """
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == ONE_CLICK:
        return _one_click_unsubscribe(request, token)
    return _unsubscribe_page(request, token)


def _one_click_unsubscribe(request, token: str):
    if services.email_unsubscribe(token=token) is None:
        return HttpResponse("This unsubscribe link is not valid.", status=400)
    return HttpResponse("Unsubscribed.")


@csrf_protect
def _unsubscribe_page(request, token: str):
    member = services.unsubscribe_member(token)
    if member is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        member = services.email_unsubscribe(token=token)
        done = True
    return render(request, "notifications/unsubscribe.html", {"member": member, "done": done})


@login_required
def email_settings(request):
    """The member's choice, per kind of notification, of immediately, daily, weekly or never."""
    form = EmailChoicesForm(request.POST or None, choices=choices_for(request.user))
    if request.method == "POST" and form.is_valid():
        if submit(form, email_choices_save, user=request.user, choices=form.cleaned_data):
            messages.success(request, "Your email settings are saved.")
            return redirect(reverse("members:account") + "#email-settings")
    return render(
        request, "notifications/email_settings.html", {"form": form}, status=form_status(form)
    )
