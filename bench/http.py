"""Throughput of the public pages, cached and not, on SQLite and PostgreSQL, in one run.

    python -m bench.http [--seconds 5] [--json out.json]

For each database the demo site is served by gunicorn (2 sync workers, production
settings, Redis as the shared cache) twice: with the page cache off, then on. wrk
(-t2 -c8, accepting gzip as browsers do) measures each page; the bare view, a fixed 7 KB page through the whole
middleware stack, is the ceiling each page's share is given against. Also reported:
Redis commands per cached request (the cache's round trips), queries per uncached page,
and the workers' memory after the run.

Needs wrk (Debian's package; installed by scripts/bench.sh), Redis and PostgreSQL.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = os.environ.get("PY", sys.executable)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
SQLITE_PATH = ROOT / ".bench" / "pages.sqlite3"
POSTGRES_URL = os.environ.get(
    "BENCH_PAGES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/social_cohesion_bench_pages"
)
BARE = "/__bench__/bare/"

FIND_PAGES = """
import json
from django.urls import reverse
from library.models import LegislationPage, LibraryIndexPage
from news.models import NewsIndexPage, NewsPage
from providers.models import ProviderMapPage
here = {{"locale__language_code": "{language}"}}
query = {{"bg": "социални услуги", "ro": "servicii sociale", "en": "social services"}}["{language}"]
print("PAGES=" + json.dumps({{
    "home": "/{language}/",
    "news index": NewsIndexPage.objects.live().get(**here).url,
    "news page": NewsPage.objects.live().filter(**here).order_by("-date").first().url,
    "library index": LibraryIndexPage.objects.live().get(**here).url,
    "act": LegislationPage.objects.live().filter(**here).order_by("pk").first().url,
    "map": ProviderMapPage.objects.live().get(**here).url,
    "search": f"/{language}/search/?q={{query}}",
    "sitemap": reverse("sitemap"),
}}, ensure_ascii=False))
"""


def environment(database_url, page_cache):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "CACHE_URL": REDIS_URL,
        "PAGE_CACHE": "on" if page_cache else "off",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "PUBLIC_BASE_URL": "https://localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(ROOT / ".bench" / "static"),
        "LOG_LEVEL": "ERROR",
    }


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    )
    return result.stdout


def ensure_postgres_database(database_url):
    import dj_database_url
    import psycopg2
    from psycopg2 import sql

    config = dj_database_url.parse(database_url)
    server = {key.lower(): config.get(key) or None for key in ("HOST", "PORT", "USER", "PASSWORD")}
    connection = psycopg2.connect(dbname="postgres", connect_timeout=5, **server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (config["NAME"],))
        if not cursor.fetchone():
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    connection.close()


def prepare(name, database_url, languages=("bg",)):
    """Migrate and load the demo once (the database is kept for the next runs); the
    pages to measure, in the first language or ``{language: pages}`` for several."""
    print(f"==> {name}: migrations and demo content", flush=True)
    if database_url.startswith("postgres"):
        ensure_postgres_database(database_url)
    env = environment(database_url, page_cache=False)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "sync_site_url")
    found = {}
    for language in languages:
        code = FIND_PAGES.format(language=language)
        output = manage(env, "shell", "--no-imports", "-c", code, capture=True)
        found[language] = json.loads(re.search(r"^PAGES=(.*)$", output, re.MULTILINE).group(1))
    return found if len(languages) > 1 else found[languages[0]]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis(*command):
    import redis as redis_client

    return redis_client.Redis.from_url(REDIS_URL).execute_command(*command)


class Server:
    def __init__(self, database_url, page_cache):
        self.port = free_port()
        self.env = environment(database_url, page_cache)
        self.env["BENCH_PUBLIC_BASE_URL"] = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        redis("FLUSHDB")
        self.process = subprocess.Popen(
            [
                str(Path(PY).parent / "gunicorn"),
                "cms.wsgi",
                "--workers=2",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        for _ in range(100):
            try:
                self.get(BARE)
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{urllib.parse.quote(path, safe='/?=&')}"

    def get(self, path):
        request = urllib.request.Request(  # noqa: S310 - the bench's own local server
            self.url(path), headers={"Host": "localhost", "X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()

    def worker_memory_mib(self):
        """Resident memory of each worker (gunicorn's children)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
        return sizes

    def wrk(self, path, seconds, connections=8, latency=False):
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                *(["--latency"] if latency else []),
                "-H",
                "Host: localhost",
                "-H",
                "X-Forwarded-Proto: https",
                "-H",
                "Accept-Encoding: gzip, deflate, br",  # as every browser sends it
                self.url(path),
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        if errors:
            raise RuntimeError(f"{path}: {errors.group(1)} error responses\n{output}")
        if latency:
            value, unit = re.search(
                r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE
            ).groups()
            return rate, float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
        return rate


def commands_per_request(server, path, count=50):
    server.get(path)
    server.get(path)
    before = redis("INFO", "stats")
    for _ in range(count):
        server.get(path)
    after = redis("INFO", "stats")
    return (after["total_commands_processed"] - before["total_commands_processed"]) / count


def measure(name, database_url, pages, seconds):
    rows = {}
    memory = []
    for cached in (False, True):
        with Server(database_url, page_cache=cached) as server:
            for label, path in [("bare view", BARE), *pages.items()]:
                status, headers, _body = server.get(path)
                server.get(path)
                rate = server.wrk(path, seconds)
                rows.setdefault(label, {})["cached" if cached else "uncached"] = rate
                if cached and label != "bare view":
                    rows[label]["redis commands"] = commands_per_request(server, path)
                    rows[label]["hit"] = server.get(path)[1].get("X-Cache") == "hit"
                print(
                    f"    {name:<10} {'cached' if cached else 'uncached':<8} {label:<14} {rate:8.0f} req/s",
                    flush=True,
                )
            memory.extend(server.worker_memory_mib())
    return rows, memory


TOP_UP = """
from wagtail.models import Locale
from providers.models import Provider
from bench.management.commands.synthetic_providers import create_synthetic
bg = Locale.objects.get(language_code="bg")
create_synthetic(max(0, {total} - Provider.objects.filter(locale=bg).count()), bg)
"""
REMOVE_SYNTHETIC = (
    "from providers.models import Provider; "
    "Provider.objects.filter(external_id__startswith='synthetic-').delete()"
)


def under_load(database_url, pages, search_database_url, seconds):
    """Uncached, 50 connections: the map page at 2,000 providers, and search (over the
    search benchmark's 10,000 pages when that database is given)."""
    lines = []
    env = environment(database_url, page_cache=False)
    manage(env, "shell", "--no-imports", "-c", TOP_UP.format(total=2000))
    try:
        with Server(database_url, page_cache=False) as server:
            server.get(pages["map"])
            _status, headers, body = server.get("/bg/providers/data.geojson")
            rate, p99 = server.wrk(pages["map"], seconds, connections=50, latency=True)
            lines.append(f"Map page, 2,000 providers: {rate:,.0f} req/s, p99 {p99:,.0f} ms")
    finally:
        manage(env, "shell", "--no-imports", "-c", REMOVE_SYNTHETIC)
    search_url = search_database_url or database_url
    corpus = "10,000 pages" if search_database_url else "the demo"
    with Server(search_url, page_cache=False) as server:
        server.get(pages["search"])
        rate, p99 = server.wrk(pages["search"], seconds, connections=50, latency=True)
        lines.append(f"Search over {corpus}: {rate:,.0f} req/s, p99 {p99:,.0f} ms")
    return lines


def table(results):
    lines = [
        "| Page | SQLite uncached | SQLite cached | PostgreSQL uncached | PostgreSQL cached |",
        "|---|---|---|---|---|",
    ]
    labels = list(next(iter(results.values()))["rows"])
    for label in labels:
        cells = []
        for name in ("SQLite", "PostgreSQL"):
            rows = results[name]["rows"]
            ceiling = rows["bare view"]["uncached"]
            for mode in ("uncached", "cached"):
                rate = rows[label][mode]
                cell = f"{rate:,.0f} ({rate / ceiling:.1%})"
                if mode == "cached" and "redis commands" in rows[label]:
                    cell += f", {rows[label]['redis commands']:.0f} cmd"
                cells.append(cell)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--json")
    parser.add_argument(
        "--search-database",
        default=os.environ.get("BENCH_DATABASE_URL"),
        help="the search benchmark's database (10,000 pages) for search under load",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: scripts/bench.sh installs it (apt-get install wrk).")
    SQLITE_PATH.parent.mkdir(exist_ok=True)
    databases = {"SQLite": f"sqlite:///{SQLITE_PATH}", "PostgreSQL": POSTGRES_URL}
    manage(environment(databases["SQLite"], False), "collectstatic", "--noinput", "-v0")
    results = {}
    for name, url in databases.items():
        pages = prepare(name, url)
        rows, memory = measure(name, url, pages, args.seconds)
        results[name] = {"rows": rows, "worker_memory_mib": memory}
    print("==> Under load: 50 connections, PostgreSQL, uncached", flush=True)
    load = under_load(databases["PostgreSQL"], pages, args.search_database, args.seconds * 2)
    print()
    print(table(results))
    print("\nUnder 50 connections, uncached, PostgreSQL (target p99 < 1 s):")
    for line in load:
        print(f"  {line}")
    for name, result in results.items():
        sizes = ", ".join(f"{size:.0f}" for size in result["worker_memory_mib"])
        print(f"\nWorkers' memory after the {name} runs (MiB): {sizes}")
    for name, result in results.items():
        ceiling = result["rows"]["bare view"]["uncached"]
        for label, row in result["rows"].items():
            if label != "bare view" and row["cached"] < 0.8 * ceiling:
                print(
                    f"BELOW TARGET: {name} {label} cached {row['cached'] / ceiling:.2f}× the bare view (≥ 0.8×)"
                )
    if args.json:
        results["under load"] = load
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
