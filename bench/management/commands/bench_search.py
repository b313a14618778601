"""Benchmark of the site search: latency of the view, of the engine, and of a plain view.

Run by ``make bench`` (scripts/bench.sh) on PostgreSQL over the synthetic corpus of
``synthetic_pages``; it works on any database the settings point at. Four things are timed
with ``time.perf_counter()``, in rounds that alternate them so that they share the
machine's state:

- **search view, new query**: ``/<lang>/search/?q=…`` through ``django.test.Client`` and
  the whole middleware stack, each request a query the page cache has not seen (a serial
  number in the address), the rest of the shared cache as a running site keeps it (the
  page chrome, cached per language until the next change): what a visitor's search costs;
- **search view, cold**: the same with every cache cleared before each request, so the
  chrome is computed again too: the first search after an editor publishes;
- **search engine**: ``Search(locale, q)`` alone, ``counts()`` and one page of ten
  ``results()`` evaluated, which is the part that grows with the corpus;
- **plain view**: a view that renders the site's ``base.html`` and nothing else, through
  the same client with the same cache clearing, as the baseline for the cold search view.

The figures go to stdout (and ``--json PATH``) with PASS/FAIL lines for the quality bars:
search view (new query) and search view (cold) p95 ≤ 35 ms each, and cold search
view p50 ≤ 5 × plain view p50. A missed target is
reported, not an error: the command fails only when a request does not answer 200.
The requests run with DEBUG off (as in production: no SQL logging, no WhiteNoise
autorefresh) unless ``--debug`` is given. ``--vacuum`` (passed by scripts/bench.sh) runs
VACUUM ANALYZE first: without planner statistics, and with the freshly rebuilt rows still in
the GIN index's pending list, PostgreSQL does not use the full-text index the way it does
on a server whose autovacuum keeps up.
"""

import itertools
import json
import statistics
import sys
import time
import types
import warnings
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import django
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.shortcuts import render
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import path
from wagtail.models import Locale, Site

from search.engine import Search
from search.models import SearchDocument
from search.views import RESULTS_PER_PAGE

P95_LIMIT_MS = 35.0  # a new query
COLD_P95_LIMIT_MS = 35.0  # every cache empty (issue 17: the first bar, 50 ms, with margin)
RATIO_LIMIT = 5.0
SLOWEST = 5  # queries listed by their p95
SEARCH_VIEW = "search view (new query)"
COLD_VIEW = "search view (cold)"
ENGINE = "search engine"
PLAIN_VIEW = "plain view (cold)"


@dataclass(frozen=True)
class Query:
    """One benchmark query: what a visitor of ``language`` types, and its kind of test."""

    group: str
    language: str
    text: str
    kind: str = ""
    page: int = 1

    def label(self):
        """The query as a reader sees it: language, words, type and page when set."""
        extras = [f"type={self.kind}"] if self.kind else []
        if self.page != 1:
            extras.append(f"page={self.page}")
        return " ".join([self.language, f"“{self.text}”", *extras])

    def url(self):
        params = {"q": self.text}
        if self.kind:
            params["type"] = self.kind
        if self.page != 1:
            params["page"] = self.page
        return f"/{self.language}/search/?{urlencode(params)}"


QUERIES = (
    # Bulgarian, Cyrillic, with inflected forms of the corpus's words.
    Query("bg cyrillic", "bg", "социални услуги"),
    Query("bg cyrillic", "bg", "социалната услуга"),
    Query("bg cyrillic", "bg", "услугите"),
    Query("bg cyrillic", "bg", "децата"),
    Query("bg cyrillic", "bg", "дете"),
    Query("bg cyrillic", "bg", "хората с увреждания"),
    Query("bg cyrillic", "bg", "грижата в домашна среда"),
    Query("bg cyrillic", "bg", "община Видин"),
    Query("bg cyrillic", "bg", "дневните центрове"),
    Query("bg cyrillic", "bg", "приемни семейства"),
    # Bulgarian typed in Latin letters.
    Query("bg latin", "bg", "socialni uslugi"),
    Query("bg latin", "bg", "detsa"),
    Query("bg latin", "bg", "hora s uvrezhdania"),
    Query("bg latin", "bg", "obshtina Vidin"),
    Query("bg latin", "bg", "grizha v domashna sreda"),
    # Romanian with comma-below, with cedilla, without diacritics.
    Query("ro comma-below", "ro", "asistență socială"),
    Query("ro comma-below", "ro", "județul Dolj"),
    Query("ro comma-below", "ro", "persoanele cu dizabilități"),
    Query("ro comma-below", "ro", "îngrijirea la domiciliu"),
    Query("ro cedilla", "ro", "asistenţă socială"),
    Query("ro cedilla", "ro", "judeţul Mehedinţi"),
    Query("ro cedilla", "ro", "locuinţe protejate"),
    Query("ro no diacritics", "ro", "asistenta sociala"),
    Query("ro no diacritics", "ro", "judetul Dolj"),
    Query("ro no diacritics", "ro", "copiii"),
    Query("ro no diacritics", "ro", "persoane varstnice"),
    Query("ro no diacritics", "ro", "centrele de zi"),
    # English.
    Query("en", "en", "social services"),
    Query("en", "en", "children"),
    Query("en", "en", "people with disabilities"),
    Query("en", "en", "home care"),
    Query("en", "en", "Dolj County"),
    Query("en", "en", "foster care"),
    # Many words: every term must match.
    Query("multi-word", "bg", "социални услуги за деца с увреждания в община Видин"),
    Query("multi-word", "ro", "servicii sociale pentru persoane vârstnice în județul Dolj"),
    Query("multi-word", "en", "home care for older people with disabilities in Dolj County"),
    # A type filter, a second page of results, no result at all.
    Query("type filter", "bg", "услуги", kind="page"),
    Query("type filter", "ro", "asistenta", kind="news"),
    Query("type filter", "en", "social", kind="provider"),
    Query("page 2", "bg", "деца", page=2),
    Query("page 2", "ro", "servicii sociale", page=2),
    Query("page 2", "en", "children", page=2),
    Query("no result", "bg", "ксилофон"),
    Query("no result", "ro", "xilofon"),
    Query("no result", "en", "xylophone zebra"),
)


def plain_view(request):
    """The site's base template and nothing else: what every page pays for its chrome."""
    return render(request, "base.html", {})


def bench_urlconf():
    """The site's URLs plus ``/<lang>/bench-plain/`` (plain_view), as a URLconf module."""
    from cms import urls as site_urls

    module = types.ModuleType("bench_search_urls")
    module.urlpatterns = [
        *i18n_patterns(path("bench-plain/", plain_view), prefix_default_language=True),
        *site_urls.urlpatterns,
    ]
    module.handler404 = site_urls.handler404
    module.handler500 = site_urls.handler500
    return module


def clear_caches():
    """Empty every configured cache: the next request computes its chrome from scratch."""
    for cache in caches.all():
        cache.clear()


def request_host():
    """A host name the settings allow, preferably the default site's."""
    allowed = [host for host in settings.ALLOWED_HOSTS if host and "*" not in host]
    site = Site.objects.filter(is_default_site=True).first()
    if site and (site.hostname in allowed or "*" in settings.ALLOWED_HOSTS):
        return site.hostname
    return allowed[0].lstrip(".") if allowed else "localhost"


def timed_get(client, url, cold=True):
    """Milliseconds to answer GET ``url`` (with empty caches if ``cold``); anything but 200
    is an error."""
    if cold:
        clear_caches()
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise CommandError(f"GET {url} answered {response.status_code}, not 200.")
    return elapsed


def run_engine(locale, query):
    """What the view asks of the engine: the counts and one page of ranked results."""
    found = Search(locale, query.text)
    found.counts()
    start = (query.page - 1) * RESULTS_PER_PAGE
    return list(found.results(query.kind or None)[start : start + RESULTS_PER_PAGE])


def timed_engine(locale, query):
    """Milliseconds for run_engine()."""
    started = time.perf_counter()
    run_engine(locale, query)
    return (time.perf_counter() - started) * 1000


def summary(timings):
    """requests, p50, p95, max and mean (ms) of a list of timings."""
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return {
        "requests": len(timings),
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "max_ms": round(max(timings), 2),
        "mean_ms": round(statistics.fmean(timings), 2),
    }


def matches(locale, query):
    """How many documents the query finds (of its type, when it has one)."""
    counts = Search(locale, query.text).counts()
    return counts.get(query.kind, 0) if query.kind else sum(counts.values())


def documents_per_language():
    rows = SearchDocument.objects.values_list("locale__language_code").annotate(n=Count("id"))
    return dict(sorted(rows))


def database_description():
    """Server, database and the maintenance state that decides the query plans."""
    if connection.vendor != "postgresql":
        return f"{connection.vendor} {connection.settings_dict['NAME']}"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_database(), current_setting('server_version'),"
            " current_setting('autovacuum'), greatest(last_analyze, last_autoanalyze)"
            " FROM pg_stat_user_tables WHERE relid = %s::regclass",
            [SearchDocument._meta.db_table],
        )
        name, version, autovacuum, analyzed = cursor.fetchone()
    analyzed = f"{analyzed:%Y-%m-%d %H:%M:%S %Z}" if analyzed else "never"
    return (
        f"PostgreSQL {version}, database {name}; autovacuum {autovacuum}; "
        f"search table last analysed: {analyzed}"
    )


def vacuum_analyze():
    """VACUUM ANALYZE the whole database, as autovacuum does on a server that runs it.

    Right after load_demo or rebuild_search the search table has no planner statistics
    and its GIN index keeps the new rows in its pending list: the planner then filters
    every document of the language instead of using the index. Measuring that transient
    state (or a server with autovacuum off) would not say how the site runs.
    """
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


class Command(BaseCommand):
    help = "Time the site search (view, engine) against a plain view; print p50/p95/max."

    def add_arguments(self, parser):
        parser.add_argument(
            "--repeat", type=int, default=10, help="Timed rounds over all queries (default 10)."
        )
        parser.add_argument(
            "--warmup", type=int, default=2, help="Untimed rounds first (default 2, at least 1)."
        )
        parser.add_argument(
            "--json", dest="json_path", metavar="PATH", help="Also write the figures as JSON."
        )
        parser.add_argument(
            "--debug", action="store_true", help="Keep the settings' DEBUG instead of False."
        )
        parser.add_argument(
            "--vacuum",
            action="store_true",
            help="VACUUM ANALYZE the database first (PostgreSQL), as autovacuum would.",
        )

    def handle(self, *args, repeat, warmup, json_path, debug, vacuum, **options):
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        missing = {query.language for query in QUERIES} - set(locales)
        if missing:
            raise CommandError(f"No locale for {sorted(missing)}: run `manage.py load_demo`.")
        if vacuum and connection.vendor == "postgresql":
            started = time.perf_counter()
            vacuum_analyze()
            self.stdout.write(f"VACUUM ANALYZE done in {time.perf_counter() - started:.1f} s.")
        overrides = {"ROOT_URLCONF": bench_urlconf()}
        if not debug:
            overrides["DEBUG"] = False
        timings, by_query = defaultdict(list), defaultdict(list)
        self.serial = itertools.count()
        with override_settings(**overrides):
            client = Client(HTTP_HOST=request_host())
            with warnings.catch_warnings():
                # WhiteNoise, set up by the first request, misses collectstatic's folder.
                warnings.filterwarnings("ignore", message="No directory at")
                for _round in range(max(warmup, 1)):
                    self.run_round(client, locales, defaultdict(list), defaultdict(list))
            sql = self.count_queries(client)
            for _round in range(repeat):
                self.run_round(client, locales, timings, by_query)
            debug_flag = settings.DEBUG
        report = self.report(timings, by_query, locales, sql, debug_flag, repeat)
        self.print_report(report)
        if json_path:
            self.write_json(report, json_path)

    def warm(self, client):
        """One untimed search per language: the chrome and the other shared entries are
        cached again, as on a running site, after the cold requests emptied them."""
        for language in sorted({query.language for query in QUERIES}):
            client.get(f"/{language}/search/?q=warm&n={next(self.serial)}")

    def run_round(self, client, locales, timings, by_query):
        """Every query once as a new query on a warm site, then once through the cold
        measurements (search view, engine, plain view interleaved)."""
        self.warm(client)
        for query in QUERIES:
            elapsed = timed_get(client, f"{query.url()}&n={next(self.serial)}", cold=False)
            timings[SEARCH_VIEW].append(elapsed)
            by_query[query].append(elapsed)
        for query in QUERIES:
            timings[COLD_VIEW].append(timed_get(client, query.url()))
            timings[ENGINE].append(timed_engine(locales[query.language], query))
            timings[PLAIN_VIEW].append(timed_get(client, f"/{query.language}/bench-plain/"))

    def count_queries(self, client):
        """Mean SQL queries per request of each view (one untimed round)."""
        counts = defaultdict(list)
        self.warm(client)
        for query in QUERIES:
            with CaptureQueriesContext(connection) as captured:
                client.get(f"{query.url()}&n={next(self.serial)}")
            counts[SEARCH_VIEW].append(len(captured))
        for query in QUERIES:
            plain_url = f"/{query.language}/bench-plain/"
            for name, url in ((COLD_VIEW, query.url()), (PLAIN_VIEW, plain_url)):
                clear_caches()
                with CaptureQueriesContext(connection) as captured:
                    client.get(url)
                counts[name].append(len(captured))
        return {name: round(statistics.fmean(values), 1) for name, values in counts.items()}

    def report(self, timings, by_query, locales, sql, debug_flag, repeat):
        """Every figure of the run, as printed and as written with --json."""
        measured = {name: summary(values) for name, values in timings.items()}
        for name, queries in sql.items():
            measured[name]["sql_queries_per_request"] = queries
        by_group = defaultdict(list)
        per_query = []
        for query, values in by_query.items():
            by_group[query.group].append(values)
            row = {"group": query.group, "label": query.label(), "url": query.url()}
            row |= {"matches": matches(locales[query.language], query), **summary(values)}
            per_query.append(row)
        search, cold, plain = measured[SEARCH_VIEW], measured[COLD_VIEW], measured[PLAIN_VIEW]
        ratio = cold["p50_ms"] / plain["p50_ms"]
        return {
            "database": database_description(),
            "debug": debug_flag,
            "versions": {"python": sys.version.split()[0], "django": django.get_version()},
            "queries": len(QUERIES),
            "rounds": repeat,
            "documents": documents_per_language(),
            "measurements": measured,
            "search_view_by_group": {
                group: summary([value for values in lists for value in values])
                for group, lists in by_group.items()
            },
            "search_view_by_query": sorted(per_query, key=lambda row: -row["p95_ms"]),
            "ratio_p50": round(ratio, 2),
            "targets": {
                f"search view (new query) p95 ≤ {P95_LIMIT_MS:.0f} ms": {
                    "value": search["p95_ms"],
                    "limit": P95_LIMIT_MS,
                    "met": search["p95_ms"] <= P95_LIMIT_MS,
                },
                f"search view (cold) p95 ≤ {COLD_P95_LIMIT_MS:.0f} ms": {
                    "value": cold["p95_ms"],
                    "limit": COLD_P95_LIMIT_MS,
                    "met": cold["p95_ms"] <= COLD_P95_LIMIT_MS,
                },
                "search view (cold) p50 ≤ 5× plain view p50": {
                    "value": round(ratio, 2),
                    "limit": RATIO_LIMIT,
                    "met": ratio <= RATIO_LIMIT,
                },
            },
        }

    def print_report(self, report):
        write = self.stdout.write
        documents = report["documents"]
        write(f"\n{report['database']}; DEBUG={report['debug']}")
        write(
            f"Search documents: {sum(documents.values())} "
            f"({', '.join(f'{code} {n}' for code, n in documents.items())})"
        )
        write(
            f"{report['queries']} queries x {report['rounds']} rounds; a new query misses the "
            "page cache, a cold request finds every cache empty\n"
        )
        write(self.table(report["measurements"], "", with_sql=True))
        write("\nSearch view (new query) by kind of query:")
        write(self.table(report["search_view_by_group"], "  "))
        write("\nSlowest queries (search view, new query, p95):")
        for row in report["search_view_by_query"][:SLOWEST]:
            write(
                f"  {row['p95_ms']:6.1f} ms  p50 {row['p50_ms']:5.1f} ms  "
                f"{row['matches']:5} matches  {row['group']}: {row['label']}"
            )
        cold = report["measurements"][COLD_VIEW]
        plain = report["measurements"][PLAIN_VIEW]
        write(
            f"\nRatio cold search view p50 / plain view p50: {report['ratio_p50']:.2f} "
            f"({cold['p50_ms']:.1f} / {plain['p50_ms']:.1f} ms)\n"
        )
        for name, target in report["targets"].items():
            style = self.style.SUCCESS if target["met"] else self.style.ERROR
            verdict = "PASS" if target["met"] else "FAIL"
            write(style(f"{verdict}  {name}: {target['value']} (limit {target['limit']})"))

    @staticmethod
    def table(rows, indent, with_sql=False):
        """The figures as fixed-width text, one line per measurement."""
        width = max(len(name) for name in rows) + 2
        header = f"{indent}{'':{width}}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        lines = [header + ("  SQL/request" if with_sql else "")]
        for name, row in rows.items():
            line = (
                f"{indent}{name:{width}}{row['requests']:>9}{row['p50_ms']:>9.1f}"
                f"{row['p95_ms']:>9.1f}{row['max_ms']:>9.1f}"
            )
            if with_sql and "sql_queries_per_request" in row:
                line += f"{row['sql_queries_per_request']:>13}"
            lines.append(line)
        return "\n".join(lines)

    def write_json(self, report, destination):
        path = Path(destination)
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        self.stdout.write(f"\nFigures written to {path}")
