"""Two years of visits for the demo site's pages, as the counter would have recorded them.

The history ends yesterday: today's numbers are the counter's own, from the real visits
(rows written for today would be added to by the counter and shown in the footer as
visits that never happened).

Deterministic: each day's numbers come from a generator seeded with that day, so the same
pages built on the same date get the same history. Building again keeps the rows already
there: nothing is ever counted twice. Weekdays are busier than weekends, summer and the winter
holidays quieter, a news item draws a peak on the days after it appears, and most
readers are Bulgarian, then Romanian, then English.
"""

import datetime
import math
import random
import zlib

from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page, Site

from home.visits.counter import page_of
from home.visits.models import DailyVisits, DayTotal

DAYS = 2 * 365
DAILY_VISITS = 260  # an ordinary weekday, every language together, at the start
GROWTH = 0.35  # readers gained over the two years
LANGUAGE_SHARE = {"bg": 0.58, "ro": 0.3, "en": 0.12}
WEEKDAY = (1.0, 1.05, 1.05, 1.0, 0.9, 0.55, 0.5)
MONTH = (0.85, 1.0, 1.1, 1.1, 1.05, 0.95, 0.75, 0.6, 1.0, 1.15, 1.15, 0.8)
SECTION_WEIGHT = {
    "home": 30.0,
    "providers": 12.0,
    "news": 8.0,
    "library": 7.0,
    "publications": 5.0,
    "community": 4.0,
    "search": 3.0,
    "other": 2.0,
}
PEAK_DAYS = 4  # a news item is read mostly in its first days


def demo_pages():
    """``{language: [(path, section, weight)]}`` for the live pages of each language tree."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {}
    homes = {
        home.locale.language_code: home
        for home in site.root_page.get_translations(inclusive=True).select_related("locale")
    }
    pages = {language: [] for language in homes}
    live = Page.objects.live().filter(depth__gt=site.root_page.depth).order_by("path")
    for page in live.only("url_path", "depth", "locale").select_related("locale"):
        language = page.locale.language_code
        home = homes.get(language)
        if home is None or not page.url_path.startswith(home.url_path):
            continue
        found = page_of(f"/{language}/{page.url_path[len(home.url_path) :]}")
        if found is None:
            continue
        _language, section, path = found
        top_level = page.depth == site.root_page.depth + 1
        # Each item page its own appeal, the same on every build: a few are read much
        # more than the rest (a long tail).
        appeal = 0.15 + ((zlib.crc32(path.encode()) % 100) / 100) ** 3 * 4
        pages[language].append((path, section, SECTION_WEIGHT[section] if top_level else appeal))
    for language in pages:
        pages[language].append((f"/{language}/", "home", SECTION_WEIGHT["home"]))
        pages[language].append((f"/{language}/search/", "search", SECTION_WEIGHT["search"]))
    return pages


def news_peaks(day, language, entries):
    """``{path: share of the day's visits}`` for news items that appeared in the last days:
    on some days an item appears, and is read widely that day and less on the next ones."""
    news = [path for path, section, _weight in entries if section == "news" and path.count("/") > 3]
    peaks = {}
    for days_ago in range(PEAK_DAYS):
        rng = random.Random(f"{language}:{(day.toordinal() - days_ago)}")  # noqa: S311
        if news and rng.random() < 0.06:
            path = rng.choice(news)
            peaks[path] = peaks.get(path, 0) + rng.uniform(0.3, 0.8) / (days_ago + 1) ** 2
    return peaks


def day_rows(day, pages, first_day):
    rng = random.Random(day.toordinal())  # noqa: S311 (demo numbers, not secrets)
    trend = 1 + GROWTH * (day - first_day).days / DAYS
    season = WEEKDAY[day.weekday()] * MONTH[day.month - 1]
    rows = []
    for language, entries in pages.items():
        if not entries:
            continue
        visits = DAILY_VISITS * trend * season * LANGUAGE_SHARE.get(language, 0.1)
        visits *= rng.uniform(0.85, 1.15)
        peaks = news_peaks(day, language, entries)
        total_weight = sum(weight for _path, _section, weight in entries)
        for path, section, weight in entries:
            expected = visits * weight / total_weight
            expected += visits * peaks.get(path, 0)
            count = math.floor(expected + rng.random())
            if count > 0:
                rows.append((day, language, section, path, count))
    return rows


def insert(rows):
    """Tens of thousands of rows in one statement run many times (bulk_create builds a
    model instance for each, several seconds); a count already there is kept."""
    table = connection.ops.quote_name(DailyVisits._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (day, language, section, path, count) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (day, language, path) DO NOTHING",
            rows,
        )


def build(log):
    pages = demo_pages()
    last_day = timezone.localdate() - datetime.timedelta(days=1)
    first_day = last_day - datetime.timedelta(days=DAYS - 1)
    rows = []
    for offset in range(DAYS):
        day = first_day + datetime.timedelta(days=offset)
        rows.extend(day_rows(day, pages, first_day))
    before = DailyVisits.objects.filter(day__gte=first_day).count()
    insert(rows)
    DayTotal.rebuild(since=first_day)
    added = DailyVisits.objects.filter(day__gte=first_day).count() - before
    log(f"visits: {added} page-days added over {DAYS} days ({len(rows)} in the history)")
