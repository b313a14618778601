"""With SEARCH_URL the search runs on OpenSearch/Elasticsearch: the generated settings,
mapping and queries (no cluster runs here; nothing is sent)."""

from unittest import mock

import pytest
from django.test import override_settings
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from search import external
from search.cluster import backend_settings
from search.models import SearchDocument

pytestmark = pytest.mark.django_db
CLUSTER = {"default": backend_settings("http://search.internal:9200", "opensearch3")}


@pytest.fixture
def backend():
    with (
        override_settings(WAGTAILSEARCH_BACKENDS=CLUSTER),
        mock.patch.object(SearchDocument, "search_fields", external.search_fields()),
    ):
        yield get_search_backend()


def test_the_settings_module_reads_search_url(monkeypatch):
    import importlib

    import cms.settings.base as base

    monkeypatch.setenv("SEARCH_URL", "https://user:secret@search.internal:9200")
    monkeypatch.setenv("SEARCH_ENGINE", "elasticsearch8")
    try:
        configured = importlib.reload(base).WAGTAILSEARCH_BACKENDS["default"]
    finally:
        monkeypatch.delenv("SEARCH_URL")
        importlib.reload(base)
    assert configured["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert configured["URLS"] == ["https://user:secret@search.internal:9200"]
    assert configured["INDEX_PREFIX"] == "social_cohesion_"
    with pytest.raises(ValueError, match="SEARCH_ENGINE"):
        backend_settings("http://x:9200", "solr")


def test_index_settings_define_an_analyzer_per_language(backend):
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["analyzer"]["bulgarian_text"]["filter"][-1] == "bulgarian_stemmer"
    assert analysis["filter"]["bulgarian_stemmer"] == {"type": "stemmer", "language": "bulgarian"}
    romanian = analysis["analyzer"]["romanian_text"]
    assert romanian["char_filter"] == ["romanian_comma_below"]
    assert "ş => ș" in analysis["char_filter"]["romanian_comma_below"]["mappings"]
    assert romanian["filter"].index("asciifolding") < romanian["filter"].index("romanian_stemmer")
    assert "si" in analysis["filter"]["romanian_folded_stop"]["stopwords"]  # "și", folded
    assert analysis["analyzer"]["english_text"]["filter"][-1] == "english_stemmer"
    assert "edgengram_analyzer" in analysis["analyzer"]  # Wagtail's own stay


def test_mapping_gives_each_language_its_fields_and_analyzer(backend):
    mapping = backend.mapping_class(SearchDocument).get_mapping()
    properties = mapping["properties"]
    for language, analyzer in (
        ("bg", "bulgarian_text"),
        ("ro", "romanian_text"),
        ("en", "english_text"),
    ):
        assert properties[f"title_{language}"]["analyzer"] == analyzer
        assert properties[f"text_{language}"]["analyzer"] == analyzer
        assert "_all_text_boost_5_0" in properties[f"title_{language}"]["copy_to"]  # title boost
    assert properties["kind_filter"]["type"] == "keyword"


def test_a_document_sends_its_text_only_to_its_languages_fields(backend):
    document = (
        SearchDocument.objects.select_related("locale").filter(locale__language_code="ro").first()
    )
    body = backend.mapping_class(SearchDocument).get_document(document)
    assert body["title_ro"] == document.title and body["text_ro"] == document.text
    assert body["title_bg"] == body["title_en"] == body["text_bg"] == ""


def test_the_query_searches_the_visitors_language_fields_only(backend):
    searches = []
    with mock.patch.object(
        type(backend), "search", lambda self, *a, **kw: searches.append((a, kw)) or []
    ):
        external.ExternalSearch(
            Locale.objects.get(language_code="ro"), "asistenţă socială"
        ).results()
        external.ExternalSearch(
            Locale.objects.get(language_code="bg"), "sotsialni uslugi"
        ).results()
    (ro_args, ro_kwargs), (bg_args, bg_kwargs) = searches
    assert ro_kwargs["fields"] == ["title_ro", "text_ro"] and ro_kwargs["operator"] == "and"
    assert set(ro_args[1].values_list("locale__language_code", flat=True)) == {"ro"}
    assert bg_kwargs["fields"] == ["title_bg", "text_bg"]
    assert bg_args[0] == "социални услуги"  # Latin letters read as transliterated Bulgarian


def test_the_compiled_query_names_the_language_fields(backend):
    english = Locale.objects.get(language_code="en")
    documents = SearchDocument.objects.filter(locale=english, kind="news")
    compiler = backend.query_compiler_class(
        documents, "children", fields=["title_en", "text_en"], operator="and"
    )
    query = str(compiler.get_query())
    assert "title_en" in query and "text_en" in query and "title_bg" not in query
    assert f"'locale_id_filter': {english.pk}" in query and "'kind_filter': 'news'" in query
