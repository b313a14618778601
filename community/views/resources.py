"""The shared-resources library: what members share, after a moderator has approved it."""

import mimetypes
import posixpath

from django.contrib import messages
from django.core.cache import cache
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from community.access import is_active_member, member_of, members_only
from community.models import Resource
from community.resource_filters import ResourceFilterSet
from community.resource_forms import ResourceForm
from home.caching import cached_per_language
from home.counting import countable
from home.pagination import paginate
from library.models import Topic

PER_PAGE = 20
SUBMISSIONS_PER_HOUR = 5
RATE_WINDOW = 60 * 60


def get_topics(request, page):
    """The live topics of the page's language, cached with the rest of the site's chrome."""
    return cached_per_language(
        request,
        f"community-topics-{page.locale_id}",
        lambda: list(Topic.objects.filter(locale_id=page.locale_id, live=True)),
    )


def in_language_of(resources, topics):
    """Name each resource's topic in the page's language (the row sharing its key)."""
    by_key = {topic.translation_key: topic for topic in topics}
    for resource in resources:
        topic = resource.topic
        resource.shown_topic = by_key.get(topic.translation_key, topic) if topic else None
    return resources


def visible_resources(user):
    """Approved resources this user may see: members-only ones for approved members."""
    resources = Resource.objects.filter(status=Resource.Status.APPROVED)
    if not is_active_member(user):
        resources = resources.filter(visibility=Resource.Visibility.PUBLIC)
    return resources


@require_safe
def library(request, page):
    member = member_of(request.user)
    topics = get_topics(request, page)
    filters = ResourceFilterSet(
        request.GET,
        queryset=visible_resources(request.user).select_related("topic", "author"),
        topics=topics,
    )
    page_obj = paginate(filters.qs, request, PER_PAGE)
    in_language_of(page_obj.object_list, topics)
    own_waiting = []
    if member is not None:
        own_waiting = in_language_of(
            list(
                Resource.objects.filter(author=member)
                .exclude(status=Resource.Status.APPROVED)
                .select_related("topic")
            ),
            topics,
        )
    return render(
        request,
        "community/resources/library.html",
        {
            "page": page,
            "self": page,
            "section": "resources",
            "filters": filters,
            "chosen": filters.chosen,
            "notices": filters.notices,
            "page_obj": page_obj,
            "own_waiting": own_waiting,
            "may_share": bool(member and member.is_active_member),
        },
    )


def over_rate_limit(member):
    return cache.get(f"community:resource-submissions:{member.pk}", 0) >= SUBMISSIONS_PER_HOUR


def count_submission(member):
    key = f"community:resource-submissions:{member.pk}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, RATE_WINDOW)


@members_only
def submit(request, page):
    member = member_of(request.user)
    options = {"locale": page.locale, "language": get_language()}
    status = 200
    if request.method == "POST":
        status = 400
        form = ResourceForm(request.POST, request.FILES, **options)
        if over_rate_limit(member):
            # Checked before the form, so the message shows even if something else is wrong.
            form.is_valid()
            status = 429
            form.add_error(
                None,
                gettext(
                    "You have shared %(count)d resources in the last hour, the most we accept. "
                    "Please send this one later: what you typed is kept below, but choose the "
                    "file again."
                )
                % {"count": SUBMISSIONS_PER_HOUR},
            )
        elif form.is_valid():
            resource = form.save(commit=False)
            resource.author = member
            resource.status = Resource.Status.PENDING
            resource.file_size = resource.file.size if resource.file else None
            resource.save()
            count_submission(member)
            messages.success(
                request,
                gettext(
                    "Thank you. “%(title)s” was sent to the moderators; you will get an "
                    "e-mail when they have looked at it."
                )
                % {"title": resource.title},
            )
            return redirect(page.get_url(request) + page.reverse_subpage("resources_route"))
    else:
        form = ResourceForm(**options)
    return render(
        request,
        "community/resources/submit.html",
        {"page": page, "self": page, "section": "resources", "form": form},
        status=status,
    )


def members_only_page(request, page, resource):
    """What a visitor (or an applicant) gets instead of a members-only resource."""
    return render(
        request,
        "community/resources/members_only.html",
        {"page": page, "self": page, "section": "resources", "resource": resource},
        status=403,
    )


def get_resource(request, pk):
    """(resource, is its author) if this user may know the resource exists, else 404."""
    resource = Resource.objects.select_related("topic", "author").filter(pk=pk).first()
    if resource is None:
        raise Http404("No such resource.")
    member = member_of(request.user)
    own = member is not None and resource.author_id == member.pk
    if resource.status != Resource.Status.APPROVED and not own:
        raise Http404("No such resource.")
    return resource, own


def may_see(request, resource, own):
    return (
        own or resource.visibility == Resource.Visibility.PUBLIC or is_active_member(request.user)
    )


def file_facts(resource):
    name = posixpath.basename(resource.file.name) if resource.file else ""
    extension = name.rsplit(".", 1)[-1].upper() if "." in name else ""
    return name, extension


@require_safe
def detail(request, page, pk):
    resource, own = get_resource(request, pk)
    if not may_see(request, resource, own):
        return members_only_page(request, page, resource)
    in_language_of([resource], get_topics(request, page))
    name, extension = file_facts(resource)
    return render(
        request,
        "community/resources/detail.html",
        {
            "page": page,
            "self": page,
            "section": "resources",
            "resource": resource,
            "own": own,
            "file_format": extension,
            "approved": resource.status == Resource.Status.APPROVED,
        },
    )


@require_safe
def download(request, page, pk):
    resource, own = get_resource(request, pk)
    if resource.status != Resource.Status.APPROVED or not resource.file:
        raise Http404("This resource has no file to download.")
    if not may_see(request, resource, own):
        return members_only_page(request, page, resource)
    name, _extension = file_facts(resource)
    try:
        handle = resource.file.open("rb")
    except (FileNotFoundError, OSError, ValueError) as error:
        raise Http404("The file of this resource is missing.") from error
    if request.method == "GET" and countable(request, f"resource:{resource.pk}"):
        Resource.objects.filter(pk=resource.pk).update(downloads=F("downloads") + 1)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # Every download goes through here to be counted; members-only files stay out of
    # shared caches altogether.
    response["Cache-Control"] = "public, no-cache" if resource.is_public else "private, no-cache"
    return response
