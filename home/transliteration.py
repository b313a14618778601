"""Latin spellings of the site's languages: page addresses (slugs) and the search keys.

Bulgarian follows the official transliteration (Закон за транслитерацията, 2009): щ is
"sht", ъ "a", ь "y", ю "yu", я "ya", ц "ts", ж "zh", й "y", х "h"; "ия" at the end of a
word is "ia" (София → Sofia), and the country keeps its traditional name (България →
Bulgaria). Romanian, and any other Latin text, loses its diacritics (ș ş → s, ț ţ → t,
ă â → a, î → i).

``search.analysis`` writes its Bulgarian stems with ``bg_word_to_latin``; ``latin_slug``
makes page addresses (home.models.BasePage, home.admin_forms.BasePageForm), and
``SLUG_FORMATTERS`` makes the admin's live slug preview give the same result.
"""

import re
import unicodedata

from django.utils.text import slugify

# The table of the Act (art. 4). "ы" and "э" are not Bulgarian letters, but Russian words
# in Bulgarian text must still come out in Latin letters; "ѝ" (the pronoun) is an и.
BG_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
    "ы": "y", "э": "e", "ѝ": "i", "ѐ": "e",
}  # fmt: skip
BG_TO_LATIN = str.maketrans(BG_LETTERS)
# The Act keeps the traditional spelling of the country's name.
BG_NAMES = {"българия": "bulgaria"}
# Romanian letters with their Latin base letter (comma-below and cedilla forms alike).
RO_LETTERS = {"ă": "a", "â": "a", "î": "i", "ș": "s", "ş": "s", "ț": "t", "ţ": "t"}
# Latin letters that Unicode does not decompose into a base letter and an accent.
_LATIN_EXTRA = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
)
_CYRILLIC_WORD_RE = re.compile(r"[а-яѐ-џ]+")
_CYRILLIC_WORD_RE_ANY_CASE = re.compile(r"[а-яѐ-џА-ЯЀ-Џ]+")
SLUG_MAX_LENGTH = 255


def bg_word_to_latin(word: str) -> str:
    """One lowercase Bulgarian word in Latin letters, "ия" at its end as "ia"."""
    if word.endswith("ия"):
        return word[:-2].translate(BG_TO_LATIN) + "ia"
    return word.translate(BG_TO_LATIN)


def bg_to_latin(text: str) -> str:
    """Bulgarian text in lowercase Latin letters by the official transliteration.

    Other characters are kept: "Кръгла маса в Русе" → "kragla masa v ruse".
    """
    return _CYRILLIC_WORD_RE.sub(
        lambda match: BG_NAMES.get(match.group()) or bg_word_to_latin(match.group()),
        unicodedata.normalize("NFC", text).lower(),
    )


def bg_to_latin_text(text: str) -> str:
    """Bulgarian text in Latin letters for reading, keeping capitals: "бул. „България“
    № 4, Разград" → "bul. „Bulgaria“ № 4, Razgrad" (addresses on the ro and en pages)."""

    def word(match):
        original = match.group()
        lower = original.lower()
        latin = BG_NAMES.get(lower) or bg_word_to_latin(lower)
        if len(original) > 1 and original.isupper():
            return latin.upper()
        return latin[:1].upper() + latin[1:] if original[0].isupper() else latin

    return _CYRILLIC_WORD_RE_ANY_CASE.sub(word, unicodedata.normalize("NFC", text))


def latin_slug(text: str) -> str:
    """A readable ASCII page address from a title or a slug, in any of the site's languages.

    Cyrillic is read as Bulgarian (the site's only Cyrillic language) and transliterated
    officially; Latin letters lose their diacritics. "" when nothing readable is left.
    """
    latin = bg_to_latin(text).translate(_LATIN_EXTRA)
    slug = slugify(latin, allow_unicode=False)[:SLUG_MAX_LENGTH]
    return slug.rstrip("-")


def _formatter(pattern: str, replacement: str) -> tuple[re.Pattern, str]:
    return (re.compile(pattern, re.IGNORECASE), replacement)


_NOT_LETTER = r"(?![0-9a-zа-яѐ-џ])"
# Regex replacements the admin's slug field (Wagtail's w-slug controller) runs on the title
# before it makes the slug, in order: the same result as latin_slug, without a round trip.
SLUG_FORMATTERS = [
    *(
        _formatter(rf"(?<![0-9a-zа-яѐ-џ]){name}{_NOT_LETTER}", latin)
        for name, latin in BG_NAMES.items()
    ),
    _formatter(rf"ия{_NOT_LETTER}", "ia"),
    *(_formatter(letter, latin) for letter, latin in BG_LETTERS.items()),
    *(_formatter(letter, latin) for letter, latin in RO_LETTERS.items()),
]
