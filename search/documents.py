"""Build and keep the search documents: one per live public page, per provider and per
published public resource of the community (design.md: the search may know providers; the
community's resources are the one other tie, agreed for issue 16)."""

import html
import re

from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from home.contributions import search_kinds
from search.analysis import analyze
from search.models import SearchDocument

MAX_TEXT = 60_000
SPACES = re.compile(r"\s+")


def plain(value):
    """Text of a search field's value: strings, rich text, lists of either."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(plain(item) for item in value)
    if hasattr(value, "name") and not isinstance(value, str):  # tags, related snippets
        return str(value.name)
    text = html.unescape(strip_tags(str(value)))
    return SPACES.sub(" ", text).strip()


def searchable_text(instance, skip=("title",)):
    """The text of every SearchField the model declares, in declaration order."""
    parts = []
    for field in instance.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name not in skip:
            parts.append(plain(field.get_value(instance)))
    return " ".join(part for part in parts if part)[:MAX_TEXT]


def _terms(text, language):
    return " ".join(analyze(text, language))


def page_fields(page):
    """The document of a (specific, live, public) page."""
    language = page.locale.language_code
    text = searchable_text(page)
    summary = page.search_description or getattr(page, "listing_summary", "") or ""
    if not summary:
        summary = getattr(page, "lead", "") or ""
    date = getattr(page, "date", None)
    return {
        "locale_id": page.locale_id,
        "kind": search_kinds().get(page._meta.label_lower, "page"),
        "title": page.title[:500],
        "url": page.get_url() or "",
        "summary": plain(summary)[:1000],
        "text": text,
        "date": date if date and hasattr(date, "year") else None,
        "title_terms": _terms(page.title, language),
        "body_terms": _terms(text, language),
    }


def provider_fields(provider, map_url):
    language = provider.locale.language_code
    parts = [
        provider.alternate_name,
        provider.settlement,
        provider.municipality,
        provider.district.name if provider.district_id else "",
        " ".join(str(item.name) for item in provider.service_types.all()),
        " ".join(str(item.name) for item in provider.target_groups.all()),
        plain(provider.description),
    ]
    text = " ".join(part for part in parts if part)[:MAX_TEXT]
    place = ", ".join(part for part in (provider.settlement, provider.municipality) if part)
    return {
        "locale_id": provider.locale_id,
        "kind": "provider",
        "title": provider.name[:500],
        "url": f"{map_url}p/{provider.external_id}/",
        "summary": place,
        "text": text,
        "date": None,
        "title_terms": _terms(provider.name, language),
        "body_terms": _terms(text, language),
    }


def resource_fields(resource, community_page):
    """The document of a published public resource, on the community page of its language."""
    language = resource.language
    text = plain(resource.summary)[:MAX_TEXT]
    date = resource.reviewed_at or resource.submitted_at
    return {
        "locale_id": community_page.locale_id,
        "kind": "resource",
        "title": resource.title[:500],
        "url": community_page.get_url()
        + community_page.reverse_subpage("resource_route", args=(resource.pk,)),
        "summary": text[:1000],
        "text": text,
        "date": date.date() if date else None,
        "title_terms": _terms(resource.title, language),
        "body_terms": _terms(text, language),
    }


def _community_pages():
    """{language code: page} of the live public community pages."""
    from community.models import CommunityPage

    restricted = _restricted_paths()
    return {
        page.locale.language_code: page
        for page in CommunityPage.objects.live().select_related("locale")
        if _is_public(page, restricted) and page.get_url()
    }


def _resource_document(resource, community_pages):
    """The fields of the resource's document, or None when it is not for the public."""
    page = community_pages.get(resource.language)
    if page is None or not resource.is_public:
        return None
    return resource_fields(resource, page)


def index_resource(resource):
    """Add, refresh or drop one resource's document (published and public: found)."""
    fields = _resource_document(resource, _community_pages())
    if fields is None:
        SearchDocument.objects.filter(resource=resource).delete()
        return
    SearchDocument.objects.update_or_create(resource=resource, defaults=fields)


def index_resources():
    """Every resource again (a community page was published, moved or withdrawn)."""
    from community.models import Resource

    for resource in Resource.objects.all():
        index_resource(resource)


def _restricted_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _is_public(page, restricted):
    return not any(page.path.startswith(path) for path in restricted)


def _map_urls():
    from providers.models import ProviderMapPage

    return {page.locale_id: page.get_url() for page in ProviderMapPage.objects.live()}


def index_page(page):
    """Add, refresh or drop one page's document after it changed."""
    page = page.specific
    if not page.live or page.depth < 2 or not _is_public(page, _restricted_paths()):
        SearchDocument.objects.filter(page=page).delete()
        return
    fields = page_fields(page)
    if not fields["url"]:
        SearchDocument.objects.filter(page=page).delete()
        return
    SearchDocument.objects.update_or_create(page=page, defaults=fields)


def index_subtree(page):
    """After a move or a new slug every descendant's address changed too."""
    for descendant in page.get_descendants(inclusive=True).live().specific():
        index_page(descendant)


def index_provider(provider):
    map_url = _map_urls().get(provider.locale_id)
    if not map_url or not provider.live:  # a draft translation is not public yet
        SearchDocument.objects.filter(provider=provider).delete()
        return
    SearchDocument.objects.update_or_create(
        provider=provider, defaults=provider_fields(provider, map_url)
    )


def index_providers(providers):
    """index_provider for many providers at once (the provider import): a few queries in all.

    ``providers`` come with locale, district, service types and target groups loaded.
    """
    map_urls = _map_urls()
    public = [p for p in providers if p.live and p.locale_id in map_urls]
    public_ids = {p.pk for p in public}
    SearchDocument.objects.filter(
        provider__in=[p.pk for p in providers if p.pk not in public_ids]
    ).delete()
    stored = {d.provider_id: d for d in SearchDocument.objects.filter(provider__in=public_ids)}
    new, changed, names, now = [], [], set(), timezone.now()
    for provider in public:
        fields = provider_fields(provider, map_urls[provider.locale_id])
        names.update(fields)
        document = stored.get(provider.pk)
        if document is None:
            new.append(SearchDocument(provider=provider, **fields))
            continue
        for name, value in fields.items():
            setattr(document, name, value)
        document.indexed_at = now
        changed.append(document)
    SearchDocument.objects.bulk_create(new, batch_size=500)
    if changed:
        SearchDocument.objects.bulk_update(changed, [*sorted(names), "indexed_at"], batch_size=500)
    if SearchDocument.search_fields:  # an Elasticsearch/OpenSearch cluster (search.external)
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(SearchDocument, new + changed)


@transaction.atomic
def build_demo(log):
    """The demo's last step (home.contributions): index everything the others made."""
    log(f"{rebuild()} search documents")


build_sections = build_demo  # an empty site's sections are indexed the same way


def rebuild():
    """Index everything again from scratch; returns the number of documents."""
    from community.models import Resource
    from providers.models import Provider

    SearchDocument.objects.all().delete()
    restricted = _restricted_paths()
    documents = []
    pages = Page.objects.live().filter(depth__gte=2).select_related("locale").specific()
    for page in pages.iterator(chunk_size=500):
        if not _is_public(page, restricted):
            continue
        fields = page_fields(page)
        if fields["url"]:
            documents.append(SearchDocument(page=page, **fields))
    map_urls = _map_urls()
    providers = (
        Provider.objects.filter(live=True)
        .select_related("locale", "district")
        .prefetch_related("service_types", "target_groups")
    )
    for provider in providers.iterator(chunk_size=500):
        if provider.locale_id in map_urls:
            documents.append(
                SearchDocument(
                    provider=provider, **provider_fields(provider, map_urls[provider.locale_id])
                )
            )
    community_pages = _community_pages()
    for resource in Resource.objects.filter(status=Resource.Status.APPROVED):
        fields = _resource_document(resource, community_pages)
        if fields:
            documents.append(SearchDocument(resource=resource, **fields))
    SearchDocument.objects.bulk_create(documents, batch_size=500)
    if connection.vendor == "postgresql":  # fresh statistics, or the planner skips the GIN index
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
    return len(documents)
