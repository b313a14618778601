"""Which visits count, under which section, and counting one in a single statement.

A visit is named by the page's path, which must be one of this site's public addresses:
``/<language>/`` followed by the slug of a live top-level page (or a route of the site's
own, such as search), then at most a few more segments. Anything else is junk and leaves
no row behind.
"""

import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from wagtail.models import Page, Site

from home import contributions
from home.caching import current_version
from home.visits.models import DailyVisits, DayTotal

logger = logging.getLogger(__name__)

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
MAX_PATH_LENGTH = 300  # DailyVisits.path
MAX_SEGMENTS = 8
SEGMENT = re.compile(r"[A-Za-z0-9._~%-]{1,120}\Z")
# Seen again from the same client within this time, a page is the same visit.
REPEAT_WINDOW_SECONDS = 10 * 60

# First segments that are the site's own routes rather than pages (cms/urls.py).
ROUTES = {"search": "search", "account": "community"}
SECTION_MAP_SECONDS = 60 * 60


def section_map():
    """``{language: {slug: section}}`` for the top-level pages; kept in the cache until
    the next publication (home.caching) or for an hour."""
    key = f"visits:sections:{current_version()}"
    sections = cache.get(key)
    if sections is None:
        sections = {language: dict(ROUTES) for language in LANGUAGES}
        by_type = contributions.sections()
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None:
            pages = (
                Page.objects.live()
                .filter(depth=site.root_page.depth + 1)
                .values_list(
                    "slug", "locale__language_code", "content_type__app_label",
                    "content_type__model",
                )
            )  # fmt: skip
            for slug, language, app_label, model in pages:
                if language in sections:
                    # The section a top-level page stands for, by its type.
                    section = by_type.get(f"{app_label}.{model}")
                    sections[language][slug] = section.name if section else "other"
        cache.set(key, sections, SECTION_MAP_SECONDS)
    return sections


def page_of(path, language=None):
    """``(language, section, path)`` for a path of this site, or None for junk.

    ``language``, when given, must be the path's own.
    """
    if not isinstance(path, str) or not path or len(path) > MAX_PATH_LENGTH:
        return None
    segments = path.split("/")
    # "/bg/novini/" splits into "", "bg", "novini", "": no empty segment in between.
    if segments[0] != "" or len(segments) < 3 or len(segments) > MAX_SEGMENTS + 3:
        return None
    path_language, inner = segments[1], segments[2:]
    if inner[-1] == "":
        inner = inner[:-1]
    if path_language not in LANGUAGES or (language and language != path_language):
        return None
    if not all(SEGMENT.match(segment) for segment in inner):
        return None
    if not inner:
        return path_language, "home", f"/{path_language}/"
    section = section_map()[path_language].get(inner[0])
    if section is None:
        return None
    return path_language, section, path


def record(language, section, path, day=None):
    """Add one visit to the page's count and the day's: an upsert each, the same statements
    on SQLite and PostgreSQL, in one transaction."""
    table = connection.ops.quote_name(DailyVisits._meta.db_table)
    totals = connection.ops.quote_name(DayTotal._meta.db_table)
    day = day or timezone.localdate()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (day, language, section, path, count) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, 1) ON CONFLICT (day, language, path) "
                "DO UPDATE SET count = " + table + ".count + 1",
                [day, language, section, path],
            )
            cursor.execute(
                f"INSERT INTO {totals} (day, count) VALUES (%s, 1) "  # noqa: S608
                "ON CONFLICT (day) DO UPDATE SET count = " + totals + ".count + 1",
                [day],
            )
    except DatabaseError:
        # A visit lost (a locked or unreachable database) is not worth an error page.
        logger.warning("A visit could not be counted", exc_info=True)
        return False
    return True
