"""Highlighted excerpts: the passage of a result with the most query words, marked."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.analysis import term, tokenize

WINDOW = 36  # words in an excerpt
LEAD = 8  # words kept before the first match


def _hits(spans, terms, language):
    wanted = set(terms)
    return [i for i, (word, _start, _end) in enumerate(spans) if term(word, language) in wanted]


def _marked(text, spans, hits, start, end):
    parts, position = [], start
    for i in hits:
        _word, word_start, word_end = spans[i]
        if word_start < start or word_end > end:
            continue
        parts.append(escape(text[position:word_start]))
        parts.append(f"<mark>{escape(text[word_start:word_end])}</mark>")
        position = word_end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def highlight(text, terms, language):
    """The whole (short) text with the query's words marked."""
    spans = tokenize(text)
    return mark_safe(_marked(text, spans, _hits(spans, terms, language), 0, len(text)))  # noqa: S308


def excerpt(text, terms, language):
    """About WINDOW words around the densest run of matches, or "" when none match."""
    spans = tokenize(text)
    hits = _hits(spans, terms, language)
    if not hits:
        return ""
    best = max(hits, key=lambda first: sum(1 for i in hits if first <= i < first + WINDOW - LEAD))
    first = max(0, best - LEAD)
    last = min(len(spans), first + WINDOW) - 1
    start, end = spans[first][1], spans[last][2]
    html = _marked(text, spans, hits, start, end)
    before = "… " if first > 0 else ""
    after = " …" if last < len(spans) - 1 else ""
    return mark_safe(f"{before}{html}{after}")  # noqa: S308
