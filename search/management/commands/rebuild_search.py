import time

from django.core.management.base import BaseCommand

from search.documents import rebuild


class Command(BaseCommand):
    help = "Index every live public page and every provider for the site search again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the rebuild for the background worker instead of running it here.",
        )

    def handle(self, *args, background=False, **options):
        if background:
            from search.tasks import rebuild_search_task

            result = rebuild_search_task.enqueue()
            self.stdout.write(self.style.SUCCESS(f"Search rebuild queued (task {result.id})."))
            return
        started = time.monotonic()
        count = rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} search documents indexed in {time.monotonic() - started:.1f} s."
            )
        )
