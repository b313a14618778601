"""Tools every app's demo builder shares.

Demo texts live in YAML files where each translatable value is a mapping
``{bg: …, ro: …, en: …}``. A builder creates the Bulgarian source object from the
``bg`` values; :func:`translate` then creates the Romanian and English versions
*through wagtail-localize*: it extracts the segments of the source and of an unsaved
"shadow" object built from the other language's values, pairs them by segment path,
and imports the pairs as a PO file — the same path a translator's upload takes — so
translators later find ordinary synced translations.
"""

import io
import uuid
from collections import defaultdict
from pathlib import Path

import polib
import yaml
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

SOURCE_LANGUAGE = "bg"
TARGET_LANGUAGES = ("ro", "en")
LANGUAGES = (SOURCE_LANGUAGE, *TARGET_LANGUAGES)
DEMO_NAMESPACE = uuid.UUID("5d1c7a52-93e4-4bb0-9d7e-0e4b7c1f2a10")


class DemoDataError(Exception):
    pass


# libyaml's loader when PyYAML was built with it: the demo's files load eight times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path):
    with Path(path).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader


def is_translated_value(value):
    return isinstance(value, dict) and set(value) == set(LANGUAGES)


def pick(value, language):
    """Resolve every ``{bg, ro, en}`` mapping inside ``value`` to one language."""
    if is_translated_value(value):
        return value[language]
    if isinstance(value, dict):
        return {key: pick(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [pick(item, language) for item in value]
    return value


def demo_uuid(*parts):
    return uuid.uuid5(DEMO_NAMESPACE, ":".join(str(part) for part in parts))


def stream(blocks, language, key):
    """Raw StreamField data with ids derived from ``key``, equal in every language.

    Lists inside a block's value become ListBlock items, also with stable ids, so
    the segment paths of the source and of each translation match.
    """
    return [
        {
            "type": block["type"],
            "id": str(demo_uuid(key, index)),
            "value": _list_blocks(pick(block["value"], language), f"{key}.{index}"),
        }
        for index, block in enumerate(blocks)
    ]


def _list_blocks(value, key):
    if isinstance(value, dict):
        return {name: _list_blocks(item, f"{key}.{name}") for name, item in value.items()}
    if isinstance(value, list):
        return [
            {
                "type": "item",
                "id": str(demo_uuid(key, index)),
                "value": _list_blocks(item, f"{key}.{index}"),
            }
            for index, item in enumerate(value)
        ]
    return value


def index_page_fields(data, language, page):
    """The fields every section index page of the demo has; it appears in the menu."""
    page.title = pick(data["title"], language)
    page.slug = pick(data["slug"], language)
    page.seo_title = pick(data["seo_title"], language)
    page.search_description = pick(data["search_description"], language)
    page.lead = pick(data["lead"], language)
    page.show_in_menus = True
    return page


def locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


def _strings_by_path(instance):
    strings = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            strings[segment.path].append(segment.string.data)
    return strings


def translation_po(source_instance, shadow):
    """A PO file translating the source's strings into the shadow's, path by path."""
    source_strings = _strings_by_path(source_instance)
    target_strings = _strings_by_path(shadow)
    po = polib.POFile()
    for path, originals in source_strings.items():
        translated = target_strings.get(path, [])
        if len(translated) != len(originals):
            raise DemoDataError(
                f"{source_instance!r}: '{path}' has {len(originals)} strings in Bulgarian "
                f"but {len(translated)} in the translation; keep the structure identical."
            )
        for msgid, msgstr in zip(originals, translated, strict=True):
            po.append(polib.POEntry(msgctxt=path, msgid=msgid, msgstr=msgstr))
    return po


@transaction.atomic
def translate(source_instance, build_shadow):
    """Create the ro and en translations of ``source_instance`` with wagtail-localize.

    ``build_shadow(language)`` returns an unsaved instance holding that language's
    values. Existing translations are left as they are, so a second run changes nothing.
    Returns the number of translations created.
    """
    all_locales = locales()
    source, _created = TranslationSource.get_or_create_from_instance(source_instance)
    created = 0
    for language in TARGET_LANGUAGES:
        locale = all_locales[language]
        if source_instance.get_translations().filter(locale=locale).exists():
            continue
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        warnings = translation.import_po(
            translation_po(source_instance, build_shadow(language)),
            translation_type="manual",
            tool_name="load_demo",
        )
        if warnings:
            raise DemoDataError(f"{source_instance!r} ({language}): {warnings}")
        translation.save_target(publish=True)
        created += 1
    return created


@transaction.atomic
def retranslate(source_instance, build_shadow):
    """After the demo data of an existing source changed: update its translation source
    and import each language's new strings, as a translator's PO upload would."""
    source, _created = TranslationSource.update_or_create_from_instance(source_instance)
    for language in TARGET_LANGUAGES:
        translation = Translation.objects.filter(
            source=source, target_locale=locales()[language]
        ).first()
        if translation is None:
            continue
        warnings = translation.import_po(
            translation_po(source_instance, build_shadow(language)),
            translation_type="manual",
            tool_name="load_demo",
        )
        if warnings:
            raise DemoDataError(f"{source_instance!r} ({language}): {warnings}")
        translation.save_target(publish=True)


def _same(stored, fresh):
    """Equal values; stream fields compared as saved (block defaults filled in)."""
    if hasattr(stored, "stream_block") and hasattr(fresh, "stream_block"):
        return _saved_form(stored) == _saved_form(fresh)
    return stored == fresh


def _saved_form(stream):
    return [
        (child.block_type, child.id, child.block.get_prep_value(child.value)) for child in stream
    ]


def refresh_page(page, fill, fields):
    """Publish what changed in the demo data of an existing page, in every language.

    ``fill(language, page)`` sets the page's values; only ``fields`` are compared, on
    the source and on each translation, so a rerun with unchanged data makes no
    revision. Returns whether anything changed.
    """
    fresh = fill(SOURCE_LANGUAGE, type(page)())
    changed = [name for name in fields if not _same(getattr(page, name), getattr(fresh, name))]
    if changed:
        for name in changed:
            setattr(page, name, getattr(fresh, name))
        page.save_revision().publish()
    stale = changed or any(
        not _same(
            getattr(translation, name),
            getattr(fill(translation.locale.language_code, type(page)()), name),
        )
        for translation in page.get_translations().select_related("locale").specific()
        for name in fields
    )
    if stale:
        retranslate(page, lambda language: fill(language, type(page)()))
    return bool(stale)


def get_or_create_image(title, draw, alt_text, collection=None):
    """A demo image drawn by ``draw() -> PIL.Image``, created once by title."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image:
        return image
    buffer = io.BytesIO()
    draw().save(buffer, format="PNG", optimize=True)
    filename = f"{demo_uuid('image', title).hex[:12]}.png"
    image = Image(title=title, description=alt_text, file=ImageFile(buffer, name=filename))
    if collection is not None:
        image.collection = collection
    image._set_image_file_metadata()  # size and hash, as the admin's upload form sets them
    image.save()
    return image
