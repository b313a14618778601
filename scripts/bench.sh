#!/usr/bin/env bash
# Benchmarks (`make bench`): the pages' throughput (bench/http.py: cached and uncached, on
# SQLite and PostgreSQL, against the bare view), the site search on PostgreSQL over a
# synthetic corpus, and a large provider import.
#
# 1. Creates the bench database (BENCH_DATABASE_URL) when it does not exist yet.
# 2. Migrates it, loads the demo site, tops the synthetic corpus up to BENCH_PAGES pages
#    (10,000 by default, spread over bg/ro/en) and rebuilds the search index only if pages
#    were added. The first run takes a few minutes; the database is kept, so the next runs
#    go straight to the measurements.
# 3. Serves the demo site with gunicorn and measures its pages with wrk (bench/http.py;
#    BENCH_HTTP_SECONDS per page, 5 by default), in databases of their own.
# 4. Runs `manage.py bench_search --vacuum` (VACUUM ANALYZE first, as autovacuum would; extra
#    arguments: BENCH_ARGS, e.g. BENCH_ARGS="--json bench.json --repeat 20").
#
# Exits non-zero on errors only; whether the targets are met is printed, not enforced.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
BENCH_DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/social_cohesion_bench}
BENCH_PAGES=${BENCH_PAGES:-10000}
read -r -a BENCH_EXTRA <<<"${BENCH_ARGS:-}"

# bench.http runs search under load over this database too (10,000 pages).
export BENCH_DATABASE_URL
export DATABASE_URL="$BENCH_DATABASE_URL"
export DJANGO_SETTINGS_MODULE=cms.settings.dev

step() { printf '\n==> %s\n' "$*"; }

step "Bench database"
# Connects to the server's "postgres" maintenance database and creates ours if missing.
"$PY" - <<'PYTHON'
import os
import sys

import dj_database_url
import psycopg2
from psycopg2 import sql

config = dj_database_url.parse(os.environ["DATABASE_URL"])
if not config["ENGINE"].endswith("postgresql"):
    sys.exit(f"BENCH_DATABASE_URL must point at PostgreSQL, not {config['ENGINE']}.")
server = {
    "host": config.get("HOST") or None,
    "port": config.get("PORT") or None,
    "user": config.get("USER") or None,
    "password": config.get("PASSWORD") or None,
}
try:
    connection = psycopg2.connect(dbname="postgres", connect_timeout=5, **server)
except psycopg2.OperationalError as error:
    print(f"Cannot connect to PostgreSQL at {server['host']}:{server['port']}:", file=sys.stderr)
    print(f"  {str(error).strip()}", file=sys.stderr)
    print("Is the server running? Start it with:", file=sys.stderr)
    print(
        "  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
        file=sys.stderr,
    )
    sys.exit(1)
connection.autocommit = True
name = config["NAME"]
with connection.cursor() as cursor:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    if cursor.fetchone():
        print(f"Using database {name}.")
    else:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"Created database {name}.")
connection.close()
PYTHON

step "Migrations"
"$PY" manage.py migrate --noinput -v0

step "Demo site"
"$PY" manage.py load_demo

step "Synthetic corpus: $BENCH_PAGES pages"
"$PY" manage.py synthetic_pages --count "$BENCH_PAGES" --rebuild-search

step "Pages: throughput against the bare view, cached and uncached, SQLite and PostgreSQL"
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
PY="$PY" "$PY" -m bench.http ${BENCH_HTTP_SECONDS:+--seconds "$BENCH_HTTP_SECONDS"}

step "Search"
"$PY" manage.py bench_search --vacuum "${BENCH_EXTRA[@]}"

step "Provider import: ${BENCH_IMPORT_ROWS:-20000} rows (created, then updated, then removed)"
"$PY" manage.py bench_import --rows "${BENCH_IMPORT_ROWS:-20000}"
