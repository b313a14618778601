import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path, PurePosixPath

import wagtail
from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from cms.management.backups import (
    DATABASE_FILES,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA,
    VENDOR_NAMES,
    content_counts,
    describe,
    postgresql_command,
    postgresql_tool,
)


class Command(BaseCommand):
    help = (
        "Replace the database and every file in MEDIA_ROOT with the content of an archive "
        "written by `manage.py backup`. Stop the site first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz archive written by `manage.py backup`.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, archive, interactive, database, **options):
        connection = connections[database]
        media_root = Path(settings.MEDIA_ROOT).resolve()
        archive = Path(archive)
        with self.open_archive(archive) as tar:
            manifest = self.read_manifest(tar, archive)
            self.check_vendor(manifest, connection)
            dump_member, media_members = self.checked_members(tar, manifest, archive)
            if os.path.ismount(media_root):
                raise CommandError(
                    f"MEDIA_ROOT {media_root} is a mount point, so it cannot be swapped whole: "
                    "mount its parent directory instead."
                )
            needed = sum(member.size for member in media_members)
            media_root.parent.mkdir(parents=True, exist_ok=True)
            if shutil.disk_usage(media_root.parent).free < needed:
                raise CommandError(
                    f"Not enough free space next to {media_root} for {needed} bytes."
                )
            if interactive and not self.confirmed(manifest, connection, media_root):
                self.stdout.write("Restore cancelled.")
                return

            with (
                tempfile.TemporaryDirectory(prefix="rnsc-restore-") as private,
                tempfile.TemporaryDirectory(
                    prefix=f".{media_root.name}-restore-", dir=media_root.parent
                ) as staging,
            ):
                tar.extractall(private, members=[dump_member], filter="data")
                tar.extractall(staging, members=media_members, filter="data")
                dump = Path(private) / dump_member.name
                self.check_dump(connection, dump)
                if connection.in_atomic_block:
                    raise CommandError("A restore cannot run inside a database transaction.")
                staged = Path(staging) / MEDIA
                staged.mkdir(exist_ok=True)
                replaced = Path(staging) / "replaced"
                # Media first, by renames in one directory, so that a failed database restore
                # can put the previous files back; the replaced files go with the staging dir.
                if media_root.exists():
                    media_root.rename(replaced)
                staged.rename(media_root)
                try:
                    self.restore_database(connection, dump)
                except BaseException:
                    media_root.rename(Path(staging) / "failed")
                    if replaced.exists():
                        replaced.rename(media_root)
                    raise

        for cache in caches.all(initialized_only=False):
            cache.clear()
        self.stdout.write(f"Restored {describe(content_counts(database, media_root))}.")
        if manifest.get("wagtail") != wagtail.__version__:
            self.stdout.write(
                self.style.WARNING(
                    f"The archive was made with Wagtail {manifest.get('wagtail')}; this is "
                    f"{wagtail.__version__}: run `manage.py migrate`."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {manifest['created']} from {archive}.")
        )

    def open_archive(self, archive):
        try:
            return tarfile.open(archive, "r:gz")
        except (OSError, tarfile.TarError) as error:
            raise CommandError(
                f"{archive} is not a readable backup archive (a .tar.gz written by "
                f"`manage.py backup`): {error}"
            ) from error

    def read_manifest(self, tar, archive):
        try:
            data = json.load(tar.extractfile(MANIFEST))
        except (KeyError, AttributeError, tarfile.TarError, OSError, ValueError) as error:
            raise CommandError(
                f"{archive} is not a backup written by `manage.py backup`: "
                f"it has no readable {MANIFEST}."
            ) from error
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise CommandError(f"{archive} is not a backup written by `manage.py backup`.")
        if data.get("version") != FORMAT_VERSION:
            raise CommandError(
                f"{archive} is a backup in format version {data.get('version')}; "
                f"this code reads version {FORMAT_VERSION}."
            )
        return data

    def check_vendor(self, manifest, connection):
        vendor = manifest.get("database", {}).get("vendor")
        if vendor != connection.vendor:
            name = VENDOR_NAMES.get(vendor, vendor)
            raise CommandError(
                f"This archive holds a {name} database, but the configured database is "
                f"{VENDOR_NAMES.get(connection.vendor, connection.vendor)}: restore it on a "
                f"site configured with {name} (or move the data with dumpdata/loaddata)."
            )

    def checked_members(self, tar, manifest, archive):
        """The database member and the media members, once every member is safe to unpack."""
        dump_name = DATABASE_FILES[manifest["database"]["vendor"]]
        dump_member, media_members = None, []
        for member in tar.getmembers():
            # Checked against a stand-in directory before anything is unpacked; extraction
            # applies the same "data" filter again to the real directories.
            try:
                tarfile.data_filter(member, "/restore")
                if ".." in PurePosixPath(member.name).parts:
                    raise tarfile.OutsideDestinationError(member, member.name)
            except tarfile.FilterError as error:
                raise CommandError(f"{archive} holds an unsafe member: {error}") from error
            if member.name == dump_name and member.isfile():
                dump_member = member
            elif member.name == MEDIA or member.name.startswith(f"{MEDIA}/"):
                media_members.append(member)
            elif member.name != MANIFEST:
                raise CommandError(f"{archive} holds an unexpected member: {member.name}")
        if dump_member is None:
            raise CommandError(f"{archive} holds no {dump_name}.")
        return dump_member, media_members

    def confirmed(self, manifest, connection, media_root):
        answer = input(
            f"This replaces the {VENDOR_NAMES[connection.vendor]} database "
            f"{connection.settings_dict['NAME']!r} and every file in {media_root} with the "
            f"backup of {manifest['created']}.\n"
            "Are you sure you want to do this?\n\n"
            "    Type 'yes' to continue, or 'no' to cancel: "
        )
        return answer == "yes"

    def check_dump(self, connection, dump):
        """Refuse a damaged database file before anything is replaced."""
        if connection.vendor == "postgresql":
            pg_restore = postgresql_tool(connection, "pg_restore")
            listing = subprocess.run(  # noqa: S603 - a fixed client program, no shell
                [pg_restore, "--list", str(dump)], capture_output=True, text=True, check=False
            )
            if listing.returncode != 0:
                raise CommandError(f"The archived database is not usable: {listing.stderr.strip()}")
            return
        try:
            with closing(sqlite3.connect(f"file:{dump}?mode=ro", uri=True)) as copy:
                result = copy.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise CommandError(f"The archived database is not usable: {error}") from error
        if result != "ok":
            raise CommandError(f"The archived database is damaged: {result}")

    def restore_database(self, connection, dump):
        if connection.vendor == "postgresql":
            pg_restore = postgresql_tool(connection, "pg_restore")
            # Django's own connection is closed so that none of its locks is in the way.
            connection.close()
            postgresql_command(
                connection,
                pg_restore,
                ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(dump)],
            )
        else:
            # A fresh connection, without a transaction of ours; an in-memory database
            # keeps its one connection (closing it would discard the database).
            connection.close()
            connection.ensure_connection()
            with closing(sqlite3.connect(dump)) as copy:
                copy.backup(connection.connection)
