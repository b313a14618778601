from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from providers.contract import NAMES
from providers.importer import Importer, ImportFileError, read_rows


class Command(BaseCommand):
    help = (
        "Import providers from a CSV or XLSX file, all or nothing, matched by external_id. "
        "Columns: " + ", ".join(NAMES)
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--language", default="bg", help="Language of the file's texts.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file; change nothing."
        )

    def handle(self, *args, file, language, dry_run, **options):
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            raise CommandError(f"Unknown language: {language}")
        try:
            with open(file, "rb") as handle:
                content = handle.read()
            rows = list(read_rows(file, content))
        except (OSError, ImportFileError) as error:
            raise CommandError(str(error)) from error

        stages = {"check": "checking", "write": "writing", "index": "indexing"}

        def progress(stage, done, total):
            width = 30
            filled = int(width * done / total) if total else width
            self.stdout.write(
                f"\r{stages[stage]:<9}[{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
                ending="",
            )
            self.stdout.flush()

        result = Importer(locale).run(rows, dry_run=dry_run, progress=progress)
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} error(s): nothing was imported.")
        self.stdout.write("")
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result.created} and {'would update' if dry_run else 'updated'} "
                f"{result.updated} providers."
            )
        )
