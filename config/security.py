"""Security headers: the Content-Security-Policy (relaxed for the admin) and Permissions-Policy.

The public site runs with no inline script or style and no third-party
source (settings.CONTENT_SECURITY_POLICY). Wagtail's admin and Django's admin
are third-party code that use inline scripts, inline styles and frames of
their own previews; rather than weaken the policy for every reader, the
relaxed policy (settings.ADMIN_CONTENT_SECURITY_POLICY) applies to their URL
prefixes only.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class HubCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's relaxed policy under ADMIN_URL_PREFIXES."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(tuple(settings.ADMIN_URL_PREFIXES))
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Switch off browser features the site never uses (camera, microphone, location...)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response
