"""Language-aware text analysis for the site search.

Page text is turned into index terms, and a visitor's query into query terms, by the same
pipeline, so the two always agree:

1. ``tokenize`` finds the words (runs of Unicode letters and digits) with their spans, which
   the results page uses for highlighting;
2. each word is lowercased and folded to the characters ``[0-9a-zа-я]``;
3. stop words are dropped;
4. the word is stemmed:

   - **bg**: a word in Latin letters is first converted to Cyrillic by reversing the official
     transliteration (Закон за транслитерацията, 2009); every word is stemmed with BulStem,
     a vowel left at the end of the stem is dropped, and the stem is written back in Latin
     letters with the official transliteration (home.transliteration, which also makes the
     page addresses). So "услугите", "услуги" and "uslugi" share one key, and ъ/а spelled
     "a" do not matter.
   - **ro**: cedilla ş ţ become comma-below ș ț, every diacritic is folded to ASCII, then the
     Snowball Romanian stemmer runs: "asistență", "asistenţă" and "asistenta" agree. Small
     fixes around it win back what folding and Snowball miss (-ție nouns, final -u, -uri).
   - **en**: diacritics are folded, then the Snowball English stemmer runs.
   - any other language code: lowercase and fold only, no stop words.

   A few irregular forms of core words (деца, хора, copii, tineri, children) are replaced
   by their lemma before stemming.

Terms contain only ``[0-9a-zа-я]``, so they can go into an FTS5 MATCH or a PostgreSQL tsquery
(FTS5 operators are upper case, so no term is one). No function here raises on any ``str``.
"""

import functools
import re
import threading
import unicodedata
from collections.abc import Callable, Iterator

import snowballstemmer
from bulstem.stem import BulStemmer

from home.transliteration import bg_word_to_latin

MAX_QUERY_TERMS = 12
MAX_WORD_LENGTH = 40

# BulStem rules with one letter of context, ignoring rules seen fewer than 3 times: measured
# on the 127 inflection pairs of tests/search/corpus.py, recall is 0.93 (frequency 4 ties,
# 2 and 5 give 0.92, 1 gives 0.89); the best of context 2 is 0.83 and of context 3 0.74.
BULSTEM_RULES = "stem-context-1"
BULSTEM_MIN_FREQUENCY = 3
_BG_VOWELS = frozenset("аъоуеиюя")

# Irregular forms of the site's core words, which no suffix stemmer joins to their lemma
# (suppletion, stem changes). Keys are folded words, values the word stemmed in their place.
_BG_IRREGULAR = {"деца": "дете", "децата": "дете", "хора": "човек", "хората": "човек"}
_RO_IRREGULAR = {
    "copii": "copil", "copiii": "copil", "copiilor": "copil",
    "tineri": "tanar", "tinerii": "tanar", "tinerilor": "tanar",
    "tinere": "tanara", "tinerele": "tanara", "tinerelor": "tanara",
}  # fmt: skip
_EN_IRREGULAR = {"children": "child", "people": "person"}

# Folding turns the -ție nouns (protecție, organizațiile) into -tie, which Snowball does not
# know; "ți" before these endings is always ț in Romanian, so it is put back for the stemmer.
_RO_TIE_RE = re.compile(r"ti(e|a|ei|ile|ilor)$")
_RO_VOWELS = frozenset("aeiou")

# Letters and digits, plus the combining accents of text typed in decomposed form (NFD):
# without them "ț" written as t + U+0326 would split a Romanian word in two.
_WORD_RE = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")
_CLEAN_RE = re.compile(r"[0-9a-zа-я]+")
_CLEAN_CHARACTERS = frozenset(
    "0123456789abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщъыьэюя"
)
_CYRILLIC = frozenset("абвгдежзийклмнопрстуфхцчшщъыьэюя")

_RO_CEDILLA_TO_COMMA = str.maketrans("şţŞŢ", "șțȘȚ")

_LATIN_TO_BG = {
    "sht": "щ", "zh": "ж", "ts": "ц", "ch": "ч", "sh": "ш", "yu": "ю", "ya": "я", "ia": "ия",
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
    "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "я", "r": "р",
    "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "й", "z": "з",
}  # fmt: skip
# Longest match first; "ia" is "ия" only at the end of a word (България → Bulgaria).
_LATIN_RE = re.compile(r"sht|zh|ts|ch|sh|yu|ya|ia$|[a-z]")
# The law keeps the traditional spelling of the country's name: България → Bulgaria.
_BG_LATIN_EXCEPTIONS = {"bulgar": "българ"}


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


BG_STOP_WORDS = _word_set(
    """
    а аз ако ами бе без беше би бил била били било бъде бъдат в вас вече ви вие във все
    всеки всички всяка всяко все го да дали до докато друг друга други е един една едни
    едно за защо и из или им има й как каква какво както какъв като кога когато кое кои
    кой коя който която което които към къде ли между ме ми много му на над най нас не
    него нея ни нито но някои някой нещо ние няма о обаче около от още по под поради пред
    през при с са само се си сме сте след със също та така там те тези ти то това този
    той тук тя тях у че чрез ще я
    """
)
RO_STOP_WORDS = _word_set(
    """
    a acea aceasta aceea acei aceia acel acela acele acelea acest acesta aceste acestea
    acestei acestia acestor acestui ai al ale alt alta alte altor am ar are as asa au avea ca
    cand care cat ce cea cei cel cele celor ci cine cu cum da daca de deci decat deja desi
    despre din dintr dintre doar dupa e ea ei el ele este eu fara fi fie fiecare fost iar ii
    il in inca insa intr intre isi la le li lor lui ma mai mult multe ne ni nici noi nu o
    ori pe pana pentru prin sa sau se si sub sunt suntem sunteti te tot toate toti tu un una
    unde unei unor unui va voi vor
    """
)
EN_STOP_WORDS = _word_set(
    """
    a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself
    """
)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """The words of a text as (word, start, end), with text[start:end] == word.

    Words longer than MAX_WORD_LENGTH characters (hashes, URLs run together) are skipped.
    """
    return list(iter_words(text))


def iter_words(text: str) -> Iterator[tuple[str, int, int]]:
    """tokenize(), one word at a time: for readers that stop early."""
    for match in _WORD_RE.finditer(text):
        start, end = match.span()
        if end - start <= MAX_WORD_LENGTH:
            yield match.group(), start, end


@functools.lru_cache(maxsize=200_000)
def term(word: str, language: str) -> str | None:
    """The index term of one word in a language, or None for a stop word or an empty word."""
    # Such words never come out of tokenize(); refusing them also keeps huge keys out of the cache.
    if len(word) > MAX_WORD_LENGTH:
        return None
    result = _PIPELINES.get(language, _neutral_term)(word)
    if result and not _CLEAN_RE.fullmatch(result):
        result = "".join(char for char in result if char in _CLEAN_CHARACTERS)
    return result or None


def analyze(text: str, language: str) -> list[str]:
    """The index terms of a text, in order, without stop words."""
    return [found for word, _, _ in tokenize(text) if (found := term(word, language))]


def analyze_query(text: str, language: str) -> list[str]:
    """The terms of a visitor's query: as analyze(), without repeats, at most MAX_QUERY_TERMS."""
    return list(dict.fromkeys(analyze(text, language)))[:MAX_QUERY_TERMS]


def _fold(word: str) -> str:
    """Lowercase, strip diacritics from non-Cyrillic letters, keep only [0-9a-zа-я]."""
    word = word.casefold()
    if _CLEAN_RE.fullmatch(word):
        return word
    kept = []
    for char in word:
        # Cyrillic letters are kept whole: NFKD would turn й into и.
        if char in _CLEAN_CHARACTERS:
            kept.append(char)
        else:
            decomposed = unicodedata.normalize("NFKD", char).lower()
            kept.extend(part for part in decomposed if part in _CLEAN_CHARACTERS)
    return "".join(kept)


def _neutral_term(word: str) -> str:
    return _fold(word)


def _bg_term(word: str) -> str | None:
    cyrillic = _to_cyrillic(_fold(word))
    if not cyrillic or cyrillic in BG_STOP_WORDS:
        return None
    cyrillic = _BG_IRREGULAR.get(cyrillic, cyrillic)
    return bg_word_to_latin(_drop_final_vowel(_bulstem().stem(cyrillic)))


def _ro_term(word: str) -> str | None:
    folded = _fold(word.translate(_RO_CEDILLA_TO_COMMA))
    if not folded or folded in RO_STOP_WORDS:
        return None
    folded = _RO_IRREGULAR.get(folded, folded)
    stem = _fold(_snowball("romanian")(_RO_TIE_RE.sub(r"ți\1", folded)))
    return _ro_light_endings(stem)


def _en_term(word: str) -> str | None:
    folded = _fold(word)
    if not folded or folded in EN_STOP_WORDS:
        return None
    return _snowball("english")(_EN_IRREGULAR.get(folded, folded))


_PIPELINES: dict[str, Callable[[str], str | None]] = {
    "bg": _bg_term,
    "ro": _ro_term,
    "en": _en_term,
}


def _drop_final_vowel(stem: str) -> str:
    """Drop a vowel left at the end of a BulStem stem (грижа, лице, жена: no rule matched).

    Bulgarian noun and adjective endings are vowels, so this is the last step of Savoy's light
    Bulgarian stemmer too; it makes "лице"/"лицата" and "жена"/"жените" agree.
    """
    if len(stem) > 3 and stem[-1] in _BG_VOWELS:
        return stem[:-1]
    return stem


def _ro_light_endings(stem: str) -> str:
    """Remove what Snowball leaves of Romanian noun endings on folded words.

    It keeps a final -u (serviciu, centru) and the e of folded -ței/-rei (asistentei), so the
    final vowels go; and it keeps the neuter plural -ur- (drepturile, veniturile), which goes
    when a stem of at least five letters remains.
    """
    while len(stem) > 3 and stem[-1] in _RO_VOWELS:
        stem = stem[:-1]
    if len(stem) >= 7 and stem.endswith("ur") and stem[-3] not in _RO_VOWELS:
        stem = stem[:-2]
    return stem


def _to_cyrillic(word: str) -> str:
    """Reverse the official Bulgarian transliteration (greedy, longest match first)."""
    if _CYRILLIC.issuperset(word) or not _LATIN_RE.search(word):
        return word
    for latin, cyrillic in _BG_LATIN_EXCEPTIONS.items():
        if word.startswith(latin):
            return cyrillic + _to_cyrillic(word[len(latin) :])
    return _LATIN_RE.sub(lambda match: _LATIN_TO_BG[match.group()], word)


@functools.cache
def _bulstem() -> BulStemmer:
    return BulStemmer.from_file(BULSTEM_RULES, min_freq=BULSTEM_MIN_FREQUENCY)


@functools.cache
def _snowball(language: str) -> Callable[[str], str]:
    """A thread-safe stem function: a Snowball stemmer keeps its working state on itself."""
    stemmer = snowballstemmer.stemmer(language)
    lock = threading.Lock()

    def stem(word: str) -> str:
        with lock:
            return stemmer.stemWord(word)

    return stem


def cyrillic_spelling(text: str) -> str:
    """A Latin-letter Bulgarian query written back in Cyrillic ("sotsialni" → "социални").

    Used where an external engine analyses Bulgarian itself and cannot read transliteration.
    """
    return " ".join(_to_cyrillic(_fold(word)) for word, _start, _end in tokenize(text))
