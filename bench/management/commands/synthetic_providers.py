"""Synthetic providers for benchmarks and scale tests only; never part of the demo."""

import random
from decimal import Decimal

from django.core.management.base import BaseCommand
from wagtail.models import Locale

from home.caching import invalidate
from providers.models import District, Provider, ServiceType


class Command(BaseCommand):
    help = "Add N synthetic providers (external ids synthetic-…) in one language, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--synthetic", type=int, required=True, metavar="N")
        parser.add_argument("--language", default="bg")

    def handle(self, *args, synthetic, language, **options):
        create_synthetic(synthetic, Locale.objects.get(language_code=language))
        self.stdout.write(self.style.SUCCESS(f"Added {synthetic} synthetic providers."))


def create_synthetic(count, locale, seed=7):
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not security)
    districts = list(District.objects.filter(locale=locale, in_programme_area=True))
    services = list(ServiceType.objects.filter(locale=locale))
    start = Provider.objects.filter(locale=locale, external_id__startswith="synthetic-").count()
    providers = []
    for number in range(start, start + count):
        district = rng.choice(districts)
        providers.append(
            Provider(
                locale=locale,
                external_id=f"synthetic-{number}",
                name=f"Synthetic provider {number}",
                legal_form="ngo",
                country=district.country,
                district=district,
                settlement=district.name,
                latitude=(district.latitude + Decimal(rng.uniform(-0.3, 0.3))).quantize(
                    Decimal("0.000001")
                ),
                longitude=(district.longitude + Decimal(rng.uniform(-0.3, 0.3))).quantize(
                    Decimal("0.000001")
                ),
            )
        )
    created = Provider.objects.bulk_create(providers, batch_size=500)
    through = Provider.service_types.through
    through.objects.bulk_create(
        [through(provider_id=p.pk, servicetype_id=rng.choice(services).pk) for p in created],
        batch_size=1000,
    )
    invalidate()  # bulk_create sends no signal: the lists and counts kept in the cache go
    return created
