from django import template

register = template.Library()


@register.simple_tag
def citations(page, article=None):
    """The act's (or one article's) reference in national style and in English."""
    if not hasattr(page, "national_citation"):
        return None
    return {
        "national": page.national_citation(article),
        "english": page.english_citation(article, markup=True),
        "language": page.original_language,
    }


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def pair_with(left, right):
    return [left, right]
