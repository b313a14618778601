import time

from django.core.management.base import BaseCommand

from search.documents import rebuild


class Command(BaseCommand):
    help = "Index every live public page and every provider for the site search again."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} search documents indexed in {time.monotonic() - started:.1f} s."
            )
        )
