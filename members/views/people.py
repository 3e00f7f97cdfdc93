"""Member profiles and the people finder: for members only."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from members import directory
from members.forms import PeopleFilterForm
from members.permissions import can_view_profile, can_view_profiles

User = get_user_model()
PER_PAGE = 24


def _require_member(request):
    if not can_view_profiles(request.user):
        raise PermissionDenied("Member profiles are for confirmed members of the network.")


def profile_detail(request, pk: int):
    person = get_object_or_404(User.objects.select_related("organisation"), pk=pk)
    if person.pk != request.user.pk:
        _require_member(request)
    if not can_view_profile(request.user, person):
        # A hidden profile looks like no profile at all.
        raise Http404("No such profile.")
    return render(
        request, "members/user_detail.html", directory.profile_context(request.user, person)
    )


def people_list(request):
    _require_member(request)
    form = PeopleFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    people = directory.find_people(
        request.user,
        q=(data.get("q") or "").strip(),
        theme=(data.get("theme") or "").strip(),
        council=data.get("council"),
    )
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/user_list.html",
        {
            "form": form,
            "page_obj": page,
            "people": page.object_list,
            "query": query.urlencode(),
        },
    )
