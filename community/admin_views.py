"""The moderators' work in the admin: applications, shared resources, reported posts.

Every decision is one conditional UPDATE (``filter(status__in=…).update(…)``): when two
moderators decide at once, the second is told it was already done and no second e-mail
leaves. The member is told by e-mail, in their own language.
"""

import logging
import os
import smtplib

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Q
from django.db.models.signals import post_save
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required
from wagtail.admin.ui.components import Component

from community.admin_forms import ReasonForm
from community.emails import send_to_member
from community.models import CommunityPage, Member, Post, PostReport, Resource

logger = logging.getLogger(__name__)

MEMBERS_URL = "community_members"
RESOURCES_URL = "community_resources"
POSTS_URL = "community_posts"
SHOWN_SHARED = 20
POSTS_PER_PAGE = 50


def pending_counts():
    """What waits for a moderator: applications, resources, reported posts."""
    return {
        "applications": Member.objects.filter(status=Member.Status.PENDING).count(),
        "resources": Resource.objects.filter(status=Resource.Status.PENDING).count(),
        "posts": reported_posts().count(),
    }


def reported_posts():
    return (
        Post.objects.annotate(
            open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)),
            last_reported_at=Max("reports__created_at"),
        )
        .filter(open_reports__gt=0)
        .order_by("-open_reports", "last_reported_at", "pk")
    )


def community_page(language):
    """The live community page of a language tree (the default language's, failing that)."""
    pages = CommunityPage.objects.live().select_related("locale")
    return (
        pages.filter(locale__language_code=language).first()
        or pages.filter(locale__language_code="bg").first()
        or pages.first()
    )


def public_url(language, route=None, *args):
    page = community_page(language)
    if page is None:
        return ""
    url = page.get_full_url()
    if url and route:
        url = url.rstrip("/") + "/" + page.reverse_subpage(route, args=args)
    return url or ""


def _tell(request, member, template, context):
    """E-mail the member; a mail server failure is reported, the decision stands."""
    if member is None:
        return
    try:
        sent = send_to_member(member, template, context)
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send the %s e-mail to member %s", template, member.pk)
        sent = 0
    if not sent:
        messages.warning(
            request,
            _("The decision is saved, but no e-mail could be sent to %(name)s.")
            % {"name": member.full_name},
        )


def _decide(request, queryset, allowed, **changes):
    """Apply ``changes`` if the object is still in one of the ``allowed`` states."""
    done = queryset.filter(status__in=allowed).update(**changes)
    if not done:
        messages.error(request, _("This was already decided by someone else; nothing changed."))
        return False
    # An UPDATE sends no signal: tell the listeners (the site search, the admin's index)
    # as a save would.
    for instance in queryset:
        post_save.send(
            sender=type(instance), instance=instance, created=False, update_fields=set(changes)
        )
    return True


class ModerationPanel(Component):
    """The moderators' dashboard panel: what waits for them, with links to the queues."""

    name = "community_moderation"
    template_name = "community/admin/dashboard_panel.html"
    order = 40

    def get_context_data(self, parent_context):
        counts = pending_counts()
        return {
            "counts": counts,
            "applications_url": reverse(f"{MEMBERS_URL}:index")
            + f"?status={Member.Status.PENDING}",
            "resources_url": reverse(f"{RESOURCES_URL}:index")
            + f"?status={Resource.Status.PENDING}",
            "posts_url": reverse(f"{POSTS_URL}:index"),
        }


# Applications and members


def _member_context(member, forms=None):
    addresses = EmailAddress.objects.filter(user_id=member.user_id).order_by("-primary", "email")
    resources = list(member.resources.order_by("-submitted_at")[:SHOWN_SHARED])
    posts = list(member.posts.select_related("thread").order_by("-created_at")[:SHOWN_SHARED])
    forms = forms or {}
    return {
        "member": member,
        "addresses": addresses,
        "resources": resources,
        "resource_count": member.resources.count(),
        "posts": posts,
        "post_count": member.posts.count(),
        "thread_count": member.threads.count(),
        "decline_form": forms.get("decline") or ReasonForm(prefix="decline"),
        "suspend_form": forms.get("suspend") or ReasonForm(prefix="suspend"),
        "index_url": reverse(f"{MEMBERS_URL}:index"),
        "Status": Member.Status,
        "ResourceStatus": Resource.Status,
    }


def _members():
    return Member.objects.select_related("user", "district", "provider", "decided_by")


@permission_required("community.change_member")
def member_review(request, pk):
    member = get_object_or_404(_members(), pk=pk)
    return render(request, "community/admin/member.html", _member_context(member))


MEMBER_ACTIONS = {
    # action: (states it applies to, new state, needs a reason)
    "approve": ([Member.Status.PENDING, Member.Status.DECLINED], Member.Status.APPROVED, False),
    "decline": ([Member.Status.PENDING], Member.Status.DECLINED, True),
    "suspend": ([Member.Status.APPROVED], Member.Status.SUSPENDED, True),
    "reinstate": ([Member.Status.SUSPENDED], Member.Status.APPROVED, False),
}


@require_POST
@permission_required("community.change_member")
def member_action(request, pk, action):
    if action not in MEMBER_ACTIONS:
        raise Http404
    member = get_object_or_404(_members(), pk=pk)
    allowed, new_status, needs_reason = MEMBER_ACTIONS[action]
    reason = ""
    if needs_reason:
        form = ReasonForm(request.POST, prefix=action)
        if not form.is_valid():
            messages.error(request, _("Nothing was changed: the reason is missing."))
            return render(
                request,
                "community/admin/member.html",
                _member_context(member, {action: form}),
                status=400,
            )
        reason = form.cleaned_data["reason"]
    changes = {"status": new_status, "decided_at": timezone.now(), "decided_by": request.user}
    if needs_reason or action == "approve":
        changes["decision_note"] = reason
    if not _decide(request, Member.objects.filter(pk=member.pk), allowed, **changes):
        return redirect(f"{MEMBERS_URL}:edit", member.pk)
    if action == "approve":
        _tell(
            request, member, "application_approved", {"community_url": public_url(member.language)}
        )
        messages.success(request, _("%(name)s is now a member.") % {"name": member.full_name})
    elif action == "decline":
        _tell(request, member, "application_declined", {"reason": reason})
        messages.success(
            request, _("The application of %(name)s is declined.") % {"name": member.full_name}
        )
    elif action == "suspend":
        _tell(request, member, "membership_suspended", {"reason": reason})
        messages.success(
            request, _("The membership of %(name)s is suspended.") % {"name": member.full_name}
        )
    else:
        messages.success(
            request, _("The membership of %(name)s is active again.") % {"name": member.full_name}
        )
    return redirect(f"{MEMBERS_URL}:edit", member.pk)


# Shared resources


def _resources():
    return Resource.objects.select_related("author__user", "topic", "reviewed_by")


def _resource_context(resource, decline_form=None):
    return {
        "resource": resource,
        "decline_form": decline_form or ReasonForm(prefix="decline"),
        "file_name": os.path.basename(resource.file.name) if resource.file else "",
        "index_url": reverse(f"{RESOURCES_URL}:index"),
        "edit_url": reverse(f"{RESOURCES_URL}:edit", args=[resource.pk]),
        "delete_url": reverse(f"{RESOURCES_URL}:delete", args=[resource.pk]),
        "public_url": (
            public_url(resource.language, "resource_route", resource.pk)
            if resource.status == Resource.Status.APPROVED
            else ""
        ),
        "Status": Resource.Status,
    }


@permission_required("community.change_resource")
def resource_review(request, pk):
    resource = get_object_or_404(_resources(), pk=pk)
    return render(request, "community/admin/resource.html", _resource_context(resource))


@permission_required("community.change_resource")
def resource_file(request, pk):
    """The submitted file, as a download: never shown inline, never the media URL."""
    resource = get_object_or_404(Resource, pk=pk)
    if not resource.file:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=os.path.basename(resource.file.name)
    )
    response["Content-Type"] = "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
@permission_required("community.change_resource")
def resource_action(request, pk, action):
    resource = get_object_or_404(_resources(), pk=pk)
    queryset = Resource.objects.filter(pk=resource.pk)
    now = timezone.now()
    if action == "approve":
        if _decide(
            request,
            queryset,
            [Resource.Status.PENDING, Resource.Status.DECLINED],
            status=Resource.Status.APPROVED,
            reviewed_at=now,
            reviewed_by=request.user,
            decline_reason="",
        ):
            url = public_url(resource.language, "resource_route", resource.pk)
            _tell(
                request,
                resource.author,
                "resource_approved",
                {"resource": resource, "resource_url": url},
            )
            messages.success(request, _("“%(title)s” is published.") % {"title": resource.title})
    elif action == "decline":
        form = ReasonForm(request.POST, prefix="decline")
        if not form.is_valid():
            messages.error(request, _("Nothing was changed: the reason is missing."))
            return render(
                request,
                "community/admin/resource.html",
                _resource_context(resource, form),
                status=400,
            )
        reason = form.cleaned_data["reason"]
        if _decide(
            request,
            queryset,
            [Resource.Status.PENDING, Resource.Status.APPROVED],
            status=Resource.Status.DECLINED,
            reviewed_at=now,
            reviewed_by=request.user,
            decline_reason=reason,
        ):
            _tell(
                request,
                resource.author,
                "resource_declined",
                {"resource": resource, "reason": reason},
            )
            messages.success(request, _("“%(title)s” is declined.") % {"title": resource.title})
    else:
        raise Http404
    return redirect(f"{RESOURCES_URL}:review", resource.pk)


# Reported posts


@permission_required("community.change_post")
def post_queue(request):
    showing_hidden = request.GET.get("show") == "hidden"
    if showing_hidden:
        posts = Post.objects.filter(hidden=True).order_by("-hidden_at", "-pk")
    else:
        posts = reported_posts()
    posts = posts.select_related("thread", "author")
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "community/admin/post_queue.html",
        {"posts": page, "showing_hidden": showing_hidden},
    )


def _post_context(post, hide_form=None):
    thread_url = public_url(post.thread.language, "thread_route", post.thread_id)
    return {
        "post": post,
        "reports": list(post.reports.all()),
        "open_reports": sum(1 for report in post.reports.all() if report.resolved_at is None),
        "hide_form": hide_form or ReasonForm(prefix="hide"),
        "thread_url": thread_url,
        "queue_url": reverse(f"{POSTS_URL}:index"),
    }


def _posts():
    return Post.objects.select_related("thread", "author__user", "hidden_by").prefetch_related(
        Prefetch("reports", queryset=PostReport.objects.order_by("-created_at"))
    )


@permission_required("community.change_post")
def post_review(request, pk):
    post = get_object_or_404(_posts(), pk=pk)
    return render(request, "community/admin/post.html", _post_context(post))


def _resolve_reports(post, user, now):
    PostReport.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=user
    )


@require_POST
@permission_required("community.change_post")
def post_action(request, pk, action):
    post = get_object_or_404(_posts(), pk=pk)
    now = timezone.now()
    if action == "hide":
        form = ReasonForm(request.POST, prefix="hide")
        if not form.is_valid():
            messages.error(request, _("Nothing was changed: the reason is missing."))
            return render(
                request, "community/admin/post.html", _post_context(post, form), status=400
            )
        reason = form.cleaned_data["reason"]
        hidden = Post.objects.filter(pk=post.pk, hidden=False).update(
            hidden=True, hidden_at=now, hidden_by=request.user, hidden_reason=reason
        )
        _resolve_reports(post, request.user, now)
        if hidden:
            _tell(
                request,
                post.author,
                "post_hidden",
                {
                    "post": post,
                    "reason": reason,
                    "thread_url": public_url(post.thread.language, "thread_route", post.thread_id),
                },
            )
            messages.success(request, _("The post is hidden and its reports are dealt with."))
        else:
            messages.error(request, _("The post was already hidden."))
    elif action == "keep":
        _resolve_reports(post, request.user, now)
        messages.success(request, _("The post stays; its reports are dealt with."))
    elif action == "unhide":
        if Post.objects.filter(pk=post.pk, hidden=True).update(
            hidden=False, hidden_at=None, hidden_by=None, hidden_reason=""
        ):
            messages.success(request, _("The post is shown again."))
        else:
            messages.error(request, _("The post is not hidden."))
    else:
        raise Http404
    if action in ("hide", "keep"):
        return redirect(f"{POSTS_URL}:index")
    return redirect(f"{POSTS_URL}:review", post.pk)
