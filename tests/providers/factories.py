"""Test data for the providers: a provider in one language, and its translations.

The sections (tests/demo_template.py) hold the districts, service types and target
groups in three languages; a provider here is in Vidin (BG311) unless told otherwise
(``ProviderFactory(romanian=True)``: in Craiova, Dolj, RO411). ``fyc_vidin()``,
``vasiliada_craiova()``, ``zhaneta_razgrad()``, ``dgaspc_dolj()`` and ``rdsp_vidin()`` are
some of the demo's organisations (providers/demo/providers.yaml), each in the three
languages ({language: provider}).
"""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from home.caching import invalidate
from providers.models import District, Provider, ServiceType, TargetGroup

DEMO_VERIFIED = datetime.date(2026, 11, 24)  # when the demo's facts were compiled


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


def translated_providers(fields, **facts):
    """A provider in each language of ``fields`` ({language: {name: …, settlement: …}}):
    the first language's version made with ``facts`` (``ProviderFactory`` arguments), the
    others its translations. Returns {language: provider}."""
    (source_language, source_fields), *others = fields.items()
    locale = Locale.objects.get(language_code=source_language)
    source = ProviderFactory(locale=locale, **facts, **source_fields)
    versions = {source_language: source}
    for language, values in others:
        versions[language] = translate_provider(source, language, **values)
    return versions


def in_languages(value, languages=("bg", "ro", "en")):
    """{"bg": {...}, "ro": {...}, "en": {...}} from {field: {language: value}}."""
    return {
        language: {name: text[language] for name, text in value.items()} for language in languages
    }


# Some of the demo's organisations, with the demo's facts.


def fyc_vidin(**facts):
    """The Free Youth Centre, Vidin (bg-fyc-vidin): a network member, postal code 3700."""
    return translated_providers(
        in_languages(
            {
                "name": {
                    "bg": "Свободен младежки център",
                    "ro": "Centrul Liber pentru Tineret",
                    "en": "Free Youth Centre",
                },
                "municipality": {"bg": "Видин", "ro": "Vidin", "en": "Vidin"},
                "settlement": {"bg": "Видин", "ro": "Vidin", "en": "Vidin"},
            }
        ),
        **{
            "external_id": "bg-fyc-vidin",
            "municipality_kind": "obshtina",
            "address": "",
            "postal_code": "3700",
            "service_types": ["information-and-counselling", "training-for-professionals"],
            "target_groups": ["young-people", "professionals"],
            "languages": "bg, en",
            "network_member": True,
            "website": "https://fyc-vidin.org/",
            "last_verified": DEMO_VERIFIED,
            **facts,
        },
    )


def vasiliada_craiova(**facts):
    """The Vasiliada Association, Craiova (ro-vasiliada-craiova), in Dolj, Romania."""
    return translated_providers(
        in_languages(
            {
                "name": {
                    "bg": "Асоциация „Василиада“",
                    "ro": "Asociația Vasiliada",
                    "en": "Vasiliada Association",
                },
                "municipality": {"bg": "Крайова", "ro": "Craiova", "en": "Craiova"},
                "settlement": {"bg": "Крайова", "ro": "Craiova", "en": "Craiova"},
            }
        ),
        **{
            "romanian": True,
            "external_id": "ro-vasiliada-craiova",
            "municipality_kind": "municipiu",
            "address": "",
            "service_types": [
                "information-and-counselling",
                "community-support",
                "day-care",
                "residential-care",
            ],
            "target_groups": ["children-and-families", "young-people", "older-people"],
            "languages": "ro, en",
            "network_member": True,
            "website": "http://www.asociatiavasiliada.ro/",
            "last_verified": DEMO_VERIFIED,
            **facts,
        },
    )


def zhaneta_razgrad(**facts):
    """ZHANETA, Razgrad (bg-zhaneta-razgrad): a street address and a postal code."""
    return translated_providers(
        in_languages(
            {
                "name": {
                    "bg": "Сдружение „Женска алтернатива за независимост, етническа "
                    "толерантност и асоцииране“ – ЖАНЕТА",
                    "ro": "Asociația „Alternativa femeilor pentru independență, toleranță "
                    "etnică și asociere” – ZHANETA",
                    "en": "Women's Alternative for Independence, Ethnic Tolerance and "
                    "Association – ZHANETA",
                },
                "alternate_name": {"bg": "ЖАНЕТА", "ro": "ZHANETA", "en": "ZHANETA"},
                "municipality": {"bg": "Разград", "ro": "Razgrad", "en": "Razgrad"},
                "settlement": {"bg": "Разград", "ro": "Razgrad", "en": "Razgrad"},
            }
        ),
        **{
            "external_id": "bg-zhaneta-razgrad",
            "district": district("BG324"),
            "municipality_kind": "obshtina",
            "address": "бул. „България“ № 4, Разград",
            "postal_code": "7200",
            "latitude": Decimal("43.5333"),
            "longitude": Decimal("26.5167"),
            "service_types": ["training-for-professionals", "information-and-counselling"],
            "target_groups": ["professionals", "children-and-families"],
            "languages": "bg",
            "website": "http://www.janeta.bg/",
            "last_verified": DEMO_VERIFIED,
            **facts,
        },
    )


def dgaspc_dolj(**facts):
    """The child protection directorate of Dolj (ro-dgaspc-dolj), a public body in Craiova."""
    return translated_providers(
        in_languages(
            {
                "name": {
                    "bg": "Главна дирекция за социално подпомагане и закрила на детето – Долж",
                    "ro": "Direcția Generală de Asistență Socială și Protecția Copilului Dolj",
                    "en": "General Directorate for Social Assistance and Child Protection Dolj",
                },
                "municipality": {"bg": "Крайова", "ro": "Craiova", "en": "Craiova"},
                "settlement": {"bg": "Крайова", "ro": "Craiova", "en": "Craiova"},
            }
        ),
        **{
            "romanian": True,
            "external_id": "ro-dgaspc-dolj",
            "alternate_name": "DGASPC Dolj",
            "legal_form": Provider.LegalForm.PUBLIC,
            "municipality_kind": "municipiu",
            "address": "",
            "service_types": ["child-protection", "disability-support", "residential-care"],
            "target_groups": ["children-and-families", "people-with-disabilities"],
            "languages": "ro",
            "last_verified": DEMO_VERIFIED,
            **facts,
        },
    )


def rdsp_vidin(**facts):
    """The Regional Social Assistance Directorate – Vidin (bg-rdsp-vidin), a public body."""
    return translated_providers(
        in_languages(
            {
                "name": {
                    "bg": "Регионална дирекция за социално подпомагане – Видин",
                    "ro": "Direcția Regională de Asistență Socială Vidin",
                    "en": "Regional Social Assistance Directorate – Vidin",
                },
                "alternate_name": {"bg": "РДСП Видин", "ro": "RDSP Vidin", "en": "RDSP Vidin"},
                "municipality": {"bg": "Видин", "ro": "Vidin", "en": "Vidin"},
                "settlement": {"bg": "Видин", "ro": "Vidin", "en": "Vidin"},
            }
        ),
        **{
            "external_id": "bg-rdsp-vidin",
            "legal_form": Provider.LegalForm.PUBLIC,
            "municipality_kind": "obshtina",
            "address": "",
            "postal_code": "3700",
            "service_types": ["social-assistance-benefits", "child-protection"],
            "target_groups": ["people-at-risk-of-poverty", "children-and-families"],
            "languages": "bg",
            "last_verified": DEMO_VERIFIED,
            **facts,
        },
    )
