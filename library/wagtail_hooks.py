from wagtail import hooks
from wagtail.snippets.models import register_snippet

from library.viewsets import LegislationListingViewSet, TopicViewSet

register_snippet(TopicViewSet)


@hooks.register("register_admin_viewset")
def register_legislation_listing():
    return LegislationListingViewSet()
