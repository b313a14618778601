"""Links into the community from the site's chrome (the header's account link)."""

from django import template
from django.urls import reverse

from community.adapter import my_profile_url
from home.caching import cached_per_language

register = template.Library()


@register.simple_tag(takes_context=True)
def account_url(context):
    """Where the header's account link leads: a member's "My profile" in the page's
    language, else (staff, or no community page yet) the account's e-mail settings."""
    request = context["request"]
    if hasattr(request.user, "member"):
        # Cached with the rest of the chrome: the header is on every page.
        url = cached_per_language(
            request, "community-my-profile-url", lambda: my_profile_url(request) or ""
        )
        if url:
            return url
    return reverse("account_email")
