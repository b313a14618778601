import time
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db.models.signals import post_save
from modelsearch import index as model_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.contributions import demo_builders


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

    def add_arguments(self, parser):
        parser.add_argument(
            "--sections-only",
            action="store_true",
            help="Only the site's structure: the home page and each section's page in the "
            "three languages, with the districts, categories and topics; no news, acts, "
            "providers or members (an empty site for production, the tests' base).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        # Each app declares its builder and its place in the order (home.contributions).
        builders = demo_builders(sections_only=options["sections_only"])
        with indexes_rebuilt_at_the_end():
            for index, (name, build) in enumerate(builders, start=1):
                self.stdout.write(f"[{index}/{len(builders)}] {name}")
                # No transaction around a whole builder: wagtail-localize publishes
                # translations on commit, and each step must see the previous one published.
                build(lambda message: self.stdout.write(f"    {message}"))
        what = "The sections" if options["sections_only"] else "Demo content"
        self.stdout.write(
            self.style.SUCCESS(f"{what} ready in {time.monotonic() - started:.1f} s.")
        )
