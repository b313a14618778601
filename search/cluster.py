"""Settings for an Elasticsearch/OpenSearch cluster, importable from the settings module.

Per-language analyzers (see search.external for how the fields use them). Run a
cluster, then set ``SEARCH_URL`` (and ``SEARCH_ENGINE`` when it is not OpenSearch 3)
and run ``manage.py update_index``.
"""

from search.analysis import RO_STOP_WORDS

ANALYZERS = {"bg": "bulgarian_text", "ro": "romanian_text", "en": "english_text"}
TITLE_BOOST = 5

INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "char_filter": {
                "romanian_comma_below": {
                    "type": "mapping",
                    "mappings": ["ş => ș", "Ş => Ș", "ţ => ț", "Ţ => Ț"],
                }
            },
            "filter": {
                "bulgarian_stop": {"type": "stop", "stopwords": "_bulgarian_"},
                "bulgarian_stemmer": {"type": "stemmer", "language": "bulgarian"},
                # Folded before stemming, so "asistență", "asistenţă" and "asistenta" agree.
                "romanian_folded_stop": {"type": "stop", "stopwords": sorted(RO_STOP_WORDS)},
                "romanian_stemmer": {"type": "stemmer", "language": "romanian"},
                "english_possessive": {"type": "stemmer", "language": "possessive_english"},
                "english_stop": {"type": "stop", "stopwords": "_english_"},
                "english_stemmer": {"type": "stemmer", "language": "english"},
            },
            "analyzer": {
                "bulgarian_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "bulgarian_stop", "bulgarian_stemmer"],
                },
                "romanian_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "char_filter": ["romanian_comma_below"],
                    "filter": [
                        "lowercase",
                        "asciifolding",
                        "romanian_folded_stop",
                        "romanian_stemmer",
                    ],
                },
                "english_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "english_possessive",
                        "lowercase",
                        "asciifolding",
                        "english_stop",
                        "english_stemmer",
                    ],
                },
            },
        }
    }
}

ENGINES = {
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
}


def backend_settings(url, engine="opensearch3", prefix="social_cohesion_"):
    """WAGTAILSEARCH_BACKENDS["default"] for a cluster at ``url``."""
    if engine not in ENGINES:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {engine!r}.")
    return {
        "BACKEND": ENGINES[engine],
        "URLS": [url],
        "INDEX_PREFIX": prefix,
        "TIMEOUT": 5,
        "INDEX_SETTINGS": INDEX_SETTINGS,
    }
