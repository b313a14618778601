"""Test data for the providers: a provider in one language, and its translations.

The sections (tests/demo_template.py) hold the districts, service types and target
groups in three languages; a provider here is in Vidin (BG311) unless told otherwise
(``ProviderFactory(romanian=True)``: in Craiova, Dolj, RO411).
``demo_provider("bg-fyc-vidin")`` is one of the demo's organisations
(providers/demo/providers.yaml) in the three languages ({language: provider}), made from
the demo's data by the demo's own code.
"""

import functools
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from home.caching import invalidate
from home.demo.support import LANGUAGES, load_yaml
from providers.demo import DATA, provider_fields
from providers.models import District, Provider, ServiceType, TargetGroup


def district(code="BG311"):
    """The district's source row (Bulgarian), which every language version points to."""
    return District.objects.get(code=code, locale__language_code="bg")


def terms(model, slugs, locale):
    return model.objects.filter(slug__in=slugs, locale=locale)


class ProviderFactory(DjangoModelFactory):
    """A live provider; ``service_types=["day-care", …]`` and ``target_groups=[…]`` by
    slug, in its own language; ``romanian=True`` for one across the Danube."""

    external_id = factory.Sequence(lambda n: f"bg-social-service-{n}")
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

    class Params:
        romanian = factory.Trait(
            external_id=factory.Sequence(lambda n: f"ro-social-service-{n}"),
            country="RO",
            district=factory.LazyFunction(lambda: district("RO411")),
            settlement="Крайова",
            address=factory.Sequence(lambda n: f"Str. Brestei nr. {n + 1}, Craiova"),
            latitude=Decimal("44.3302"),
            longitude=Decimal("23.7949"),
        )

    @factory.post_generation
    def service_types(provider, create, slugs, **kwargs):
        if create and slugs:
            provider.service_types.set(terms(ServiceType, slugs, provider.locale))

    @factory.post_generation
    def target_groups(provider, create, slugs, **kwargs):
        if create and slugs:
            provider.target_groups.set(terms(TargetGroup, slugs, provider.locale))

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


@functools.cache
def demo_items():
    """The demo's organisations by external id."""
    return {item["external_id"]: item for item in load_yaml(DATA)["providers"]}


# What a provider's language versions write in their own language.
TEXTS = ("name", "alternate_name", "municipality", "settlement", "description")


def demo_provider(external_id, languages=LANGUAGES, **changes):
    """One of the demo's organisations (``external_id`` in providers/demo/providers.yaml)
    in ``languages``, {language: provider}: filled by the demo's own ``provider_fields``,
    live, with its service types and target groups in each language. ``changes`` are set
    on every version (``phone=…``, ``capacity=…``)."""
    item = demo_items()[external_id]

    def filled(language, provider):
        provider = provider_fields(item, language, provider)
        for name, value in changes.items():
            setattr(provider, name, value)
        return provider

    source = filled(languages[0], ProviderFactory.build(district=district(item["district"])))
    source.locale = Locale.objects.get(language_code=languages[0])
    source.save()
    invalidate()  # as ProviderFactory does
    versions = {languages[0]: source}
    for language in languages[1:]:
        texts = filled(language, Provider())
        versions[language] = translate_provider(
            source, language, **{name: getattr(texts, name) for name in (*TEXTS, *changes)}
        )
    for provider in versions.values():
        provider.service_types.set(terms(ServiceType, item["service_types"], provider.locale))
        provider.target_groups.set(terms(TargetGroup, item["target_groups"], provider.locale))
    return versions
