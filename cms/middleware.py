import re

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.middleware.gzip import GZipMiddleware


class SecurityHeadersMiddleware:
    """Adds the Permissions-Policy header, which Django's SecurityMiddleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy (ADMIN_CONTENT_SECURITY_POLICY)
    on the admin's addresses instead of the public one.

    The admin's ``frame-ancestors`` follows the X-Frame-Options the response already has:
    'self' where Wagtail lets its own editor frame the view (previews), 'none' elsewhere.
    """

    def process_response(self, request, response):
        # Wagtail's preview renders a page through the middleware again, with a dummy
        # request for the page's public address: the admin request around it (the preview
        # view's) sets the policy, not the public one the dummy request would get.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        policy = settings.ADMIN_CONTENT_SECURITY_POLICY
        if report_only or not request.path_info.startswith(tuple(policy["URL_PREFIXES"])):
            return parts
        if parts.config is None:  # a view's own @csp decorator still wins
            parts.config = default_config(policy["DIRECTIVES"])
            framed = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
            parts.config["frame-ancestors"] = ["'self'" if framed else "'none'"]
        return parts


COMPRESSIBLE = re.compile(r"^(?:text/|application/(?:[\w.+-]*\+)?(?:json|xml|javascript))")


def compressible(response):
    """Text worth compressing: pages, feeds, CSV, JSON and GeoJSON, never files that are
    compressed already (PDF, XLSX, ZIP) nor streamed downloads (their length stays known)."""
    return not response.streaming and bool(COMPRESSIBLE.match(response.get("Content-Type", "")))


class CompressionMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH padding) for text responses only. Cached pages come
    compressed already (home.page_cache) and pass through untouched."""

    def process_response(self, request, response):
        if not compressible(response):
            return response
        return super().process_response(request, response)
