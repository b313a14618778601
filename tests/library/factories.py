"""Test data for the library (see tests/home/factories.py for how pages are made).

``LegislationPageFactory`` makes a plain act; ``demo_acts``, ``demo_practices`` and
``demo_statute`` make the demo's own acts, good practices and statute
(library/demo/library.yaml) in three languages, filled by the demo's own functions, for
tests that check real citations, relations and translations.
"""

import datetime
import functools

import factory

from home.caching import invalidate
from home.demo.support import LANGUAGES, SOURCE_LANGUAGE, load_yaml, locales, pick
from library.demo import DATA, act_fields, practice_fields, statute_fields
from library.models import (
    LegislationPage,
    LegislationRelation,
    LibraryIndexPage,
    PracticePage,
    StatutePage,
    Topic,
)
from providers.models import Provider
from tests.home.factories import LivePageFactory, translate_page
from tests.providers.factories import ProviderFactory


class LegislationPageFactory(LivePageFactory):
    """Give ``parent`` (a library index); ``topics=[…]`` are saved with the page."""

    title = factory.Sequence(lambda n: f"Act {n}")
    jurisdiction = "RO"
    act_type = "law"
    number = factory.Sequence(lambda n: str(1000 + n))
    official_title = factory.LazyAttribute(lambda act: f"Legea nr. {act.number}/2020")
    year = 2020
    gazette_issue = factory.Sequence(lambda n: str(n + 1))
    gazette_date = datetime.date(2020, 1, 1)
    summary = "<p>Summary.</p>"

    class Meta:
        model = LegislationPage


def library_index(language):
    return LibraryIndexPage.objects.get(locale__language_code=language)


@functools.cache
def _library_data():
    return load_yaml(DATA)


def demo_item(section, key):
    return next(item for item in _library_data()[section] if item["key"] == key)


def _add_live(parent, page, topic_keys=()):
    """``page`` live under ``parent`` without a revision, as ``LivePageFactory`` adds one;
    its topics (the source language's, by slug) saved with it."""
    parent.add_child(instance=page)
    if topic_keys:
        page.topics.set(Topic.objects.filter(slug__in=topic_keys, locale=parent.locale))
        page.save()
    invalidate()
    return page


def _translations(source, item, fill, languages, **fill_kwargs):
    """{language: page}: ``source`` and its translations into ``languages`` (Wagtail's copy
    for a translator, live), each filled in its language by the demo's ``fill``."""
    pages = {SOURCE_LANGUAGE: source}
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        page = fill(item, language, translate_page(source, language), **fill_kwargs)
        page.save()
        pages[language] = page
    invalidate()
    return pages


def demo_acts(*keys, languages=LANGUAGES):
    """The demo's acts ``keys`` in ``languages``, with the relations among them (kept in
    every language, as the demo has them): {key: {language: act}}."""
    index = library_index(SOURCE_LANGUAGE)
    sources = {}
    for key in keys:
        item = demo_item("acts", key)
        page = act_fields(item, SOURCE_LANGUAGE, LegislationPage())
        sources[key] = _add_live(index, page, item.get("topics", []))
    for key, source in sources.items():
        relations = [
            r for r in demo_item("acts", key).get("relations") or [] if r["target"] in sources
        ]
        for position, relation in enumerate(relations):
            LegislationRelation.objects.create(
                page=source,
                sort_order=position,
                relation_type=relation["type"],
                target=sources[relation["target"]],
            )
    return {
        key: _translations(source, demo_item("acts", key), act_fields, languages)
        for key, source in sources.items()
    }


def demo_practices(languages=LANGUAGES):
    """The demo's good practices in ``languages``: [{language: practice}, …]."""
    index = library_index(SOURCE_LANGUAGE)
    practices = []
    for item in _library_data()["practices"]:
        page = practice_fields(item, SOURCE_LANGUAGE, PracticePage())
        source = _add_live(index, page, item.get("topics", []))
        practices.append(_translations(source, item, practice_fields, languages))
    return practices


def demo_statute(languages=LANGUAGES):
    """The demo's statute in ``languages``, {language: statute}, with its founding members
    in each language, each linked to its provider record (made here if missing)."""
    data = _library_data()["statute"]
    members = data["founding_members"]
    for member in members:
        if not Provider.objects.filter(external_id=member["provider"]).exists():
            ProviderFactory(
                external_id=member["provider"],
                name=pick(member["name"], SOURCE_LANGUAGE),
                romanian=member["country"] == "RO",
            )
    page = statute_fields(
        data, SOURCE_LANGUAGE, StatutePage(), members=members, locale=locales()[SOURCE_LANGUAGE]
    )
    source = _add_live(library_index(SOURCE_LANGUAGE), page)
    pages = {SOURCE_LANGUAGE: source}
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        # Wagtail's copy keeps the members (in the translation's locale); their names and
        # towns are then given in its language.
        page = statute_fields(data, language, translate_page(source, language))
        for member, values in zip(page.members.all(), members, strict=True):
            member.name, member.town = (
                pick(values["name"], language),
                pick(values["town"], language),
            )
            member.save()
        page.save()
        pages[language] = page
    invalidate()
    return pages
