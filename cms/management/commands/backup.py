import io
import json
import os
import sqlite3
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from cms.management.backups import (
    DATABASE_FILES,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA,
    content_counts,
    describe,
    postgresql_command,
    postgresql_tool,
)


class Command(BaseCommand):
    help = (
        "Write one archive with the database (pg_dump custom format on PostgreSQL, SQLite's "
        "online backup API otherwise), the whole MEDIA_ROOT and a manifest. "
        "`manage.py restore ARCHIVE` puts it back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="Archive to write (default: backups/rnsc-YYYYmmdd-HHMMSS.tar.gz in the project).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, output, database, **options):
        connection = connections[database]
        if connection.vendor not in DATABASE_FILES:
            raise CommandError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
        created = timezone.now()
        if output is None:
            name = f"rnsc-{created.astimezone():%Y%m%d-%H%M%S}.tar.gz"
            output = Path(settings.BASE_DIR) / "backups" / name
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        media_root = Path(settings.MEDIA_ROOT)

        with tempfile.TemporaryDirectory(prefix="rnsc-backup-") as work:
            dump = Path(work) / DATABASE_FILES[connection.vendor]
            if connection.vendor == "postgresql":
                pg_dump = postgresql_tool(connection, "pg_dump")
                postgresql_command(connection, pg_dump, ["--format=custom", "--file", str(dump)])
            else:
                connection.ensure_connection()
                with closing(sqlite3.connect(dump)) as copy:
                    connection.connection.backup(copy)
            manifest = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "created": created.isoformat(),
                "database": {"vendor": connection.vendor, "file": dump.name},
                "django": django.get_version(),
                "wagtail": wagtail.__version__,
                **content_counts(database, media_root),
            }
            # Written beside the target and renamed into place: no half-written archive
            # ever carries the final name. mkstemp makes it private (password hashes).
            handle, partial = tempfile.mkstemp(
                prefix=f".{output.name}-", suffix=".partial", dir=output.parent
            )
            try:
                with (
                    os.fdopen(handle, "wb") as file,
                    tarfile.open(fileobj=file, mode="w:gz") as tar,
                ):
                    data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mtime, info.mode = len(data), int(created.timestamp()), 0o600
                    tar.addfile(info, io.BytesIO(data))
                    tar.add(dump, arcname=dump.name)
                    if media_root.is_dir():
                        tar.add(media_root, arcname=MEDIA)
                    else:
                        info = tarfile.TarInfo(MEDIA)
                        info.type, info.mode = tarfile.DIRTYPE, 0o755
                        tar.addfile(info)
                os.replace(partial, output)
            except BaseException:
                Path(partial).unlink(missing_ok=True)
                raise

        self.stdout.write(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        self.stdout.write(f"Media: {media_root}")
        self.stdout.write(f"Archived {describe(manifest)}.")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {output}"))
