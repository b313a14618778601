"""Members' plain text as HTML: escaped, paragraphs and line breaks kept, web links live.

Posts are never HTML. Only ``http://`` and ``https://`` addresses become links (so no
``javascript:`` or ``data:`` link can be made), and every character of the text, the
addresses included, is escaped before it reaches the page.
"""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# An address runs to the first space or character that cannot be part of one in running
# text; punctuation that ends a sentence is trimmed afterwards (trim_url).
URL = re.compile(r"\bhttps?://[^\s<>\"'`\x00-\x1f\x7f]+", re.IGNORECASE)
TRAILING = ".,;:!?…»\u201d\u2019"
PAIRS = {")": "(", "]": "["}
LINK_REL = "nofollow ugc noopener"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def trim_url(url):
    """The address without the punctuation after it: "(see https://x.org/a)." → x.org/a."""
    while url:
        last = url[-1]
        unbalanced = last in PAIRS and url.count(last) > url.count(PAIRS[last])
        if last not in TRAILING and not unbalanced:
            break
        url = url[:-1]
    return url


def linkify(line):
    """One line of text, escaped, with its web addresses as links."""
    parts, position = [], 0
    for match in URL.finditer(line):
        url = trim_url(match.group())
        if len(url) <= len("https://"):
            continue
        parts.append(escape(line[position : match.start()]))
        parts.append(format_html('<a href="{}" rel="{}">{}</a>', url, LINK_REL, url))
        position = match.start() + len(url)
    parts.append(escape(line[position:]))
    return "".join(parts)


@register.filter(is_safe=True)
def plain_text(value):
    """``{{ post.body|plain_text }}``: paragraphs (blank lines), line breaks, links."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    paragraphs = (part.strip("\n") for part in re.split(r"\n\s*\n", text))
    return mark_safe(  # noqa: S308 (every piece of the text went through escape/format_html)
        "\n".join(
            "<p>{}</p>".format("<br>".join(linkify(line) for line in paragraph.split("\n")))
            for paragraph in paragraphs
            if paragraph.strip()
        )
    )


@register.filter
def person_name(name):
    """A member's name; one written in Cyrillic is marked as Bulgarian on the other
    languages' pages, so that screen readers say it right."""
    name = str(name or "")
    if CYRILLIC.search(name) and (get_language() or "").split("-")[0] != "bg":
        return format_html('<span lang="bg">{}</span>', name)
    return escape(name)


@register.filter
def in_language(text, code):
    """``{{ thread.title|in_language:thread.language }}``: marked with its language when
    that is not the page's, for text set inside a translated sentence."""
    if code and code != (get_language() or "").split("-")[0]:
        return format_html('<span lang="{}">{}</span>', code, text)
    return escape(text)
