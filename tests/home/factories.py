"""Test data for the home app, made the quick way (factory_boy, wagtail-factories).

Pages go into the tree live, without a revision: nothing a visitor sees depends on one,
and publishing each (revision, search and reference indexes, cache purge) would make a
hundred pages cost seconds. Tests of publishing itself publish. With no publish signal,
the factory drops the cached lists and chrome itself, as publishing would. Nor are the
admin's own indexes of them kept (Wagtail's admin search, its reference index: "used
by"), as ``load_demo`` builds those once at the end: a test of either publishes.
"""

import copy
from contextlib import contextmanager

import factory
import wagtail_factories
from django.db.models.signals import post_save
from django.test import TestCase
from factory.django import DjangoModelFactory
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale, Site
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import Translation, TranslationSource

from home.caching import invalidate
from home.demo.support import translation_po
from home.models import Partner, StandardPage


class LivePageFactory(wagtail_factories.PageFactory):
    """A live page added under ``parent``, without a revision; the site's caches dropped."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with without_admin_indexes(model_class):
            page = super()._create(model_class, *args, **kwargs)
        invalidate()
        return page


@contextmanager
def without_admin_indexes(model):
    """Saves of ``model`` inside skip Wagtail's admin search index and reference index
    (a third of a page's save)."""
    connected = post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        if connected:
            post_save.connect(post_save_signal_handler, sender=model)


def home_pages():
    """The home page of each language tree, by language code."""
    root = Site.objects.get(is_default_site=True).root_page
    return {
        page.locale.language_code: page.specific
        for page in root.get_translations(inclusive=True).select_related("locale")
    }


def translate_page(page, language, **fields):
    """``page``'s translation into ``language``, as Wagtail copies it for a translator
    (same translation key, under the parent's translation, with the copy's revision), made
    live without publishing; ``fields`` (title, slug, …) set on it. The admin's indexes
    are skipped, as for every page the factories make."""
    with without_admin_indexes(page.specific_class):
        copy = page.copy_for_translation(Locale.objects.get(language_code=language))
        for name, value in fields.items():
            setattr(copy, name, value)
        copy.live, copy.has_unpublished_changes = True, False
        copy.save()
    invalidate()
    return copy


def translated_pages(factory_class, parent, fields):
    """A page under ``parent`` in each language of ``fields`` ({language: {field:
    value}}): the first language's page (``parent``'s language) and its translations,
    each under ``parent``'s translation. Returns {language: page}."""
    (source_language, source_fields), *others = fields.items()
    source = factory_class(parent=parent, **source_fields)
    pages = {source_language: source}
    for language, values in others:
        pages[language] = translate_page(source, language, **values)
    return pages


def localize(instance, language, **fields):
    """``instance``'s translation into ``language`` made by wagtail-localize and
    published, as a translator makes one: ``fields`` (title, name, …) are the strings the
    translator gave, imported as a PO file; the others stay in the source language until
    translated. Returns the translation."""
    locale = Locale.objects.get(language_code=language)
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    if fields:
        shadow = copy.copy(instance)
        for name, value in fields.items():
            setattr(shadow, name, value)
        warnings = translation.import_po(
            translation_po(instance, shadow), translation_type="manual", tool_name="tests"
        )
        assert not warnings, warnings
    # wagtail-localize publishes once the transaction commits, which a test's never does.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    invalidate()
    return instance.get_translation(locale)


class StandardPageFactory(LivePageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")

    class Meta:
        model = StandardPage


class PartnerFactory(DjangoModelFactory):
    """Give ``locale``: a partner belongs to one language tree."""

    name = factory.Sequence(lambda n: f"Partner {n}")
    role = "Partner"
    country = "BG"
    sort_order = factory.Sequence(lambda n: 100 + n)

    class Meta:
        model = Partner
