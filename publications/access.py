"""Files follow their page: a file goes only to those who may see a page that uses it.

Both ways to a file obey this: a publication's own download URL (``/downloads/…``, the
edition's page) and Wagtail's document URL (``/documents/…``, every page that uses the
document, as Wagtail's reference index and the publications' editions record it).

A refusal answers as the page itself would, without confirming more than the page does:
- the page is not live: 404;
- a shared password: a redirect to the page, whose password form unlocks the page and
  its files for the browser session;
- sign-in required (login or groups) and nobody signed in: a redirect to the front-end
  login, in the page's language, coming back to the file;
- signed in but outside the page's groups: 403 (the login would only send them back).

Staff who work on documents in the admin (who may change or choose them) still get
every file, so that editors can check drafts. Files that are not public go out with
``Cache-Control: private``.
"""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from django.db.models.lookups import StartsWith
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.permissions import policy_registry

from publications.models import PublicationEdition

# Set on a request whose document was already checked (see serve_privately).
CHECKED = "_files_follow_page_checked"


def may_be_restricted(path_field="path"):
    """Whether a page (its tree path in ``path_field``) may have view restrictions.

    False means certainly none: no restriction on the page or an ancestor, and none of
    them is an alias (an alias obeys its source page's restrictions, which
    ``Page.get_view_restrictions()`` works out). One query checks every page at once.
    """
    path = OuterRef(path_field)
    restriction_above = PageViewRestriction.objects.filter(StartsWith(path, F("page__path")))
    alias_above = Page.objects.filter(StartsWith(path, F("path")), alias_of__isnull=False)
    return Exists(restriction_above) | Exists(alias_above)


def may_preview(user):
    """Staff who handle documents in the admin: editors, moderators, translators."""
    return (
        user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
        and policy_registry.get_by_type(get_document_model()).user_has_any_permission(
            user, ["change", "choose"]
        )
    )


def failed_restriction(request, page):
    """The first of the page's view restrictions this request does not pass, or None."""
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            return restriction
    return None


def refusal(request, page, restriction):
    """What the page itself would answer this request (see the module's docstring)."""
    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        response = redirect(page.get_url(request) or "/")
    elif request.user.is_authenticated:
        raise PermissionDenied
    else:
        with translation.override(page.locale.language_code):
            response = redirect_to_login(request.get_full_path())
    add_never_cache_headers(response)
    return response


def page_refusal(request, page, restricted=True):
    """None when ``page``'s file may go to this request, else the page's own refusal.

    Raises Http404 for a page that is not live. ``restricted`` False (from
    ``may_be_restricted``) skips looking for view restrictions.
    """
    if page.live and not restricted:
        return None
    if not page.live:
        if may_preview(request.user):
            return None
        raise Http404("No such file.")
    failed = failed_restriction(request, page)
    if failed is None or may_preview(request.user):
        return None
    return refusal(request, page, failed)


def pages_using(document):
    """The pages that use ``document``, each with ``restricted`` (may_be_restricted)."""
    page_type = ContentType.objects.get_for_model(Page)
    referencing = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values(page_id=Cast("object_id", IntegerField()))
    )
    editions = PublicationEdition.objects.filter(document=document).values("page_id")
    return (
        Page.objects.filter(Q(pk__in=referencing) | Q(pk__in=editions))
        .select_related("locale")
        .annotate(restricted=may_be_restricted())
    )


def used_outside_pages(document):
    page_type = ContentType.objects.get_for_model(Page)
    return ReferenceIndex.get_references_to(document).exclude(base_content_type=page_type).exists()


def check_document(document, request):
    """``before_serve_document``: refuse a document only pages the request cannot see use.

    A document used by a live page this request may see, by something other than a
    page (a snippet), or by nothing at all (a library file linked freely) is served as
    before; Wagtail's own collection restrictions still apply.
    """
    if getattr(request, CHECKED, False):
        return None
    pages = list(pages_using(document))
    if not pages or any(page.live and not page.restricted for page in pages):
        return None
    if used_outside_pages(document):
        return None
    live = [page for page in pages if page.live]
    if not live:
        if may_preview(request.user):
            return serve_privately(request, document)
        raise Http404("No such document.")
    # Each translation has its own restrictions: the visitor's language is tried first.
    language = translation.get_language()
    live.sort(key=lambda page: (page.locale.language_code != language, page.pk))
    first_refused = None
    for page in live:
        failed = failed_restriction(request, page)
        if failed is None:
            return serve_privately(request, document)
        first_refused = first_refused or (page, failed)
    if may_preview(request.user):
        return serve_privately(request, document)
    return refusal(request, *first_refused)


def serve_privately(request, document):
    """Wagtail's own document response (collection checks, ETag), marked private.

    Wagtail uses a hook's answer only when it is an ``HttpResponse``, not a stream, so
    the file is read into memory here: only files of restricted or draft pages come this
    way, and uploads are capped (``WAGTAILDOCS_MAX_UPLOAD_SIZE``).
    """
    setattr(request, CHECKED, True)
    served = serve(request, document.pk, document.filename)
    if served.streaming:
        try:
            response = HttpResponse(
                b"".join(served.streaming_content),
                status=served.status_code,
                headers=dict(served.items()),
            )
        finally:
            # Only the file: ``served.close()`` would also announce the end of the
            # request (request_finished) while this one is still being answered.
            if (file := getattr(served, "file_to_stream", None)) is not None:
                file.close()
    else:
        response = served
    patch_cache_control(response, private=True)
    return response
