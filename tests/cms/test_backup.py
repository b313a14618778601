"""Backups that restore: one archive of the database and the media, in bg, ro and en.

Runs on the database the suite runs on: SQLite (in memory) for `make test`, PostgreSQL
(pg_dump/pg_restore) in `.ci/run`.
"""

import io
import json
import os
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.models import Page

from cms.management.commands.restore import Command as Restore

OTHER_VENDOR = {"sqlite": "postgresql", "postgresql": "sqlite"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DUMP_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}


def run(*args, **options):
    output = io.StringIO()
    call_command(*args, stdout=output, **options)
    return output.getvalue()


def pages():
    return set(
        Page.objects.filter(depth__gt=1).values_list("locale__language_code", "url_path", "title")
    )


def files(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def write_archive(path, manifest, members=()):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [("manifest.json", json.dumps(manifest).encode()), *members]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def manifest_for(vendor):
    return {
        "format": "rnsc-backup",
        "version": 1,
        "created": "2026-01-01T00:00:00+00:00",
        "database": {"vendor": vendor, "file": DUMP_FILES[vendor]},
    }


def dump_of(vendor):
    return (DUMP_FILES[vendor], b"not a database")


@pytest.fixture
def media_root(settings, tmp_path):
    """A MEDIA_ROOT of the test's own: a restore replaces every file in it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def live_database(django_db_setup, django_db_blocker, media_root, tmp_path):
    """The test database outside any test transaction, put back as it was afterwards.

    A restore replaces the database whole, which no test transaction can roll back, and
    pytest-django's transactional tests end by emptying every table, which would take the
    session's demo content away from the tests that follow; so the test runs on committed
    data and a backup taken first is restored at the end, whatever the outcome.
    """
    with django_db_blocker.unblock():
        baseline = tmp_path / "baseline.tar.gz"
        run("backup", output=str(baseline))
        yield
        run("restore", str(baseline), interactive=False)


def test_a_backup_restores_pages_in_all_three_languages_and_the_media(
    live_database, media_root, tmp_path
):
    before = pages()
    assert {language for language, _, _ in before} == {"bg", "ro", "en"}
    content = os.urandom(64 * 1024)
    document = get_document_model().objects.create(
        title="Устав / Statut / Statute", file=ContentFile(content, name="statute.pdf")
    )
    media_before = files(media_root)
    assert media_before[document.file.name] == content

    archive = tmp_path / "backups" / "site.tar.gz"
    output = run("backup", output=str(archive))
    assert f"Backup written to {archive}" in output
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        assert f"media/{document.file.name}" in tar.getnames()
    assert manifest["database"]["vendor"] == connection.vendor
    assert {language for language, count in manifest["pages"].items() if count} == {
        "bg",
        "ro",
        "en",
    }
    assert manifest["documents"] >= 1

    # Lose a page in each language with everything below it, rename the home pages,
    # lose the document and its file, and leave a file the backup never had.
    section = Page.objects.filter(depth=3, locale__language_code="bg").first()
    for page in section.get_translations(inclusive=True):
        page.delete()
    Page.objects.filter(depth=2).update(title="Renamed")
    document_id, file_name = document.pk, document.file.name
    document.delete()
    (media_root / file_name).unlink(missing_ok=True)
    (media_root / "stray.txt").write_text("not in the backup")
    assert pages() != before

    output = run("restore", str(archive), interactive=False)

    assert "Restored the backup of" in output
    assert pages() == before
    restored = get_document_model().objects.get(pk=document_id)
    assert restored.title == "Устав / Statut / Statute"
    assert restored.file.read() == content
    assert files(media_root) == media_before
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "backups",
        "baseline.tar.gz",
        "media",
    ]


def test_a_failed_database_restore_puts_the_media_back(
    live_database, media_root, tmp_path, monkeypatch
):
    def unreachable(self, connection, dump):
        raise CommandError("the database server went away")

    (media_root / "kept.txt").write_text("kept")
    before = pages()
    with monkeypatch.context() as patch, pytest.raises(CommandError, match="went away"):
        patch.setattr(Restore, "restore_database", unreachable)
        run("restore", str(tmp_path / "baseline.tar.gz"), interactive=False)

    assert pages() == before
    assert files(media_root) == {"kept.txt": b"kept"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["baseline.tar.gz", "media"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "write, message",
    [
        (lambda path: path.write_bytes(os.urandom(4096)), "is not a readable backup archive"),
        (lambda path: path.write_bytes(b""), "is not a readable backup archive"),
        (
            lambda path: write_archive(
                path, {"format": "other", "version": 1}, [("media/a.txt", b"a")]
            ),
            "is not a backup written by `manage.py backup`",
        ),
        (
            lambda path: tarfile.open(path, "w:gz").close(),
            "has no readable manifest.json",
        ),
        (
            lambda path: write_archive(
                path,
                manifest_for(connection.vendor),
                [dump_of(connection.vendor), ("media/../../evil", b"x")],
            ),
            "holds an unsafe member",
        ),
        (
            lambda path: write_archive(
                path,
                manifest_for(connection.vendor),
                [dump_of(connection.vendor), ("settings.py", b"x")],
            ),
            "holds an unexpected member: settings.py",
        ),
        (
            lambda path: write_archive(
                path,
                manifest_for(connection.vendor),
                [dump_of(connection.vendor), ("media/new", b"")],
            ),
            "The archived database is not usable",
        ),
    ],
    ids=[
        "random-bytes",
        "empty",
        "foreign-manifest",
        "no-manifest",
        "traversal",
        "unexpected",
        "broken-database",
    ],
)
def test_an_unreadable_or_foreign_archive_is_refused_and_changes_nothing(
    media_root, tmp_path, write, message
):
    (media_root / "kept.txt").write_text("kept")
    archive = tmp_path / "archive.tar.gz"
    write(archive)
    before = pages()

    with pytest.raises(CommandError, match=message):
        run("restore", str(archive), interactive=False)

    assert pages() == before
    assert files(media_root) == {"kept.txt": b"kept"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["archive.tar.gz", "media"]


@pytest.mark.django_db
def test_a_backup_of_the_other_database_vendor_is_refused(media_root, tmp_path):
    other = OTHER_VENDOR[connection.vendor]
    archive = tmp_path / "other.tar.gz"
    write_archive(
        archive,
        manifest_for(other),
        [dump_of(other), ("media/a.txt", b"a")],
    )
    before = pages()

    with pytest.raises(CommandError) as refused:
        run("restore", str(archive), interactive=False)

    assert str(refused.value).startswith(
        f"This archive holds a {VENDOR_NAMES[other]} database, but the configured database "
        f"is {VENDOR_NAMES[connection.vendor]}"
    )
    assert pages() == before
    assert files(media_root) == {}


@pytest.mark.django_db
def test_restore_asks_first(media_root, tmp_path, monkeypatch):
    archive = tmp_path / "archive.tar.gz"
    write_archive(
        archive,
        manifest_for(connection.vendor),
        [dump_of(connection.vendor)],
    )
    questions = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "no")

    assert "Restore cancelled." in run("restore", str(archive))
    assert "Type 'yes' to continue" in questions[0]
    assert str(media_root.resolve()) in questions[0]
