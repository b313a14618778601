"""Admin forms of pages and snippets: page addresses in Latin letters, and no save that
silently replaces someone else's newer version.

Kept apart from home.forms, which imports Wagtail's document forms: those cannot be imported
while the models load, and home.models needs BasePageForm.
"""

from django import forms
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.widgets import SlugInput
from wagtail.models import Page, RevisionMixin

from .routing import reserved_slugs
from .transliteration import SLUG_FORMATTERS, latin_slug


def _moment(value):
    """A revision's time for a message: the time today, the date and time on other days."""
    local = timezone.localtime(value)
    time = formats.time_format(local, "TIME_FORMAT")
    if local.date() == timezone.localdate():
        return time
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {time}"


class RevisionConflictMixin:
    """Refuses a save made from a version that another person has replaced since.

    Wagtail refuses only an *autosave* based on an outdated revision. The edit forms of pages
    and of snippets with RevisionMixin post the revision they were opened on
    (``loaded_revision_id`` and ``loaded_revision_created_at``); when a revision saved after
    it (or that revision overwritten in place by an autosave) belongs to someone else, the
    form gets an error naming who and when, and is shown again with what the editor typed.
    The form shown again carries the latest revision, so saving it once more goes through.

    Revisions of the editor's own (their autosaves, which do not update the loaded revision
    in the form) never count. An autosave post (it carries ``overwrite_revision_id``) is left
    to Wagtail, which has checked it before the form runs.
    """

    conflict_message = gettext_lazy(
        "%(name)s saved a newer version of this item at %(time)s, after you opened it. "
        "Your changes are still in the form below: copy what you need, reload to see "
        "theirs, or save again to replace their version."
    )

    def clean(self):
        cleaned_data = super().clean()
        revision = self.newer_revision_by_someone_else()
        self.revision_conflict = revision is not None
        if revision is not None:
            name = get_user_display_name(revision.user) if revision.user else _("Someone")
            self.add_error(
                None, self.conflict_message % {"name": name, "time": _moment(revision.created_at)}
            )
        return cleaned_data

    @property
    def media(self):
        media = super().media
        if getattr(self, "revision_conflict", False):
            # The form shown again carries the newest revision: Wagtail's autosave would
            # save it at once and replace the other person's version unasked. Saving again
            # is the editor's own decision, so autosave waits for it.
            media += forms.Media(js=["home/pause-autosave.js"])
        return media

    def newer_revision_by_someone_else(self):
        """The newest revision another user saved after the one this form was opened on."""
        instance = self.instance
        if not (self.is_bound and instance.pk and isinstance(instance, RevisionMixin)):
            return None
        if self.data.get("overwrite_revision_id"):
            return None
        try:
            loaded_id = int(self.data.get("loaded_revision_id", ""))
        except ValueError:
            return None
        newer = Q(pk__gt=loaded_id)
        try:
            loaded_at = parse_datetime(self.data.get("loaded_revision_created_at", ""))
        except ValueError:
            loaded_at = None
        if loaded_at is not None:
            newer |= Q(pk=loaded_id, created_at__gt=loaded_at)
        revisions = instance.revisions.filter(newer)
        if self.for_user is not None and self.for_user.pk is not None:
            revisions = revisions.exclude(user=self.for_user)
        return revisions.select_related("user").order_by("-created_at", "-pk").first()


class RevisionCheckedModelForm(RevisionConflictMixin, WagtailAdminModelForm):
    """Base form (``base_form_class``) for a snippet model with RevisionMixin."""


# Wagtail's slug widget (w-slug) runs these regex replacements on the title (and on a slug
# typed by hand) before it makes the slug, so its live preview is the official
# transliteration, not its own Russian-style map (щ → "shh", ъ → "").
# WAGTAIL_ALLOW_UNICODE_SLUGS stays at its default (on): turned off, the widget would delete
# on blur the letters it has no map for ("café" → "caf"), where the server folds them.
_FORMATTERS_ATTRIBUTE = "data-w-slug-formatters-value"
_SLUG_FORMATTERS_JSON = SlugInput(formatters=SLUG_FORMATTERS).attrs[_FORMATTERS_ATTRIBUTE]


class BasePageForm(RevisionConflictMixin, WagtailAdminPageForm):
    """The admin form of every page (``BasePage.base_form_class``).

    The address is readable Latin (home.transliteration): left empty, it is made from the
    title; a slug typed with Cyrillic letters or diacritics is transliterated; a Latin slug
    is kept as typed. An existing page keeps the address it has until someone changes it.
    The slug field's live preview in the browser runs the same transliteration.
    """

    conflict_message = gettext_lazy(
        "%(name)s saved a newer version of this page at %(time)s, after you opened it. "
        "Your changes are still in the form below: copy what you need, reload to see "
        "theirs, or save again to replace their version."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            field = self.fields["slug"]
            field.required = False
            field.widget.is_required = False
            if isinstance(field.widget, SlugInput):
                field.widget.attrs[_FORMATTERS_ATTRIBUTE] = _SLUG_FORMATTERS_JSON

    def clean(self):
        self._latin_slug()
        self._slug_not_taken_by_a_route()
        return super().clean()

    def _reserved_slugs(self):
        if self.parent_page is None:
            return set()
        return reserved_slugs(self.parent_page.specific_class)

    def _slug_not_taken_by_a_route(self):
        """A child slugged like one of its parent's own addresses (the news feed's rss/)
        could never be reached: Wagtail routes that address to the parent."""
        slug = self.cleaned_data.get("slug")
        if slug and slug in self._reserved_slugs():
            self.add_error(
                "slug",
                _(
                    "The address “%(slug)s” is already used by the page above this one "
                    "(for its own views, such as feeds). Please choose another."
                )
                % {"slug": slug},
            )

    def _latin_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug is None:
            return
        page = self.instance
        if not slug:
            base = latin_slug(self.cleaned_data.get("title") or "")
            slug = self._available_slug(base) if base else ""
        elif not slug.isascii() and (page.pk is None or slug != page.slug):
            slug = latin_slug(slug) or slug
        self.cleaned_data["slug"] = slug

    def _available_slug(self, base):
        """The slug, or the slug with -2, -3… when a sibling page already has it."""
        if self.parent_page is None:
            return base
        page = self.instance if self.instance.pk else None
        reserved = self._reserved_slugs()
        candidate, suffix = base, 1
        while candidate in reserved or not Page._slug_is_available(
            candidate, self.parent_page, page
        ):
            suffix += 1
            candidate = f"{base}-{suffix}"
        return candidate
