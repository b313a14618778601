"""Test data for the providers: a provider in one language, and its translations.

The sections (tests/demo_template.py) hold the districts, service types and target
groups in three languages; a provider here is in Vidin (BG311) unless told otherwise.
"""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from home.caching import invalidate
from providers.models import District, Provider, ServiceType


def district(code="BG311"):
    """The district's source row (Bulgarian), which every language version points to."""
    return District.objects.get(code=code, locale__language_code="bg")


class ProviderFactory(DjangoModelFactory):
    """A live provider; ``service_types=["day-care", …]`` by slug, in its own language."""

    name = factory.Sequence(lambda n: f"Социална услуга {n}")
    legal_form = Provider.LegalForm.NGO
    country = "BG"
    district = factory.LazyFunction(district)
    settlement = "Видин"
    address = factory.Sequence(lambda n: f"ул. „Цар Симеон Велики“ {n + 1}")
    latitude = Decimal("43.9916")
    longitude = Decimal("22.8824")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="bg"))
    live = True

    class Meta:
        model = Provider
        skip_postgeneration_save = True

    @factory.post_generation
    def service_types(provider, create, slugs, **kwargs):
        if create and slugs:
            provider.service_types.set(
                ServiceType.objects.filter(slug__in=slugs, locale=provider.locale)
            )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        provider = super()._create(model_class, *args, **kwargs)
        invalidate()
        return provider


def translate_provider(provider, language, **fields):
    """``provider``'s version in ``language`` (the same facts, its district in that
    language, as wagtail-localize makes it), live; ``fields`` (name, …) set on it."""
    locale = Locale.objects.get(language_code=language)
    copy = provider.copy_for_translation(locale)
    copy.district = provider.district.get_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.live = True
    copy.save()
    invalidate()
    return copy
