"""The "Community" admin menu: applications and members, shared resources, reported posts.

Members cannot be added, edited or deleted here (their account is theirs: no staff
rights, no password); a member's admin page is the review page with the decisions.
Resources open on their review page; moderators may correct an approved resource's
details through Wagtail's edit view.
"""

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem as ActionItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from community import admin_views
from community.admin_forms import ResourceDetailsForm
from community.models import Member, Resource


class CountingMenuItem(MenuItem):
    """A menu item for moderators only, its label followed by what waits: "Resources (3)"."""

    def __init__(self, *args, permission, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission
        self.count = count

    def is_shown(self, request):
        return request.user.has_perm(self.permission)

    def render_component(self, request):
        component = super().render_component(request)
        waiting = self.count()
        if waiting:
            component.label = f"{self.label} ({waiting})"
        return component


class CountingViewSetMixin:
    menu_permission = ""

    def waiting(self):
        return 0

    def get_menu_item(self, order=None):
        return CountingMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
            permission=self.menu_permission,
            count=self.waiting,
        )


def _status_column(model):
    return StatusTagColumn(
        "status",
        accessor="get_status_display",
        label=_("Status"),
        sort_key="status",
        primary=lambda instance: instance.status == model.Status.APPROVED,
    )


class MemberIndexView(IndexView):
    """Applications waiting first, oldest first; then everyone by name."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                waiting=Case(
                    When(status=Member.Status.PENDING, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
        )

    # Nothing is added, copied or deleted here; the title opens the review page.
    def get_add_url(self):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        return []


class MemberViewSet(CountingViewSetMixin, ModelViewSet):
    model = Member
    name = admin_views.MEMBERS_URL
    url_prefix = "community/members"
    icon = "user"
    menu_label = _("Applications and members")
    menu_permission = "community.change_member"
    index_view_class = MemberIndexView
    list_display = [
        "full_name",
        "organisation",
        "country",
        "role",
        _status_column(Member),
        DateColumn("applied_at", label=_("Applied"), sort_key="applied_at"),
    ]
    list_filter = ["status", "country", "role"]
    search_fields = ["full_name", "organisation", "user__email"]
    ordering = ["waiting", "applied_at", "full_name"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False

    def waiting(self):
        return Member.objects.filter(status=Member.Status.PENDING).count()

    def get_urlpatterns(self):
        # Only the listing and the review page: "edit" is the review page, so Wagtail's
        # links to a member (history, logs) lead there.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", admin_views.member_review, name="edit"),
            path("<int:pk>/<slug:action>/", admin_views.member_action, name="action"),
        ]


class ResourceIndexView(IndexView):
    """The waiting ones oldest first (a queue); otherwise the newest first."""

    def get_ordering(self):
        if "ordering" not in self.request.GET:
            return (
                ["submitted_at", "pk"]
                if self.request.GET.get("status") == Resource.Status.PENDING
                else ["-submitted_at", "-pk"]
            )
        return super().get_ordering()

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("author", "topic")

    def get_edit_url(self, instance):
        return reverse(f"{admin_views.RESOURCES_URL}:review", args=[instance.pk])

    def get_add_url(self):
        return None

    def get_copy_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = [
            ActionItem(_("Review"), self.get_edit_url(instance), icon_name="view", priority=10),
        ]
        if self.user_has_permission("change"):
            buttons.append(
                ActionItem(
                    _("Edit details"),
                    reverse(self.edit_url_name, args=[instance.pk]),
                    icon_name="edit",
                    priority=20,
                )
            )
        if delete_url := self.get_delete_url(instance):
            buttons.append(ActionItem(_("Delete"), delete_url, icon_name="bin", priority=30))
        return buttons


class ResourceViewSet(CountingViewSetMixin, ModelViewSet):
    model = Resource
    name = admin_views.RESOURCES_URL
    url_prefix = "community/resources"
    icon = "doc-full"
    menu_label = _("Resources to review")
    menu_permission = "community.change_resource"
    index_view_class = ResourceIndexView
    list_display = [
        "title",
        Column("author", label=_("Shared by")),
        "language",
        "kind",
        "visibility",
        _status_column(Resource),
        DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
    ]
    list_filter = ["status", "language", "visibility", "kind"]
    search_fields = ["title", "summary"]
    search_backend_name = None  # the database: the queue is small, and finds partial words
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldPanel("topic", widget=forms.Select),
            FieldPanel("visibility"),
        ],
        base_form_class=ResourceDetailsForm,
    )

    @cached_property
    def menu_url(self):
        return reverse(self.get_url_name("index")) + f"?status={Resource.Status.PENDING}"

    def waiting(self):
        return Resource.objects.filter(status=Resource.Status.PENDING).count()

    def get_urlpatterns(self):
        # Resources are shared by members, never added or copied in the admin.
        patterns = [
            pattern for pattern in super().get_urlpatterns() if pattern.name not in ("add", "copy")
        ]
        return [
            *patterns,
            path("<int:pk>/", admin_views.resource_review, name="review"),
            path("<int:pk>/file/", admin_views.resource_file, name="file"),
            path("<int:pk>/<slug:action>/", admin_views.resource_action, name="action"),
        ]


class ReportedPostViewSet(CountingViewSetMixin, ViewSet):
    name = admin_views.POSTS_URL
    url_prefix = "community/posts"
    icon = "warning"
    menu_label = _("Reported posts")
    menu_permission = "community.change_post"

    def waiting(self):
        return admin_views.reported_posts().count()

    def get_urlpatterns(self):
        return [
            path("", admin_views.post_queue, name="index"),
            path("<int:pk>/", admin_views.post_review, name="review"),
            path("<int:pk>/<slug:action>/", admin_views.post_action, name="action"),
        ]


class CommunityViewSetGroup(ViewSetGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
    items = (MemberViewSet, ResourceViewSet, ReportedPostViewSet)
