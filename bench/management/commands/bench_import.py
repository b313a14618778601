"""Time the provider import on a synthetic file (`make bench`); never part of the demo.

Builds a CSV of N providers (external ids bench-import-…), then times reading it, the
validation alone (a dry run), the import that creates them all and the same file again
(every row an update). The rows are deleted afterwards unless --keep is given.
"""

import csv
import io
import random
import time

from django.core.management.base import BaseCommand
from wagtail.models import Locale

from providers.contract import NAMES
from providers.importer import Importer, read_rows
from providers.models import District, Provider, ServiceType, TargetGroup

PREFIX = "bench-import-"


def synthetic_csv(count, locale, seed=11):
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not security)
    districts = list(District.objects.filter(locale=locale, in_programme_area=True))
    services = list(ServiceType.objects.filter(locale=locale).values_list("slug", flat=True))
    groups = list(TargetGroup.objects.filter(locale=locale).values_list("slug", flat=True))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=NAMES)
    writer.writeheader()
    for number in range(count):
        district = rng.choice(districts)
        writer.writerow(
            {
                "external_id": f"{PREFIX}{number}",
                "name": f"Bench provider {number}",
                "legal_form": rng.choice(["ngo", "public", "municipal", "private"]),
                "country": district.country,
                "district": district.code,
                "settlement": district.name,
                "latitude": f"{float(district.latitude) + rng.uniform(-0.2, 0.2):.6f}",
                "longitude": f"{float(district.longitude) + rng.uniform(-0.2, 0.2):.6f}",
                "service_types": ";".join(rng.sample(services, min(2, len(services)))),
                "target_groups": ";".join(rng.sample(groups, min(1, len(groups)))),
                "capacity": str(rng.randint(5, 200)),
                "email": f"bench{number}@example.org",
                "website": f"https://example.org/{number}",
                "network_member": rng.choice(["yes", "no"]),
                "description": "A synthetic provider for the import benchmark.",
                "last_verified": "2026-01-15",
            }
        )
    return buffer.getvalue().encode()


class Command(BaseCommand):
    help = "Time the provider import (validation, creation, update) on N synthetic rows."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=20_000)
        parser.add_argument("--language", default="bg")
        parser.add_argument("--keep", action="store_true", help="Keep the imported rows.")

    def handle(self, *args, rows, language, keep, **options):
        locale = Locale.objects.get(language_code=language)
        Provider.objects.filter(external_id__startswith=PREFIX).delete()
        content = synthetic_csv(rows, locale)

        def timed(label, function):
            started = time.perf_counter()
            value = function()
            elapsed = time.perf_counter() - started
            self.stdout.write(f"{label:<22} {elapsed:8.2f} s  {1000 * elapsed / rows:7.3f} ms/row")
            return value

        self.stdout.write(f"Provider import, {rows} rows ({language}):")
        parsed = timed("read CSV", lambda: list(read_rows("bench.csv", content)))
        result = timed("validate (dry run)", lambda: Importer(locale).run(parsed, dry_run=True))
        if result.errors:
            self.stderr.write(f"{len(result.errors)} errors, first: {result.errors[0]}")
            return
        created = timed("import (create)", lambda: Importer(locale).run(parsed))
        updated = timed("import (update)", lambda: Importer(locale).run(parsed))
        self.stdout.write(
            f"created {created.created}, then updated {updated.updated}; "
            f"{Provider.objects.filter(external_id__startswith=PREFIX).count()} rows stored"
        )
        if not keep:
            Provider.objects.filter(external_id__startswith=PREFIX).delete()
