"""The community's front page: what it is, what it holds, and how to join."""

from django.db.models import Count, F, Window

from community.access import member_of
from community.models import Member, Resource, Thread

LATEST = 3


def visible_to(member):
    """Published resources and the discussions this reader may see: members see the
    members-only ones too, everyone else only what is public."""
    resources = Resource.objects.filter(status=Resource.Status.APPROVED)
    threads = Thread.objects.all()
    if not (member and member.is_active_member):
        resources = resources.filter(visibility=Resource.Visibility.PUBLIC)
        threads = threads.filter(visibility=Thread.Visibility.PUBLIC)
    return resources, threads


def latest_and_total(queryset, *ordering):
    """The first few rows and, counted by the same query, how many there are in all."""
    rows = list(queryset.annotate(total=Window(Count("pk"))).order_by(*ordering)[:LATEST])
    return rows, rows[0].total if rows else 0


def index(request, page):
    member = member_of(request.user)
    resources, threads = visible_to(member)
    latest_resources, resource_count = latest_and_total(
        resources, F("reviewed_at").desc(nulls_last=True), "-submitted_at"
    )
    active_threads, thread_count = latest_and_total(threads, "-last_post_at")
    public_members = Member.objects.filter(
        status=Member.Status.APPROVED, profile_public=True, user__is_active=True
    )
    return page.render(
        request,
        template="community/landing.html",
        context_overrides={
            "section": "",
            "member": member,
            "resource_count": resource_count,
            "thread_count": thread_count,
            "member_count": public_members.count(),
            "latest_resources": latest_resources,
            "active_threads": active_threads,
        },
    )
