"""Lighthouse on the public pages, as production serves them (`make audit`).

    python -m bench.audit [--output reports/lighthouse]

Serves the demo site (SQLite) with gunicorn and the production settings, then runs
Lighthouse (mobile, its default) on Debian's Chromium for the home page, a news page, an
act, the provider map and search, in Bulgarian, Romanian and English. Fails below
performance 98, accessibility 100, best practices 100 and SEO 100; search keeps its
deliberate ``noindex`` (the only SEO audit it may fail). Each report is kept as HTML
beside a summary table.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from bench.http import ROOT, SQLITE_PATH, Server, prepare

LIGHTHOUSE = ROOT / "scripts" / "audit" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PAGES = ("home", "news page", "act", "map", "search")
LANGUAGES = ("bg", "ro", "en")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
THRESHOLDS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
# Search results are not for search engines: the page says noindex on purpose.
ALLOWED_FAILURES = {"search": {"is-crawlable"}}


def lighthouse(url, output, attempts=2):
    """One run; a second when Chrome's trace fails (NO_NAVSTART happens now and then)."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--output=html",
            f"--output-path={output}",
        ],
        check=attempts == 1,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    if result.returncode:
        return lighthouse(url, output, attempts - 1)
    return json.loads(Path(f"{output}.report.json").read_text())


def failures(report, page):
    """Categories below their threshold, net of the audits the page may fail."""
    found = []
    allowed = ALLOWED_FAILURES.get(page, set())
    for category in CATEGORIES:
        score = round(report["categories"][category]["score"] * 100)
        if score >= THRESHOLDS[category]:
            continue
        failing = [
            ref["id"]
            for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
        ]
        if set(failing) - allowed:
            found.append(f"{category} {score}: {', '.join(failing)}")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "reports" / "lighthouse"))
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: make audit installs it (scripts/audit/).")
    output = Path(args.output)
    output.mkdir(parents=True, exist_ok=True)
    SQLITE_PATH.parent.mkdir(exist_ok=True)
    database = f"sqlite:///{SQLITE_PATH}"
    pages = prepare("SQLite", database, LANGUAGES)
    rows, problems = [], []
    with Server(database, page_cache=True) as server:
        for language in LANGUAGES:
            for page in PAGES:
                path = pages[language][page]
                server.get(path)  # rendered once, as a visitor would find it
                name = f"{language}-{page.replace(' ', '-')}"
                report = lighthouse(server.url(path), output / name)
                scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
                rows.append((language, page, *scores))
                problems += [f"{language} {page}: {text}" for text in failures(report, page)]
                print(f"  {language} {page:<10} " + " ".join(f"{s:>4}" for s in scores), flush=True)
    table = [
        "| Language | Page | Performance | Accessibility | Best practices | SEO |",
        "|---|---|---|---|---|---|",
        *(f"| {' | '.join(str(cell) for cell in row)} |" for row in rows),
    ]
    (output / "summary.md").write_text("\n".join(table) + "\n")
    print("\n" + "\n".join(table))
    print(f"\nReports: {output}/")
    if problems:
        print("\nBelow the bar:\n  " + "\n  ".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
