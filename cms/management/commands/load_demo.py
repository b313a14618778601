import time

from django.core.management.base import BaseCommand

from home import demo as home_demo
from library import demo as library_demo
from news import demo as news_demo
from providers import demo as providers_demo
from publications import demo as publications_demo
from search.documents import rebuild as rebuild_search


def build_search(log):
    log(f"{rebuild_search()} search documents")


BUILDERS = [
    ("home", home_demo.build),
    ("news", news_demo.build),
    ("providers", providers_demo.build),  # before the library: the statute links members
    ("library", library_demo.build),
    ("publications", publications_demo.build),
    ("search", build_search),
]


class Command(BaseCommand):
    help = "Load the demo content in Bulgarian, Romanian and English (safe to run again)."

    def handle(self, *args, **options):
        started = time.monotonic()
        for index, (name, build) in enumerate(BUILDERS, start=1):
            self.stdout.write(f"[{index}/{len(BUILDERS)}] {name}")
            # No transaction around a whole builder: wagtail-localize publishes
            # translations on commit, and each step must see the previous one published.
            build(lambda message: self.stdout.write(f"    {message}"))
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready in {time.monotonic() - started:.1f} s.")
        )
