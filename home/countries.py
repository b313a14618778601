"""The network's two countries: one definition for every app (partners, providers,
members and their resources, good practices)."""

from django.utils.translation import gettext_lazy as _

COUNTRIES = [("BG", _("Bulgaria")), ("RO", _("Romania"))]
# The language each country's own texts (its laws, its providers' names) are written in.
ORIGINAL_LANGUAGES = {"BG": "bg", "RO": "ro"}
