"""The map of member councils: a filtered list that the map script draws, offline by default."""

from django.conf import settings
from django.shortcuts import render

from members import directory
from members.views.councils import _filters


def council_map(request):
    form = _filters(request)
    data = getattr(form, "cleaned_data", {})
    councils = directory.councils_filtered(
        region=data.get("region", ""), approach=data.get("approach", "")
    )
    entries = directory.map_councils(request.user, councils)
    return render(
        request,
        "members/council_map.html",
        {
            "form": form,
            "entries": entries,
            "tile_url": getattr(settings, "MAP_TILE_URL", ""),
            "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
        },
    )
