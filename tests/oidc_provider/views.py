"""The provider's sign-in: a username and password posted by the test's browser session."""

from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def sign_in(request):
    if request.method != "POST":
        return HttpResponse("POST a username and password.", status=405)
    user = authenticate(
        request, username=request.POST.get("username"), password=request.POST.get("password")
    )
    if user is None:
        return HttpResponse("Wrong username or password.", status=403)
    login(request, user)
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and next_url.startswith("/"):
        return HttpResponseRedirect(next_url)
    return HttpResponse("Signed in.")
