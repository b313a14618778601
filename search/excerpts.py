"""Highlighted excerpts: the passage of a result with the most query words, marked.

A document's text can run to 60,000 characters (a law), so the excerpt reads it only as far
as it needs: up to the first passage that holds every word of the query, and never much
further than SCAN_AFTER_HIT words past the first match.
"""

from bisect import bisect_left

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.analysis import iter_words, term, tokenize

WINDOW = 36  # words in an excerpt
LEAD = 8  # words kept before the first match
SCAN_AFTER_HIT = 5_000  # words read past the first match in search of a better passage


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
    """About WINDOW words around the passage with the most of the query's words (then the
    most matches, then the earliest), or "" when none match."""
    wanted = set(terms)
    reach = WINDOW - LEAD  # words from a passage's first match to its end
    words = iter_words(text)
    spans, hits, found = [], [], []  # every word read; the matches' positions and terms
    for span in words:
        spans.append(span)
        matched = term(span[0], language)
        if matched not in wanted:
            continue
        position = len(spans) - 1
        hits.append(position)
        found.append(matched)
        if len(set(found[bisect_left(hits, position - reach + 1) :])) == len(wanted):
            break  # a passage with every word of the query
        if position - hits[0] >= SCAN_AFTER_HIT:
            break
    if not hits:
        return ""

    def score(k):  # the passage whose first match is hits[k]
        inside = found[k : bisect_left(hits, hits[k] + reach)]
        return len(set(inside)), len(inside)

    best = hits[max(range(len(hits)), key=score)]
    first = max(0, best - LEAD)
    for span in words:  # the rest of the passage, and one word more: does the text go on?
        spans.append(span)
        if term(span[0], language) in wanted:
            hits.append(len(spans) - 1)
        if len(spans) > first + WINDOW:
            break
    last = min(len(spans), first + WINDOW) - 1
    start, end = spans[first][1], spans[last][2]
    html = _marked(text, spans, hits, start, end)
    before = "… " if first > 0 else ""
    after = " …" if last < len(spans) - 1 else ""
    return mark_safe(f"{before}{html}{after}")  # noqa: S308
