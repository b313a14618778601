import time
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db.models.signals import post_save
from modelsearch import index as model_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from community import demo as community_demo
from home import demo as home_demo
from home.visits import demo as visits_demo
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
    ("community", community_demo.build),  # after providers and the library's topics
    ("visits", visits_demo.build),  # page paths of every tree, community included
    ("search", build_search),
]


@contextmanager
def indexes_rebuilt_at_the_end():
    """Wagtail refreshes its admin search index and its reference index (usage counts)
    after every save, and the demo saves each object several times (draft, translations,
    publishing): a third of the load went there. Both are built once at the end instead."""
    models = [
        model
        for model in model_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)  # as modelsearch connects them
    ]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)


class Command(BaseCommand):
    help = "Load the demo content in Bulgarian, Romanian and English (safe to run again)."

    def handle(self, *args, **options):
        started = time.monotonic()
        with indexes_rebuilt_at_the_end():
            for index, (name, build) in enumerate(BUILDERS, start=1):
                self.stdout.write(f"[{index}/{len(BUILDERS)}] {name}")
                # No transaction around a whole builder: wagtail-localize publishes
                # translations on commit, and each step must see the previous one published.
                build(lambda message: self.stdout.write(f"    {message}"))
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready in {time.monotonic() - started:.1f} s.")
        )
