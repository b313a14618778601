"""What `manage.py backup` writes and `manage.py restore` reads back.

One gzipped tar archive holds ``manifest.json``, the database (``database.dump``, a
``pg_dump --format=custom`` file, or ``database.sqlite3``, a copy made with SQLite's
online backup API) and ``media/``, the whole MEDIA_ROOT.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.core.management.base import CommandError
from django.db.models import Count
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

FORMAT = "rnsc-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


def content_counts(using, media_root):
    """What the archive should bring back: pages per language, documents, images, files."""
    pages = (
        Page.objects.using(using)
        .filter(depth__gt=1)
        .values_list("locale__language_code")
        .annotate(count=Count("pk"))
        .order_by("locale__language_code")
    )
    media_root = Path(media_root)
    return {
        "pages": dict(pages),
        "documents": get_document_model().objects.using(using).count(),
        "images": get_image_model().objects.using(using).count(),
        "media_files": sum(1 for path in media_root.rglob("*") if path.is_file())
        if media_root.is_dir()
        else 0,
    }


def describe(counts):
    pages = ", ".join(f"{language} {count}" for language, count in counts["pages"].items())
    return (
        f"pages: {pages or 'none'}; documents: {counts['documents']}; "
        f"images: {counts['images']}; media files: {counts['media_files']}"
    )


def postgresql_tool(connection, name):
    """The path of pg_dump or pg_restore, at least as new as the server's major version.

    An older pg_dump refuses a newer server, so the server's own version (Debian installs
    each one under /usr/lib/postgresql/<major>/bin) is preferred over the one on PATH.
    """
    connection.ensure_connection()
    major = connection.pg_version // 10000
    candidates = [Path(f"/usr/lib/postgresql/{major}/bin/{name}"), shutil.which(name)]
    found = []
    for candidate in candidates:
        if candidate is None or not Path(candidate).is_file():
            continue
        version = subprocess.run(  # noqa: S603 - a fixed client program, no shell
            [str(candidate), "--version"], capture_output=True, text=True, check=False
        ).stdout
        match = re.search(r"\)\s*(\d+)", version)
        if match and int(match[1]) >= major:
            return str(candidate)
        found.append(f"{candidate} ({version.strip() or 'unknown version'})")
    raise CommandError(
        f"{name} {major} or newer is needed for this PostgreSQL {major} server "
        f"(found: {', '.join(found) or 'none'}); install postgresql-client-{major}."
    )


def postgresql_command(connection, tool, arguments):
    """Run a client tool on the connection's database; the password stays in the environment."""
    settings_dict = connection.settings_dict
    parameters = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            parameters += [option, str(settings_dict[key])]
    parameters += ["--dbname", settings_dict["NAME"]]
    # Django's own psql client maps PASSWORD and the SSL/service OPTIONS to PG* variables.
    _, environment = connection.client.settings_to_cmd_args_env(settings_dict, [])
    result = subprocess.run(  # noqa: S603 - a fixed client program, no shell
        [tool, *parameters, *arguments],
        env={**os.environ, **(environment or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CommandError(f"{Path(tool).name} failed: {result.stderr.strip()}")
