from django import template

register = template.Library()


@register.simple_tag
def citations(page, article=None):
    """The act's (or one article's) reference in national style and in English."""
    if not hasattr(page, "national_citation"):
        return None
    return {
        "national": page.national_citation(article),
        "english": page.english_citation(article),
        "language": page.original_language,
    }


@register.simple_tag(takes_context=True)
def facet_url(context, **changes):
    """The current listing URL with some filters changed (None removes one), page reset."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    for name, value in changes.items():
        if value in (None, ""):
            query.pop(name, None)
        else:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def pair_with(left, right):
    return [left, right]
