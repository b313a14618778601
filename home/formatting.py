"""Dates and amounts of money as each of the site's languages writes them.

The patterns come from the format modules (cms/formats, ``FORMAT_MODULE_PATH``). Month
names come from here because Django's Bulgarian and Romanian locale data capitalise them
(its "F" and "E" alike), while both languages write them in lower case inside a date:
"26 април 2017 г.", "26 aprilie 2017" (CLDR, format and stand-alone forms alike).
"""

from django.utils import dateformat, formats
from django.utils.translation import get_language, get_language_info, gettext_lazy

# CLDR month names, wide. English keeps Django's.
MONTHS = {
    "bg": (
        "януари",
        "февруари",
        "март",
        "април",
        "май",
        "юни",
        "юли",
        "август",
        "септември",
        "октомври",
        "ноември",
        "декември",
    ),
    "ro": (
        "ianuarie",
        "februarie",
        "martie",
        "aprilie",
        "mai",
        "iunie",
        "iulie",
        "august",
        "septembrie",
        "octombrie",
        "noiembrie",
        "decembrie",
    ),
}

# How an amount is written with its currency (CLDR display names and patterns, as the
# site's own texts write them): "353 286,71 евро", "353 286,71 euro", "EUR 353,286.71".
CURRENCIES = {
    "bg": ("{amount}\xa0{unit}", {"EUR": "евро", "BGN": "лв.", "RON": "леи"}),
    "ro": ("{amount}\xa0{unit}", {"EUR": "euro", "BGN": "leva", "RON": "lei"}),
    "en": ("{unit}\xa0{amount}", {}),
}


def _language():
    return (get_language() or "").split("-")[0]


class LocalDateFormat(dateformat.DateFormat):
    def F(self):  # noqa: N802 (Django's format character)
        months = MONTHS.get(_language())
        return months[self.data.month - 1] if months else super().F()

    E = F


def format_date(value, format_name="DATE_FORMAT"):
    """``value`` in the active language's ``format_name`` (a format setting's name, such
    as ``DATETIME_FORMAT``, or a format string), with lower-case month names in bg and ro."""
    if value in (None, ""):
        return ""
    return LocalDateFormat(value).format(formats.get_format(format_name))


def format_money(amount, currency="EUR"):
    """e.g. "353 286,71 евро" in Bulgarian, "EUR 353,286.71" in English."""
    if amount in (None, ""):
        return ""
    pattern, units = CURRENCIES.get(_language(), CURRENCIES["en"])
    number = formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
    return pattern.format(amount=number, unit=units.get(currency, currency))


def language_name(code):
    """A language's name in the active language, as running text: Bulgarian and Romanian
    write language names in lower case ("български, английски"; "bulgară, engleză")."""
    try:
        name = str(get_language_info(code)["name_translated"])
    except KeyError:
        return code
    return name.lower() if _language() in ("bg", "ro") else name


# Units of file sizes, one script per language: Django's own catalogues give a Bulgarian
# "KБ" that starts with a Latin K and a Romanian "KO" (French kilooctet).
FILE_SIZE_UNITS = {
    "bg": ("Б", "КБ", "МБ", "ГБ"),
    "ro": ("B", "KB", "MB", "GB"),
    "en": ("B", "KB", "MB", "GB"),
}


def format_file_size(size):
    """e.g. "52,9 КБ", "52,9 KB", "52.9 KB" (powers of 1024, as operating systems show)."""
    units = FILE_SIZE_UNITS.get(_language(), FILE_SIZE_UNITS["en"])
    value, unit = float(size or 0), 0
    while value >= 1024 and unit < len(units) - 1:
        value, unit = value / 1024, unit + 1
    number = formats.number_format(value, 0 if unit == 0 else 1, use_l10n=True)
    return f"{number}\xa0{units[unit]}"


# The site's languages as running text after a comma: "PDF, 52,9 КБ, на английски".
IN_LANGUAGE = {
    "bg": gettext_lazy("in Bulgarian"),
    "ro": gettext_lazy("in Romanian"),
    "en": gettext_lazy("in English"),
}
