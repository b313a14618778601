"""How many members the community has, for the footer (cached: it is on every page)."""

from django import template
from django.core.cache import cache

from community.models import Member

register = template.Library()

MEMBERS_SECONDS = 5 * 60
MEMBERS_KEY = "community:approved-members"


@register.simple_tag
def approved_members_count():
    """The number of approved members, from one query every few minutes at most."""
    count = cache.get(MEMBERS_KEY)
    if count is None:
        count = Member.objects.filter(status=Member.Status.APPROVED).count()
        cache.set(MEMBERS_KEY, count, MEMBERS_SECONDS)
    return count
