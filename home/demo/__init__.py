"""Demo content of the home app: home page, standard pages, partners, funding notice."""

from decimal import Decimal
from pathlib import Path

from django.utils.html import escape
from wagtail.models import Site

from home.demo import drawings
from home.demo.support import (
    SOURCE_LANGUAGE,
    demo_uuid,
    get_or_create_image,
    load_yaml,
    locales,
    pick,
    refresh_page,
    stream,
    translate,
)
from home.models import FundingNotice, HomePage, Partner, SiteSettings, StandardPage

DATA = Path(__file__).parent
MENU_PAGES = {"about", "contacts"}


def build_sections(log):
    """The languages and the home page in each of them; returns the Bulgarian home."""
    home_data = load_yaml(DATA / "home.yaml")
    locales()
    home = build_home(home_data["home"])
    created = translate(home, lambda lang: home_fields(home_data["home"], lang, HomePage()))
    log(f"home page: {created} translations")
    return home


def build(log):
    """Build the Bulgarian tree and its ro/en translations; safe to run again."""
    home_data = load_yaml(DATA / "home.yaml")
    pages_data = load_yaml(DATA / "pages.yaml")["pages"]
    locales()

    notice = build_funding_notice(home_data["funding_notice"])
    log(
        f"funding notice: {translate(notice, lambda lang: funding_notice(home_data['funding_notice'], lang))} translations"
    )
    partners = [build_partner(item, index) for index, item in enumerate(home_data["partners"])]
    for partner, item in zip(partners, home_data["partners"], strict=True):
        translate(
            partner,
            lambda lang, item=item, partner=partner: partner_fields(
                item, lang, Partner(logo=partner.logo, sort_order=partner.sort_order)
            ),
        )
    log(f"partners: {len(partners)}")

    home = build_sections(log)

    by_key = {}
    for item in pages_data:
        page = build_standard_page(home, item)
        refresh_page(
            page,
            lambda lang, page, item=item: standard_fields(item, lang, page),
            ["seo_title", "lead", "body"],
        )
        by_key[item["key"]] = page
        count = translate(page, lambda lang, item=item: standard_fields(item, lang, StandardPage()))
        log(f"page '{item['key']}': {count} translations")

    configure_site(home, notice, by_key)


def funding_notice(data, language, notice=None):
    notice = notice or FundingNotice()
    for field in (
        "programme",
        "project_title",
        "project_code",
        "fund_reference",
        "disclaimer",
        "emblem_alt",
    ):
        setattr(notice, field, pick(data[field], language))
    return notice


def build_funding_notice(data):
    key = demo_uuid("funding-notice")
    notice = FundingNotice.objects.filter(
        translation_key=key, locale__language_code=SOURCE_LANGUAGE
    ).first()
    if notice is None:
        notice = funding_notice(data, SOURCE_LANGUAGE)
        notice.translation_key = key
        notice.locale = locales()[SOURCE_LANGUAGE]
        notice.save()
    return notice


def partner_fields(data, language, partner):
    partner.name = pick(data["name"], language)
    partner.role = pick(data["role"], language)
    partner.city = pick(data["city"], language)
    partner.description = pick(data["description"], language)
    partner.country = data["country"]
    partner.url = data["url"]
    return partner


def build_partner(data, index):
    key = demo_uuid("partner", data["key"])
    partner = Partner.objects.filter(
        translation_key=key, locale__language_code=SOURCE_LANGUAGE
    ).first()
    if partner is None:
        name = pick(data["name"], "en")
        logo = get_or_create_image(
            f"Logo: {name}", lambda: drawings.wordmark(name, data["country"]), alt_text=name
        )
        partner = partner_fields(data, SOURCE_LANGUAGE, Partner(logo=logo, sort_order=index))
        partner.translation_key = key
        partner.locale = locales()[SOURCE_LANGUAGE]
        partner.save()
    return partner


def _list_html(items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def home_fields(data, language, page):
    page.title = pick(data["title"], language)
    page.slug = "home" if language == SOURCE_LANGUAGE else f"home-{language}"
    page.seo_title = pick(data["seo_title"], language)
    page.search_description = pick(data["search_description"], language)
    page.lead = pick(data["lead"], language)
    page.objective = pick(data["objective"], language)
    page.target_groups = _list_html(pick(data["target_groups"], language))
    page.region_image_alt = pick(data["region_image_alt"], language)
    page.region_image_caption = pick(data["region_image_caption"], language)
    page.period_start = data["period_start"]
    page.period_end = data["period_end"]
    page.activities = stream(
        [{"type": "activity", "value": item} for item in data["activities"]],
        language,
        "home.activities",
    )
    page.results = stream(
        [{"type": "result", "value": item} for item in data["results"]], language, "home.results"
    )
    page.budget_total = Decimal(data["budget_total"])
    page.funding = stream(
        [{"type": "source", "value": item} for item in data["funding"]], language, "home.funding"
    )
    return page


def build_home(data):
    """Fill the empty home page that the migration created, once."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if home.latest_revision_id:
        return home
    home = home_fields(data, SOURCE_LANGUAGE, home)
    home.region_image = get_or_create_image(
        "Programme area: the Bulgarian–Romanian border along the Danube",
        drawings.region_map,
        alt_text=pick(data["region_image_alt"], "en"),
    )
    home.save_revision().publish()
    return home


def standard_fields(data, language, page):
    page.title = pick(data["title"], language)
    page.slug = pick(data["slug"], language)
    page.seo_title = pick(data["seo_title"], language)
    page.search_description = pick(data["search_description"], language)
    page.lead = pick(data["lead"], language)
    page.body = stream(
        [_body_block(block) for block in data["body"]], language, f"page.{data['key']}"
    )
    page.show_in_menus = data["key"] in MENU_PAGES
    return page


def _body_block(block):
    """Demo YAML keeps block values readable; map them onto the block library's fields."""
    value = dict(block["value"])
    if block["type"] == "rich_text":
        return {"type": "rich_text", "value": value["html"]}
    if block["type"] == "call_to_action":
        value["external_url"] = value.pop("url", "")
    return {"type": block["type"], "value": value}


def build_standard_page(home, data):
    slug = pick(data["slug"], SOURCE_LANGUAGE)
    existing = home.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = standard_fields(data, SOURCE_LANGUAGE, StandardPage())
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def configure_site(home, notice, pages):
    site = Site.objects.get(root_page=home)
    settings = SiteSettings.for_site(site)
    if settings.funding_notice_id:
        return
    settings.funding_notice = notice
    settings.contact_email = "info@socialcohesion.example"
    settings.contact_phone = "+359 94 000 000"
    settings.contact_page = pages.get("contacts")
    settings.privacy_page = pages.get("privacy")
    settings.accessibility_page = pages.get("accessibility")
    settings.save()
