"""What a user reads: a message of the code in the language of the page, as the site's
translations (locale/) render it, so tests of a Bulgarian page can check an English msgid."""

from django.utils import translation
from django.utils.html import escape


def translated(message, language="bg"):
    """``message`` as it appears (HTML-escaped) on a page in ``language``."""
    with translation.override(language):
        return escape(translation.gettext(message))
