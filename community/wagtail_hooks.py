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
