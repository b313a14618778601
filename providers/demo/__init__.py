"""Demo directory: districts, taxonomies and real organisations at their towns' coordinates."""

import datetime
from decimal import Decimal
from pathlib import Path

from wagtail.models import Site

from home.demo.support import SOURCE_LANGUAGE, demo_uuid, load_yaml, locales, pick, translate
from providers.models import District, Provider, ProviderMapPage, ServiceType, TargetGroup

DATA = Path(__file__).parent / "providers.yaml"
PAGE = {
    "slug": {"bg": "dostavchitsi", "ro": "furnizori", "en": "providers"},
    "title": {
        "bg": "Карта на доставчиците на социални услуги",
        "ro": "Harta furnizorilor de servicii sociale",
        "en": "Map of social service providers",
    },
    "lead": {
        "bg": "Намерете социална услуга близо до вас или от другата страна на Дунав: "
        "списъкът работи и без карта.",
        "ro": "Găsiți un serviciu social aproape de dumneavoastră sau de cealaltă parte a "
        "Dunării: lista funcționează și fără hartă.",
        "en": "Find a social service near you or across the Danube: the list works "
        "without the map too.",
    },
}


def build_sections(log):
    """The map page in three languages and its reference data (the districts, the
    service types and target groups); returns the districts and the taxonomies."""
    data = load_yaml(DATA)
    home = Site.objects.get(is_default_site=True).root_page.specific
    source = locales()[SOURCE_LANGUAGE]

    def get_or_create(model, key, **fields):
        translation_key = demo_uuid(model.__name__, key)
        row = model.objects.filter(translation_key=translation_key, locale=source).first()
        return row or model.objects.create(translation_key=translation_key, locale=source, **fields)

    districts = {}
    for item in data["districts"]:
        districts[item["code"]] = district = get_or_create(
            District,
            item["code"],
            name=pick(item["name"], SOURCE_LANGUAGE),
            code=item["code"],
            country=item["country"],
            in_programme_area=item["in_programme_area"],
            latitude=Decimal(str(item["latitude"])),
            longitude=Decimal(str(item["longitude"])),
        )
        translate(
            district,
            lambda lang, item=item, district=district: District(
                name=pick(item["name"], lang),
                code=district.code,
                country=district.country,
                in_programme_area=district.in_programme_area,
                latitude=district.latitude,
                longitude=district.longitude,
            ),
        )
    taxonomies = {}
    for model, key in ((ServiceType, "service_types"), (TargetGroup, "target_groups")):
        for item in data[key]:
            row = get_or_create(
                model, item["key"], name=pick(item["name"], SOURCE_LANGUAGE), slug=item["key"]
            )
            taxonomies[(model, item["key"])] = row
            translate(
                row,
                lambda lang, item=item, model=model: model(
                    name=pick(item["name"], lang), slug=item["key"]
                ),
            )
    log(f"districts: {len(districts)}, service types and target groups: {len(taxonomies)}")

    page = ProviderMapPage.objects.child_of(home).first()
    if page is None:
        page = page_fields(SOURCE_LANGUAGE, ProviderMapPage())
        home.add_child(instance=page)
        page.save_revision().publish()
    translate(page, lambda lang: page_fields(lang, ProviderMapPage()))
    return districts, taxonomies


def build(log):
    data = load_yaml(DATA)
    source = locales()[SOURCE_LANGUAGE]
    districts, taxonomies = build_sections(log)
    created = 0
    for item in data["providers"]:
        provider = Provider.objects.filter(external_id=item["external_id"], locale=source).first()
        if provider is None:
            provider = provider_fields(item, SOURCE_LANGUAGE, Provider(locale=source))
            provider.translation_key = demo_uuid("provider", item["external_id"])
            provider.district = districts[item["district"]]
            provider.save()
            provider.service_types.set(
                [taxonomies[(ServiceType, k)] for k in item["service_types"]]
            )
            provider.target_groups.set(
                [taxonomies[(TargetGroup, k)] for k in item["target_groups"]]
            )
        created += translate(
            provider,
            lambda lang, item=item, provider=provider: provider_fields(
                item, lang, Provider(district=provider.district)
            ),
        )
    log(f"providers: {len(data['providers'])}, {created} translations made")


def page_fields(language, page):
    page.title = pick(PAGE["title"], language)
    page.slug = pick(PAGE["slug"], language)
    page.lead = pick(PAGE["lead"], language)
    page.show_in_menus = True
    return page


def _text(value, language):
    return pick(value, language) if isinstance(value, dict) else (value or "")


def provider_fields(item, language, provider):
    provider.external_id = item["external_id"]
    provider.name = pick(item["name"], language)
    provider.alternate_name = _text(item.get("alternate_name"), language)
    provider.legal_form = item["legal_form"]
    provider.country = item["country"]
    provider.municipality = _text(item.get("municipality"), language)
    provider.municipality_kind = item.get("municipality_kind") or ""
    provider.settlement = pick(item["settlement"], language)
    provider.address = item.get("address") or ""  # one postal address, as written locally
    provider.postal_code = item.get("postal_code") or ""
    provider.latitude = Decimal(str(item["latitude"])).quantize(Decimal("0.000001"))
    provider.longitude = Decimal(str(item["longitude"])).quantize(Decimal("0.000001"))
    provider.description = _text(item.get("description"), language)
    provider.languages = ", ".join(item.get("languages") or [])
    provider.network_member = bool(item.get("network_member"))
    provider.confidential_location = bool(item.get("confidential"))
    provider.website = item.get("website") or ""
    provider.phone = item.get("phone") or ""
    provider.email = item.get("email") or ""
    provider.licence = item.get("licence") or ""
    provider.capacity = item.get("capacity")
    provider.last_verified = item.get("last_verified") or datetime.date(2026, 11, 24)
    return provider
