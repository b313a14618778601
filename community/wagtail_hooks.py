from wagtail import hooks

from community.access import may_moderate
from community.admin_views import ModerationPanel
from community.viewsets import CommunityViewSetGroup


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if may_moderate(request.user):
        panels.append(ModerationPanel())


def working_members():
    from community.models import Member

    return Member.objects.filter(status=Member.Status.APPROVED, user__is_active=True)


@hooks.register("provider_community_members")
def members_at_providers():
    """The provider map's marks (providers.models.COMMUNITY_MEMBERS_HOOK): the approved
    members with an active account who work at a provider, one row each."""
    from django.db.models import F

    return (
        working_members()
        .filter(provider__isnull=False)
        .annotate(translation_key=F("provider__translation_key"))
    )


@hooks.register("provider_community_profiles")
def members_at_provider(request, translation_key):
    """A provider's page (providers.models.COMMUNITY_PROFILES_HOOK): the count, and the public
    profiles linked on the community page of the request's language."""
    from django.utils.translation import get_language

    from community.models import CommunityPage

    rows = list(
        working_members()
        .filter(provider__translation_key=translation_key)
        .values_list("pk", "full_name", "profile_public")
        .order_by("full_name", "pk")
    )
    public = [(pk, name) for pk, name, shown in rows if shown]
    page = None
    if public:
        page = CommunityPage.objects.live().filter(locale__language_code=get_language()).first()
    base = page.get_url(request) if page is not None else None
    if not base:
        return len(rows), []
    from community.templatetags.community_text import person_name

    return len(rows), [
        (person_name(name), base + page.reverse_subpage("member_route", args=[pk]))
        for pk, name in public
    ]
