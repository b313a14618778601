from collections import Counter

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.views import submit_translations as submit_views

from home.jobs import enqueue
from home.pagination import paginate
from home.translation.jobs import IN_REQUEST_FILES, run_upload_job
from home.translation.models import POUploadJob
from home.translation.permissions import user_languages
from home.translation.queue import (
    STATES,
    URGENCY,
    WAITING,
    content_type_choices,
    missing_segments,
    queue,
)

PER_PAGE = 100
MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# The queue page lists the user's own latest PO uploads that ran in the background.
RECENT_UPLOAD_JOBS = 5


def _back(request):
    """Back to the queue page the form was sent from, never to another site."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("translation_queue:queue")


def languages_for(request):
    allowed = user_languages(request.user)
    if not allowed:
        raise PermissionDenied
    return allowed


@permission_required("wagtailadmin.access_admin")
def queue_view(request):
    allowed = languages_for(request)
    language = request.GET.get("language", "")
    if language not in allowed:
        own = (
            getattr(request.user.wagtail_userprofile, "preferred_language", "")
            if hasattr(request.user, "wagtail_userprofile")
            else ""
        )
        language = own if own in allowed else allowed[0]
    locale = get_object_or_404(Locale, language_code=language)
    items = queue(locale)
    counts = Counter(item.state for item in items)
    # The queue opens on what waits; up-to-date items are one filter away.
    state = request.GET.get("state", "")
    if state not in STATES and state != "all":
        state = "waiting"
    if state == "waiting":
        items = [item for item in items if item.state in WAITING]
    elif state in STATES:
        items = [item for item in items if item.state == state]
    content_type = request.GET.get("type", "")
    if content_type:
        items = [item for item in items if item.model_label == content_type]
    source = request.GET.get("source", "")
    if source:
        items = [item for item in items if item.source_language == source]
    newest = request.GET.get("sort") == "newest"
    # Most urgent state first; within a state, the longest-waiting (or newest) first.
    items.sort(key=lambda item: (item.age is None, item.age), reverse=newest)
    items.sort(key=lambda item: URGENCY[item.state])
    names = dict(settings.LANGUAGES)
    for item in items:
        item.source_name = names.get(item.source_language, item.source_language)
    return render(
        request,
        "translation/queue.html",
        {
            "page_obj": paginate(items, request, PER_PAGE),
            "language": language,
            "language_name": names[language],
            "languages": [(code, names[code]) for code in allowed],
            "source_languages": [
                (code, name) for code, name in settings.LANGUAGES if code != language
            ],
            "states": [(key, label, counts.get(key, 0)) for key, label in STATES.items()],
            "waiting": sum(counts.get(key, 0) for key in WAITING),
            "total": sum(counts.values()),
            "state": state,
            "type": content_type,
            "source": source,
            "sort": "newest" if newest else "oldest",
            "types": content_type_choices(),
            "upload_jobs": POUploadJob.objects.filter(user=request.user).defer(
                "content", "updated"
            )[:RECENT_UPLOAD_JOBS],
            "in_request_files": IN_REQUEST_FILES,
        },
    )


def _translation_for(request, translation_id):
    translation = get_object_or_404(
        Translation.objects.select_related("target_locale", "source"), pk=translation_id
    )
    if translation.target_locale.language_code not in languages_for(request):
        raise PermissionDenied
    return translation


@permission_required("wagtailadmin.access_admin")
def edit_view(request, translation_id):
    """Open the translation in the wagtail-localize editor (the target's edit view)."""
    translation = _translation_for(request, translation_id)
    try:
        target = translation.get_target_instance()
    except Exception as error:  # the target does not exist yet
        raise Http404(_("This translation has not been created yet.")) from error
    if isinstance(target, Page):
        return redirect("wagtailadmin_pages:edit", target.pk)
    return redirect(target.snippet_viewset.get_url_name("edit"), target.pk)


@require_POST
@permission_required("wagtailadmin.access_admin")
def ready_for_review_view(request, translation_id):
    """Mark a translation in progress ready for review; below 100 % ask first."""
    from django.contrib import messages

    from home.translation.review import request_review

    translation = _translation_for(request, translation_id)
    item = next(
        (
            item
            for item in queue(translation.target_locale)
            if item.translation_id == translation.pk
        ),
        None,
    )
    if item is None or not item.can_request_review:
        messages.error(
            request,
            _("Only a translation in progress can be marked ready for review."),
        )
        return _back(request)
    if item.done < item.total and request.POST.get("confirm") != "incomplete":
        return render(
            request,
            "translation/confirm_ready.html",
            {
                "item": item,
                "translation": translation,
                "missing": missing_segments(translation),
                "next": request.POST.get("next", ""),
            },
        )
    try:
        request_review(translation, request.user)
    except Exception as error:  # the target does not exist yet, or the source is gone
        raise Http404(_("This translation has not been created yet.")) from error
    messages.success(
        request,
        _("“%(title)s” is ready for review; the moderators of this language were notified.")
        % {"title": translation.source.object_repr},
    )
    return _back(request)


@permission_required("wagtailadmin.access_admin")
def export_view(request):
    """One archive with a PO file for everything waiting in a language."""
    from django.http import HttpResponse

    from home.translation.po import export_archive

    language = request.GET.get("language", "")
    if language not in languages_for(request):
        raise PermissionDenied
    waiting = [
        item.translation_id
        for item in queue(Locale.objects.get(language_code=language))
        if item.translation_id and item.state in ("in_progress", "out_of_date")
    ]
    translations = Translation.objects.filter(pk__in=waiting).select_related(
        "source", "target_locale"
    )
    response = HttpResponse(export_archive(translations), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="translations-{language}.zip"'
    return response


@require_POST
@permission_required("wagtailadmin.access_admin")
def upload_view(request):
    """Apply uploaded PO files: a few within the request, many in the background.

    What is cheap to check (size, kind of file, the archive's measured directory) is
    checked here, so a bad upload is refused at once; an archive of more than
    IN_REQUEST_FILES PO files becomes a POUploadJob and the user is sent to its page.
    """
    from django.contrib import messages

    from home.translation.po import POUploadError, count_po_files, import_files

    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise POUploadError(_("Choose a file to upload."))
        if upload.size > MAX_UPLOAD_SIZE:
            raise POUploadError(_("The file is larger than 10 MB."))
        allowed = languages_for(request)
        content = upload.read()
        files = count_po_files(upload.name, content)
        if files > IN_REQUEST_FILES:
            job = POUploadJob.objects.create(
                user=request.user,
                file_name=upload.name[:255],
                content=content,
                languages=allowed,
                language=get_language() or "",
                total_files=files,
            )
            enqueue(job, run_upload_job)
            return redirect("translation_queue:upload_job", job.pk)
        done = import_files(upload.name, content, allowed, request.user)
    except POUploadError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(count)s translations updated from the uploaded file.") % {"count": len(done)},
        )
    return _back(request)


def _visible(job, user):
    """Its uploader sees a job, and so does whoever translates every language it could touch."""
    if job.user_id is not None and job.user_id == user.pk:
        return True
    return bool(job.languages) and set(job.languages) <= set(user_languages(user))


@permission_required("wagtailadmin.access_admin")
def upload_job_view(request, pk):
    job = get_object_or_404(POUploadJob.objects.defer("content").select_related("user"), pk=pk)
    if not _visible(job, request.user):
        raise PermissionDenied
    names = dict(settings.LANGUAGES)
    return render(
        request,
        "translation/upload_job.html",
        {
            "job": job,
            "job_title": _("PO upload"),
            "updated": [
                {
                    "title": item["title"],
                    "language": names.get(item["language"], item["language"]),
                    "url": reverse("translation_queue:edit", args=[item["id"]]),
                }
                for item in job.updated
            ],
        },
    )


class LanguageNarrowedSubmitMixin:
    """wagtail-localize's "Translate" form, offering only the user's languages.

    Translators may start translations into their own language; editors and
    moderators keep every language. A locale outside the user's languages is not a
    valid choice, so a forged POST is refused by the form and creates nothing.
    """

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(language_code__in=languages_for(self.request))
        return form


class SubmitPageTranslationView(
    LanguageNarrowedSubmitMixin, submit_views.SubmitPageTranslationView
):
    pass


class SubmitSnippetTranslationView(
    LanguageNarrowedSubmitMixin, submit_views.SubmitSnippetTranslationView
):
    pass
