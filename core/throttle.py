"""Limits on who may try again how fast: sign-in forms, by the client's real address.

Every form that checks a password (the site's own through allauth, Wagtail's
admin and page-privacy forms, Django's admin) spends the same allauth
"login_failed" counters, so failures on one form count on the others. Behind a
reverse proxy the client's address is the right-most X-Forwarded-For entry
that is not one of HUB_TRUSTED_PROXIES, and only when the request came from
one of them.
"""

import ipaddress

from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings

from core import ratelimit
from core.errors import RateLimited, error_response

# Forms that check a password outside allauth (POSTs only).
SIGN_IN_PREFIXES = (
    "/admin/login/",
    "/django-admin/login/",
    "/_util/login/",
    "/_util/authenticate_with_password/",
)
TOO_MANY = "Too many failed sign-in attempts. Wait a few minutes and try again."


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    for proxy in getattr(settings, "HUB_TRUSTED_PROXIES", []):
        try:
            if ip in ipaddress.ip_network(proxy, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind a trusted proxy the nearest untrusted hop."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not _is_trusted(remote):
        return remote
    hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if not _is_trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote
    return remote


class ClientAddressMiddleware:
    """Puts the client's real address in REMOTE_ADDR (the proxy's is kept in HUB_PROXY_ADDR).

    allauth's limits, the hub's and the logs then all see the client, not the proxy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remote = request.META.get("REMOTE_ADDR", "")
        real = client_ip(request)
        if real != remote:
            request.META["HUB_PROXY_ADDR"] = remote
            request.META["REMOTE_ADDR"] = real
        return self.get_response(request)


def _login_key(request) -> str | None:
    """allauth's per-account key, so these forms share its counters."""
    from allauth.account.adapter import get_adapter

    login = request.POST.get("username") or request.POST.get("email") or ""
    if request.path.startswith("/_util/authenticate_with_password/"):
        # No account: the page whose password is being guessed is the key.
        login = "page-password:" + request.path
    if not login:
        return None
    return get_adapter(request)._get_login_attempts_cache_key(request, email=login)


class SignInRateLimitMiddleware:
    """Counts each password attempt on the non-allauth forms; refuses with 429 past the limit.

    A success hands its attempt back (as allauth does), so only failures count.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not request.path.startswith(SIGN_IN_PREFIXES):
            return self.get_response(request)
        usage = allauth_ratelimit.consume(
            request, app="allauth.account", action="login_failed", key=_login_key(request)
        )
        if not usage:
            return error_response(request, RateLimited(TOO_MANY))
        response = self.get_response(request)
        # Every one of these forms redirects on success and shows itself again on failure.
        if response.status_code in (301, 302, 303):
            usage.rollback()
        return response


class RequestThrottleMiddleware:
    """At most HUB_REQUEST_RATE requests per client address (static files and /healthz/ aside)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        exempt = (settings.STATIC_URL, "/healthz/", "/favicon.ico")
        if not path.startswith(exempt):
            address = request.META.get("REMOTE_ADDR", "") or "unknown"
            if not ratelimit.consume(f"address:{address}", settings.HUB_REQUEST_RATE):
                return error_response(
                    request, RateLimited("Too many requests from your address. Wait a minute.")
                )
        return self.get_response(request)
