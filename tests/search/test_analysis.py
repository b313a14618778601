"""Unit tests of the search text analysis (no database)."""

import re

import pytest
from django.conf import settings as django_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis import (
    MAX_QUERY_TERMS,
    analyze,
    analyze_query,
    term,
    tokenize,
)
from tests.search.corpus import (
    BG_INFLECTION_PAIRS,
    BG_TRANSLITERATION_PAIRS,
    DOCUMENTS,
    EN_INFLECTION_PAIRS,
    OTHER_LANGUAGE_QUERIES,
    RO_DIACRITIC_TRIPLETS,
    RO_INFLECTION_PAIRS,
)

SAFE_TERM = re.compile(r"^[0-9a-zа-я]+$")
MIN_RECALL = 0.90
# A sentence ends before a capital letter, so "nr. 292/2011" does not end one.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯĂÂÎȘȚ„])")
NASTY_INPUTS = [
    "",
    "\x00\x1f",
    '"*OR NEAR(',
    "\udcff",
    "a" * 10_000,
    "'; DROP TABLE x; --",
    "AND OR NOT NEAR(a b, 3) ^col:x* -y {a b}:c",
    "e\u0301cole s\u0326i t\u0326ara",  # decomposed (NFD) accents
    "ℍ ﬁ ² Ⅻ Straße İstanbul ǅ Ѝ ё",  # compatibility and special-case characters
    "中文 العربية ٣ 😀",
    "Закон № 292/2011 г.\t\n\r\u200b\ufeff",
    "word " * 2_000,
]

# Every language of the site is analysed.
LANGUAGES = [code for code, _name in django_settings.LANGUAGES]


def _recall(pairs: list[tuple[str, str]], language: str) -> tuple[float, list[str]]:
    """Share of pairs whose query terms are all among the document terms, and the failures."""
    failures = [
        f"{query} -> {analyze_query(query, language)} / {document} -> {analyze(document, language)}"
        for query, document in pairs
        if not set(analyze_query(query, language)) <= set(analyze(document, language))
    ]
    return 1 - len(failures) / len(pairs), failures


def _words(text: str) -> list[str]:
    return [word.casefold() for word, _, _ in tokenize(text)]


def _documents_in(language: str) -> list[str]:
    return [f"{doc['title']}\n{doc['body']}" for doc in DOCUMENTS if doc["language"] == language]


def _occurs(phrase: str, language: str) -> bool:
    """Whether the phrase's words occur consecutively, as written, in a document of the language."""
    wanted = _words(phrase)
    for text in _documents_in(language):
        words = _words(text)
        if any(words[i : i + len(wanted)] == wanted for i in range(len(words))):
            return True
    return False


def _matches_some_document(query: str, language: str) -> bool:
    """Whether every query term is among the terms of one document (an AND search)."""
    terms = set(analyze_query(query, language))
    return bool(terms) and any(
        terms <= set(analyze(text, language)) for text in _documents_in(language)
    )


# Recall of inflected forms at analyzer level.


@pytest.mark.parametrize(
    ("pairs", "language"),
    [(BG_INFLECTION_PAIRS, "bg"), (RO_INFLECTION_PAIRS, "ro"), (EN_INFLECTION_PAIRS, "en")],
    ids=["bg", "ro", "en"],
)
def test_inflection_recall(pairs, language):
    recall, failures = _recall(pairs, language)
    assert recall >= MIN_RECALL, (
        f"{language} recall {recall:.3f} < {MIN_RECALL}; failing: {failures}"
    )


def test_bulgarian_forms_share_one_latin_key():
    keys = {term(word, "bg") for word in ("услугите", "услуги", "услуга", "uslugi", "USLUGITE")}
    assert keys == {"uslug"}


@pytest.mark.parametrize(("latin", "cyrillic"), BG_TRANSLITERATION_PAIRS)
def test_bulgarian_in_latin_letters_finds_cyrillic(latin, cyrillic):
    assert analyze_query(latin, "bg")
    assert set(analyze_query(latin, "bg")) <= set(analyze(cyrillic, "bg"))


@pytest.mark.parametrize("spellings", RO_DIACRITIC_TRIPLETS, ids=lambda triplet: triplet[0])
def test_romanian_diacritic_spellings_agree(spellings):
    comma_below, cedilla, ascii_only = (analyze_query(text, "ro") for text in spellings)
    assert comma_below
    assert comma_below == cedilla == ascii_only


def test_romanian_inflections_of_core_words_conflate():
    assert len({term(word, "ro") for word in ("serviciu", "servicii", "serviciile")}) == 1
    assert len({term(word, "ro") for word in ("copil", "copii", "copilului", "copiilor")}) == 1


# Stop words, digits, tokens.


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("и в на за от с по до се да е са или към при като че не", "bg", []),
        ("Закон за социалните услуги", "bg", ["zakon", "sotsial", "uslug"]),
        ("și în la de cu pe din pentru un o a al ale care", "ro", []),
        ("asistență și protecție", "ro", ["asistent", "protect"]),
        ("the and of to in for with a an is are", "en", []),
        ("the services of the network", "en", ["servic", "network"]),
    ],
)
def test_stop_words_are_dropped(text, language, expected):
    assert analyze(text, language) == expected


@pytest.mark.parametrize("language", [*LANGUAGES, "xx"])
def test_digits_are_kept(language):
    assert analyze("292/2011", language) == ["292", "2011"]


def test_unknown_language_only_lowercases_and_folds():
    assert analyze("Asistență SOCIALĂ Услугите", "xx") == ["asistenta", "sociala", "услугите"]


def test_query_terms_are_deduplicated_and_capped():
    assert analyze_query("услуга услуги услугите", "bg") == ["uslug"]
    words = " ".join(f"word{number}" for number in range(MAX_QUERY_TERMS + 5))
    assert analyze_query(words, "en") == [f"word{number}" for number in range(MAX_QUERY_TERMS)]


@pytest.mark.parametrize(
    "text",
    [
        "Социалните услуги в Русе",
        "Asistență socială în Călărași și Mehedinți",
        "Protecţia copilului, judeţul Teleorman",
        "decomposed: e\u0301cole, t\u0326ara",
        "Interreg VI-A Romania–Bulgaria, 2021–2027: a_b foo-bar",
    ],
)
def test_token_spans_point_into_the_text(text):
    tokens = tokenize(text)
    assert tokens
    for word, start, end in tokens:
        assert text[start:end] == word
        assert "_" not in word


def test_tokenize_skips_words_longer_than_40_characters():
    text = f"short {'x' * 41} {'y' * 40}"
    assert [word for word, _, _ in tokenize(text)] == ["short", "y" * 40]


# Robustness.


@pytest.mark.parametrize("language", [*LANGUAGES, "xx"])
@pytest.mark.parametrize("text", NASTY_INPUTS, ids=range(len(NASTY_INPUTS)))
def test_nasty_input_gives_safe_terms(text, language):
    _assert_safe(text, language)


@settings(max_examples=300, deadline=None)
@given(text=st.text(), language=st.sampled_from([*LANGUAGES, "xx"]))
def test_any_text_gives_safe_terms(text, language):
    _assert_safe(text, language)


def _assert_safe(text: str, language: str) -> None:
    terms = analyze(text, language)
    query = analyze_query(text, language)
    assert isinstance(terms, list)
    assert isinstance(query, list)
    assert all(isinstance(found, str) and SAFE_TERM.match(found) for found in terms + query)
    assert len(query) <= MAX_QUERY_TERMS
    assert len(query) == len(set(query))
    for word, start, end in tokenize(text):
        assert text[start:end] == word


# Corpus integrity.


def _forms_expected_in_documents() -> list[tuple[str, str]]:
    return [
        *(("bg", document) for _, document in BG_INFLECTION_PAIRS),
        *(("bg", cyrillic) for _, cyrillic in BG_TRANSLITERATION_PAIRS),
        *(("ro", triplet[0]) for triplet in RO_DIACRITIC_TRIPLETS),
        *(("ro", document) for _, document in RO_INFLECTION_PAIRS),
        *(("en", document) for _, document in EN_INFLECTION_PAIRS),
    ]


def test_corpus_sizes():
    assert len(BG_INFLECTION_PAIRS) >= 40
    assert len(RO_DIACRITIC_TRIPLETS) >= 12
    assert len(RO_INFLECTION_PAIRS) >= 15
    assert len(EN_INFLECTION_PAIRS) >= 15
    assert len(BG_TRANSLITERATION_PAIRS) >= 15
    for language in LANGUAGES:
        assert len(_documents_in(language)) >= 12
        assert OTHER_LANGUAGE_QUERIES[language]


def test_corpus_pairs_are_two_different_forms():
    for query, document in [*BG_INFLECTION_PAIRS, *RO_INFLECTION_PAIRS, *EN_INFLECTION_PAIRS]:
        assert query != document


def test_corpus_documents_are_well_formed():
    for doc in DOCUMENTS:
        assert set(doc) == {"language", "title", "body"}
        assert doc["language"] in LANGUAGES
        assert doc["title"].strip()
        sentences = SENTENCE_BREAK.split(doc["body"].strip())
        assert sentences[-1].endswith((".", "!", "?")), doc["title"]
        assert 2 <= len(sentences) <= 4, doc["title"]


def test_romanian_documents_use_comma_below():
    for text in _documents_in("ro"):
        assert not set("şţŞŢ") & set(text), text


def test_every_looked_up_form_occurs_in_a_document_of_its_language():
    missing = [
        (language, form)
        for language, form in _forms_expected_in_documents()
        if not _occurs(form, language)
    ]
    assert not missing


@pytest.mark.parametrize(
    ("language", "query"),
    [
        (language, query)
        for language, queries in OTHER_LANGUAGE_QUERIES.items()
        for query in queries
    ],
)
def test_other_language_queries_match_only_other_languages(language, query):
    others = [other for other in LANGUAGES if other != language]
    assert any(_occurs(query, other) for other in others)
    assert any(_matches_some_document(query, other) for other in others)
    assert not _matches_some_document(query, language)
