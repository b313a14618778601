"""Structured data and canonical addresses, as a search engine reads them.

One page of each kind (a news item about an event, a publication, an act, a provider) in
every language, each fetched once; the home page has no structured data. Every JSON-LD block must parse as RDF
(rdflib, with the schema.org context made local so nothing reaches the network), use
schema.org terms only where schema.org says they apply (data/schemaorg/vocabulary.json),
and have the properties its type needs (REQUIRED). The canonical link, og:url and the
structured data's url must name the same public address.
"""

import json
from collections import namedtuple
from pathlib import Path

import pytest
import rdflib
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from lxml import html as lxml_html
from rdflib.namespace import RDF
from wagtail.models import Locale

from library.models import LegislationPage
from news.models import NewsPage
from providers.models import Provider, ProviderMapPage
from publications.models import PublicationIndexPage, PublicationPage
from tests.providers.factories import demo_provider
from tests.publications.factories import publication_pages
from tests.standards.conftest import act_pages, news_pages, partners

pytestmark = [
    pytest.mark.django_db,
    # rdflib's own JSON-LD parser still uses its deprecated ConjunctiveGraph.
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

PUBLIC = "https://socialcohesion.example"
LANGUAGES = ("bg", "ro", "en")
SDO = rdflib.Namespace("https://schema.org/")
LOCAL_CONTEXT = {"@vocab": str(SDO)}
VOCABULARY = json.loads(
    (Path(__file__).parent / "data" / "schemaorg" / "vocabulary.json").read_text()
)

# Property paths each type must have ("author.url": every author has a url): what
# schema.org and Google Search's structured-data guidelines require or recommend.
# Google: Article (headline, image, datePublished, dateModified, author name and url,
# publisher), Event (name, startDate, endDate, location with name and address,
# eventStatus, eventAttendanceMode). An event's organizer is left out: the news item does
# not say who organises it, and most demo events are other projects'. Book: each author
# an Organization or Person with name and url; each edition's isbn only where it has one
# (the demo's have none). Legislation: schema.org's and ELI's legislation properties.
REQUIRED = {
    "NewsArticle": (
        "headline",
        "description",
        "image",
        "datePublished",
        "dateModified",
        "inLanguage",
        "url",
        "mainEntityOfPage",
        "author.name",
        "author.url",
        "publisher.name",
        "publisher.url",
        "publisher.logo.url",
    ),
    "Event": (
        "name",
        "description",
        "image",
        "startDate",
        "endDate",
        "eventStatus",
        "eventAttendanceMode",
        "inLanguage",
        "url",
        "location.name",
        "location.geo.latitude",
        "location.address.addressLocality",
        "location.address.addressRegion",
        "location.address.addressCountry",
    ),
    "Book": (
        "name",
        "datePublished",
        "inLanguage",
        "url",
        "isAccessibleForFree",
        "author.name",
        "author.url",
        "publisher.name",
        "workExample.bookFormat",
        "workExample.inLanguage",
        "workExample.url",
    ),
    "Legislation": (
        "name",
        "legislationIdentifier",
        "legislationType",
        "legislationDate",
        "datePublished",
        "legislationJurisdiction",
        "legislationLegalForce",
        "inLanguage",
        "url",
        "workExample.legislationLegalValue",
        "workExample.inLanguage",
        "workExample.url",
    ),
    "Organization": (
        "name",
        "url",
        "address.addressLocality",
        "address.addressRegion",
        "address.addressCountry",
        "location.name",
        "location.address",
    ),
}
# The types of the top-level nodes of each kind of page.
KINDS = {
    "news": {"NewsArticle", "Event"},
    "publication": {"Book"},
    "legislation": {"Legislation"},
    "provider": {"Organization"},
}

Fetched = namedtuple("Fetched", "address canonical og_url blocks")


def addresses():
    """{(kind, language): path}: the same item of each kind in every language."""
    news = NewsPage.objects.get(locale__language_code="bg", slug="informatsionen-den-v-strelcha")
    book = PublicationPage.objects.get(locale__language_code="bg", kind="compendium")
    act = LegislationPage.objects.get(
        locale__language_code="bg", slug="zakon-za-sotsialnite-uslugi"
    )
    provider = Provider.objects.get(locale__language_code="bg", live=True)
    paths = {}
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        for kind, page in (("news", news), ("publication", book), ("legislation", act)):
            paths[kind, language] = page.get_translation(locale).url
        map_page = ProviderMapPage.objects.live().get(locale=locale)
        paths["provider", language] = f"{map_page.url}p/{provider.external_id}/"
    return paths


def read(address, body):
    page = lxml_html.fromstring(body)
    scripts = page.xpath("//script[@type='application/ld+json']/text()")
    return Fetched(
        address,
        page.xpath("//head/link[@rel='canonical']/@href"),
        page.xpath("//head/meta[@property='og:url']/@content"),
        [json.loads(script) for script in scripts],
    )


def content():
    """One of the demo's items of each kind in three languages, and the project partners
    (the publication's authors link to their websites)."""
    partners()
    news_pages("info-day-strelcha")
    publication_pages(PublicationIndexPage.objects.get(locale__language_code="bg"))
    act_pages("bg-social-services-act")
    demo_provider("bg-fyc-vidin")


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """{(kind, language): Fetched}, each page fetched once, on a public address that is
    not the host the request came in on; the content is made in a transaction rolled back
    once the pages are fetched."""
    client = Client(HTTP_HOST="localhost")
    fetched = {}
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PUBLIC_BASE_URL=PUBLIC),
    ):
        content()
        for key, path in addresses().items():
            response = client.get(path)
            assert response.status_code == 200, f"{path}: {response.status_code}"
            fetched[key] = read(f"{PUBLIC}{path}", response.content)
        transaction.set_rollback(True)
    cache.clear()
    return fetched


def as_graph(fetched, block):
    """The block as RDF; its context, schema.org's, is replaced by a local equivalent."""
    assert block.get("@context") == "https://schema.org", f"{fetched.address}: @context"
    graph = rdflib.Graph().parse(
        data=json.dumps({**block, "@context": LOCAL_CONTEXT}), format="json-ld"
    )
    assert len(graph), f"{fetched.address}: an empty JSON-LD block"
    return graph


def roots(graph):
    """The top-level things a block describes: typed nodes nothing else points to."""
    return [node for node in set(graph.subjects(RDF.type)) if (None, None, node) not in graph]


def type_names(graph, node):
    return {str(kind).removeprefix(str(SDO)) for kind in graph.objects(node, RDF.type)}


def missing(graph, node, path):
    """The parts of a property path the node lacks, for every value along the way."""
    head, _, rest = path.partition(".")
    values = list(graph.objects(node, SDO[head]))
    if not values:
        return [path]
    if not rest:
        return []
    return [f"{head}.{gap}" for value in values for gap in missing(graph, value, rest)]


def ancestors(class_name):
    found, stack = set(), [class_name]
    while stack:
        name = stack.pop()
        if name not in found:
            found.add(name)
            stack += VOCABULARY["classes"].get(name, [])
    return found


def vocabulary_errors(graph):
    """Terms schema.org does not have, or uses elsewhere: a property on a type outside its
    domain, a node or enumeration member outside its range."""
    errors = []
    for subject, predicate, value in graph:
        if predicate == RDF.type:
            if str(value).removeprefix(str(SDO)) not in VOCABULARY["classes"]:
                errors.append(f"unknown type {value}")
            continue
        name = str(predicate).removeprefix(str(SDO))
        if name not in VOCABULARY["properties"]:
            errors.append(f"unknown property {predicate}")
            continue
        domain, value_range = VOCABULARY["properties"][name]
        for kind in type_names(graph, subject):
            if not ancestors(kind) & set(domain):
                errors.append(f"{name} on {kind} (schema.org: {', '.join(domain)})")
        if isinstance(value, rdflib.Literal) and str(value).startswith(str(SDO)):
            member = str(value).removeprefix(str(SDO))
            enumeration = VOCABULARY["members"].get(member)
            if enumeration is None or not ancestors(enumeration) & set(value_range):
                errors.append(f"{name}: {member} is not one of {', '.join(value_range)}")
        elif not isinstance(value, rdflib.Literal):
            for kind in type_names(graph, value):
                if not ancestors(kind) & set(value_range):
                    errors.append(f"{name}: a {kind} (schema.org: {', '.join(value_range)})")
    return errors


PAGES = [(kind, language) for kind in KINDS for language in LANGUAGES]


@pytest.mark.parametrize("kind, language", PAGES)
def test_structured_data_is_schema_org_rdf(pages, kind, language):
    fetched = pages[kind, language]
    found = set()
    for block in fetched.blocks:
        graph = as_graph(fetched, block)
        errors = vocabulary_errors(graph)
        assert not errors, f"{fetched.address}: {errors[0]}"
        found |= {name for node in roots(graph) for name in type_names(graph, node)}
    assert found == KINDS[kind], f"{fetched.address}: describes {sorted(found)}"


@pytest.mark.parametrize("kind, language", PAGES)
def test_each_type_has_the_properties_it_needs(pages, kind, language):
    fetched = pages[kind, language]
    for block in fetched.blocks:
        graph = as_graph(fetched, block)
        for node in roots(graph):
            for name in type_names(graph, node):
                gaps = [gap for path in REQUIRED[name] for gap in missing(graph, node, path)]
                assert not gaps, f"{fetched.address}: {name} without {gaps[0]}"


@pytest.mark.parametrize("kind, language", PAGES)
def test_canonical_og_url_and_structured_data_url_agree(pages, kind, language):
    fetched = pages[kind, language]
    assert fetched.canonical == [fetched.address], f"{fetched.address}: canonical"
    assert fetched.og_url == [fetched.address], f"{fetched.address}: og:url"
    for block in fetched.blocks:
        graph = as_graph(fetched, block)
        for node in roots(graph):
            urls = {str(url) for url in graph.objects(node, SDO.url)}
            assert urls == {fetched.address}, f"{fetched.address}: url {sorted(urls)}"


def canonical_of(client, path):
    with override_settings(PUBLIC_BASE_URL=PUBLIC):
        response = client.get(path)
    return read(path, response.content).canonical


@pytest.mark.parametrize(
    "path, canonical",
    [
        ("/en/search/?q=social+services", "/en/search/"),  # results consolidate on search
        ("/ro/no-such-page/", "/ro/no-such-page/"),  # the 404 page
        ("/en/providers/?country=RO&member=1", "/en/providers/"),  # filters: the plain list
    ],
)
def test_pages_without_a_page_object_or_with_a_query_have_a_canonical(client, path, canonical):
    assert canonical_of(client, path) == [f"{PUBLIC}{canonical}"]


def test_routes_under_a_page_are_their_own_canonical(client):
    act_pages("bg-social-services-act")
    demo_provider("ro-vasiliada-craiova")
    act = LegislationPage.objects.live().get(locale__language_code="en")
    compare = f"{act.url}compare/"
    assert canonical_of(client, compare) == [f"{PUBLIC}{compare}"]
    provider = Provider.objects.get(locale__language_code="ro", live=True)
    detail = f"/ro/furnizori/p/{provider.external_id}/"
    with override_settings(PUBLIC_BASE_URL=PUBLIC):
        fetched = read(detail, client.get(f"{detail}?utm_source=x").content)
    assert fetched.canonical == fetched.og_url == [f"{PUBLIC}{detail}"]
    assert fetched.blocks[0]["url"] == f"{PUBLIC}{detail}"


def test_each_page_of_a_list_is_its_own_canonical(client, monkeypatch):
    """Google: page 2 is not a duplicate of page 1; a filtered list is one of the list."""
    for external_id in ("bg-fyc-vidin", "ro-vasiliada-craiova"):
        demo_provider(external_id)
    monkeypatch.setattr(ProviderMapPage, "page_size", 1)  # two pages of the two providers
    directory = ProviderMapPage.objects.get(locale__language_code="en").url
    assert canonical_of(client, f"{directory}?page=2") == [f"{PUBLIC}{directory}?page=2"]
    assert canonical_of(client, f"{directory}?page=1") == [f"{PUBLIC}{directory}"]
    assert canonical_of(client, f"{directory}?page=99") == [f"{PUBLIC}{directory}"]  # page 1
    assert canonical_of(client, f"{directory}?page=2&country=BG") == [f"{PUBLIC}{directory}"]
