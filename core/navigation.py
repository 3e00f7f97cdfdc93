"""Where to send someone after a form: their own "next", if it stays on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default: str) -> str:
    """The POSTed (or queried) "next" address when it is on this host, else default.

    Only a path ("/...") or a full http(s) address counts: a bare word such as
    "0" or "home" would be taken by redirect() for a view name.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not target.startswith(("/", "http://", "https://")):
        return default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
