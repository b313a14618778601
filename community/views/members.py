"""Members: the public directory, profiles, and what each member controls about their data
(their profile, a copy of everything held about them, leaving)."""

import contextlib
import json
import posixpath

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from community.access import is_active_member, member_of, refuse
from community.member_filters import MemberFilterSet
from community.member_forms import DeleteAccountForm, ProfileForm
from community.models import (
    LANGUAGES,
    Member,
    Post,
    PostReport,
    Resource,
    Thread,
    ThreadSubscription,
)
from home.caching import cached_per_language
from home.pagination import paginate
from home.utils import public_url
from providers.models import District, Provider, ProviderMapPage

PER_PAGE = 24
RECENT = 10
LANGUAGE_NAMES = dict(LANGUAGES)


def get_districts(request, page):
    """(code, name, country) of the districts in the page's language, cached."""
    return cached_per_language(
        request,
        f"community-districts-{page.locale_id}",
        lambda: list(
            District.objects.filter(locale_id=page.locale_id, live=True)
            .order_by("name")
            .values_list("code", "name", "country")
        ),
    )


def get_map_url(request, page):
    """The URL of the provider map in the page's language ("" if it has none), cached."""

    def compute():
        map_page = ProviderMapPage.objects.live().filter(locale_id=page.locale_id).first()
        return (map_page.get_url(request) or "") if map_page else ""

    return cached_per_language(request, f"community-provider-map-{page.locale_id}", compute)


def described(request, page, members):
    """Give each member what a card shows, in the page's language: the district's name, the
    organisation (its provider's name and page when it is on the map), the languages' names.

    One query for the providers of the whole list; districts and the map come from the cache.
    """
    districts = {code: name for code, name, _country in get_districts(request, page)}
    keys = {member.provider.translation_key for member in members if member.provider_id}
    providers = {}
    if keys:
        providers = {
            provider.translation_key: provider
            for provider in Provider.objects.filter(
                translation_key__in=keys, locale_id=page.locale_id, live=True
            ).only("translation_key", "external_id", "name")
        }
    map_url = get_map_url(request, page) if providers else ""
    for member in members:
        member.district_name = ""
        if member.district_id:
            member.district_name = districts.get(member.district.code, member.district.name)
        member.organisation_name = member.organisation
        member.organisation_url = ""
        provider = providers.get(member.provider.translation_key) if member.provider_id else None
        if provider is not None:
            member.organisation_name = provider.name
            if map_url:
                member.organisation_url = f"{map_url}p/{provider.external_id}/"
        member.language_codes = [code for code in member.languages if code in LANGUAGE_NAMES]
    return members


def public_members():
    return Member.objects.filter(
        status=Member.Status.APPROVED, profile_public=True, user__is_active=True
    )


def route_url(request, page, name, *args):
    return page.get_url(request) + page.reverse_subpage(name, args=args)


@require_safe
def directory(request, page):
    filters = MemberFilterSet(
        request.GET,
        queryset=public_members()
        .select_related("district", "provider")
        .only(
            "pk",
            "full_name",
            "organisation",
            "country",
            "role",
            "languages",
            "district__code",
            "district__name",
            "provider__translation_key",
        )
        .order_by("full_name", "pk"),
        districts=get_districts(request, page),
    )
    notices = filters.notices
    page_obj = paginate(filters.qs, request, PER_PAGE)
    asked = request.GET.get("page", "")
    if asked and asked != str(page_obj.number):
        notices.append(gettext("There is no such page of the list; this is its first page."))
    described(request, page, page_obj.object_list)
    return render(
        request,
        "community/members/directory.html",
        {
            "page": page,
            "self": page,
            "section": "members",
            "form": filters.display_form,
            "chosen": filters.chosen,
            "notices": notices,
            "page_obj": page_obj,
            "total": page_obj.paginator.count,
        },
    )


@require_safe
def profile(request, page, pk):
    member = Member.objects.select_related("user", "district", "provider").filter(pk=pk).first()
    viewer = member_of(request.user)
    own = member is not None and viewer is not None and viewer.pk == member.pk
    shown = member is not None and member.is_active_member and member.profile_public
    if not (shown or own):
        raise Http404("No such member profile.")
    described(request, page, [member])
    resources = (
        Resource.objects.filter(
            author=member,
            status=Resource.Status.APPROVED,
            visibility=Resource.Visibility.PUBLIC,
        )
        .only("pk", "title", "kind", "language", "submitted_at")
        .order_by("-submitted_at")[:RECENT]
    )
    posts = Post.objects.filter(author=member, hidden=False).select_related("thread")
    if not is_active_member(request.user):
        posts = posts.filter(thread__visibility=Thread.Visibility.PUBLIC)
    posts = posts.only(
        "pk", "body", "created_at", "thread__id", "thread__title", "thread__language"
    ).order_by("-created_at")[:RECENT]
    response = render(
        request,
        "community/members/profile.html",
        {
            "page": page,
            "self": page,
            "section": "profile" if own else "members",
            "member": member,
            "own": own,
            "shown": shown,
            "resources": resources,
            "posts": posts,
        },
    )
    if own and not shown:
        add_never_cache_headers(response)
    return response


def signed_in_member(request, page):
    """(member, None), or (None, the response for a visitor or an account without a profile)."""
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    member = member_of(request.user)
    if member is None:
        return None, refuse(
            request,
            page,
            gettext(
                "Your account has no member profile: it is a staff account. Profiles, "
                "their data and leaving the community are for members."
            ),
        )
    return member, None


def edit_profile(request, page):
    member, refusal = signed_in_member(request, page)
    if refusal is not None:
        return refusal
    status = 200
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=member, locale=page.locale)
        if form.is_valid():
            form.save()
            messages.success(request, gettext("Your profile has been saved."))
            return redirect(request.path)
        status = 400
        # The form has already written the rejected values onto the instance.
        member = Member.objects.get(pk=member.pk)
    else:
        form = ProfileForm(instance=member, locale=page.locale)
    response = render(
        request,
        "community/members/edit_profile.html",
        {
            "page": page,
            "self": page,
            "section": "profile",
            "member": member,
            "form": form,
            "status": Member.Status,
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


def when(value):
    return value.isoformat() if value else None


def member_data(member):
    district = member.district
    provider = member.provider
    return {
        "full_name": member.full_name,
        "organisation": member.organisation,
        "provider_on_the_map": (
            {"external_id": provider.external_id, "name": provider.name} if provider else None
        ),
        "country": member.country,
        "district": {"code": district.code, "name": district.name} if district else None,
        "role": member.role,
        "role_label": member.get_role_display(),
        "languages": member.languages,
        "bio": member.bio,
        "profile_public": member.profile_public,
        "language_for_emails": member.language,
        "status": member.status,
        "status_label": member.get_status_display(),
        "applied_at": when(member.applied_at),
        "decided_at": when(member.decided_at),
        "decision_note": member.decision_note,
    }


def everything_about(request, page, user, member):
    """All the site holds about the user and their profile, and nothing about anyone else
    (not who moderated them, not the posts they reported, not other subscribers)."""

    def resource_url(pk):
        return public_url(route_url(request, page, "resource_route", pk))

    def thread_url(pk):
        return public_url(route_url(request, page, "thread_route", pk))

    resources = [
        {
            "id": resource.pk,
            "title": resource.title,
            "summary": resource.summary,
            "language": resource.language,
            "topic": resource.topic.name if resource.topic else None,
            "country": resource.country,
            "type": resource.kind,
            "file_name": posixpath.basename(resource.file.name) if resource.file else None,
            "file_size": resource.file_size,
            "link": resource.link or None,
            "visibility": resource.visibility,
            "status": resource.status,
            "status_label": resource.get_status_display(),
            "submitted_at": when(resource.submitted_at),
            "reviewed_at": when(resource.reviewed_at),
            "decline_reason": resource.decline_reason,
            "downloads": resource.downloads,
            "url": resource_url(resource.pk),
        }
        for resource in member.resources.select_related("topic").order_by("submitted_at")
    ]
    threads = [
        {
            "id": thread.pk,
            "title": thread.title,
            "topic": thread.topic.name if thread.topic else None,
            "language": thread.language,
            "visibility": thread.visibility,
            "started_at": when(thread.created_at),
            "url": thread_url(thread.pk),
        }
        for thread in member.threads.select_related("topic").order_by("created_at")
    ]
    posts = [
        {
            "id": post.pk,
            "thread": {"id": post.thread_id, "title": post.thread.title},
            "message": post.body,
            "written_at": when(post.created_at),
            "edited_at": when(post.edited_at),
            "hidden_by_a_moderator": post.hidden,
            "hidden_at": when(post.hidden_at),
            "why_it_was_hidden": post.hidden_reason,
            "url": f"{thread_url(post.thread_id)}#post-{post.pk}",
        }
        for post in member.posts.select_related("thread").order_by("created_at")
    ]
    reports = [
        {
            "post_id": report.post_id,
            "thread": {"id": report.post.thread_id, "title": report.post.thread.title},
            "reason": report.reason,
            "reason_label": report.get_reason_display(),
            "details": report.note,
            "reported_at": when(report.created_at),
            "dealt_with_at": when(report.resolved_at),
        }
        for report in PostReport.objects.filter(reporter=user)
        .select_related("post__thread")
        .order_by("created_at")
    ]
    subscriptions = [
        {
            "thread": {"id": subscription.thread_id, "title": subscription.thread.title},
            "since": when(subscription.created_at),
        }
        for subscription in member.subscriptions.select_related("thread").order_by("created_at")
    ]
    return {
        "exported_at": when(timezone.now()),
        "site": public_url("/"),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
        },
        "member_profile": member_data(member),
        "resources_shared": resources,
        "threads_started": threads,
        "posts": posts,
        "reports_filed": reports,
        "thread_subscriptions": subscriptions,
    }


@require_safe
def export_data(request, page):
    member, refusal = signed_in_member(request, page)
    if refusal is not None:
        return refusal
    member = Member.objects.select_related("district", "provider").get(pk=member.pk)
    data = everything_about(request, page, request.user, member)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


def refresh_threads(thread_ids):
    """post_count and last_post_at of threads that lost posts, from the posts left."""
    for thread in Thread.objects.filter(pk__in=thread_ids).annotate(
        posts_left=Count("posts"), last_left=Max("posts__created_at")
    ):
        thread.post_count = thread.posts_left
        thread.last_post_at = thread.last_left or thread.created_at
        thread.save(update_fields=["post_count", "last_post_at"])


def remove_contributions(member):
    """Delete the member's resources and posts, and the threads nobody else wrote in; the
    threads others replied to stay, without an author. Returns the files to delete once
    the transaction has committed (a rollback must not lose them)."""
    files = [
        resource.file.name
        for resource in member.resources.exclude(file="").only("file")
        if resource.file
    ]
    member.resources.all().delete()
    touched = set(member.posts.values_list("thread_id", flat=True))
    touched |= set(member.threads.values_list("pk", flat=True))
    others = Post.objects.filter(thread=OuterRef("pk")).exclude(author=member)
    Thread.objects.filter(pk__in=touched).exclude(Exists(others)).delete()
    member.posts.all().delete()
    member.threads.update(author=None)
    refresh_threads(touched)
    return files


def anonymise_contributions(member):
    member.resources.update(author=None)
    member.threads.update(author=None)
    member.posts.update(author=None)
    return []


def delete_files(storage, names):
    for name in names:
        with contextlib.suppress(OSError):  # already gone: nothing more to do
            storage.delete(name)


def delete_account(request, page):
    member, refusal = signed_in_member(request, page)
    if refusal is not None:
        return refusal
    user = request.user
    status = 200
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=user)
        if form.is_valid():
            remove = form.cleaned_data["contributions"] == DeleteAccountForm.REMOVE
            storage = Resource._meta.get_field("file").storage
            with transaction.atomic():
                files = (remove_contributions if remove else anonymise_contributions)(member)
                ThreadSubscription.objects.filter(member=member).delete()
                EmailAddress.objects.filter(user=user).delete()
                member.delete()
                user.delete()
                transaction.on_commit(lambda: delete_files(storage, files))
            logout(request)  # only once it is all done: a failure leaves the member signed in
            messages.success(
                request,
                gettext(
                    "Your account has been deleted, with your profile and your e-mail "
                    "addresses. Thank you for taking part in the community."
                ),
            )
            home = page.get_parent()
            return redirect(home.get_url(request) or "/")
        status = 400
    else:
        form = DeleteAccountForm(user=user)
    counts = {
        "resources": member.resources.count(),
        "posts": member.posts.count(),
        "threads": member.threads.count(),
    }
    response = render(
        request,
        "community/members/delete_account.html",
        {
            "page": page,
            "self": page,
            "section": "profile",
            "member": member,
            "form": form,
            "counts": counts,
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response
