"""Demo news: categories, the news index of each language and the news items."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site

from home.demo import drawings
from home.demo.support import (
    SOURCE_LANGUAGE,
    demo_uuid,
    get_or_create_image,
    index_page_fields,
    load_yaml,
    locales,
    pick,
    refresh_page,
    retranslate,
    stream,
    translate,
)
from news.models import NewsCategory, NewsIndexPage, NewsPage

DATA = Path(__file__).parent / "news.yaml"


def build_sections(log):
    """The news index in three languages and the categories; returns both."""
    data = load_yaml(DATA)
    home = Site.objects.get(is_default_site=True).root_page.specific
    categories = {item["key"]: build_category(item) for item in data["categories"]}
    for item in data["categories"]:
        translate(
            categories[item["key"]],
            lambda lang, item=item: NewsCategory(name=pick(item["name"], lang), slug=item["key"]),
        )
    log(f"news categories: {len(categories)}")

    index = build_index(home, data["index"])
    refresh_page(
        index, lambda lang, page: index_page_fields(data["index"], lang, page), ["seo_title"]
    )
    translate(index, lambda lang: index_page_fields(data["index"], lang, NewsIndexPage()))
    return index, categories


def build(log):
    data = load_yaml(DATA)
    index, categories = build_sections(log)
    created = 0
    for position, item in enumerate(data["items"]):
        page = build_item(index, item, categories, position)
        created += translate(
            page,
            lambda lang, item=item, page=page: item_fields(
                item, lang, NewsPage(category=page.category, listing_image=page.listing_image)
            ),
        )
        tag_translations(page, item.get("tags", []))
    remove_replaced_images()
    log(f"news items: {len(data['items'])}, {created} translations made")


def build_category(item):
    key = demo_uuid("news-category", item["key"])
    category = NewsCategory.objects.filter(
        translation_key=key, locale__language_code=SOURCE_LANGUAGE
    ).first()
    if category is None:
        category = NewsCategory.objects.create(
            name=pick(item["name"], SOURCE_LANGUAGE),
            slug=item["key"],
            translation_key=key,
            locale=locales()[SOURCE_LANGUAGE],
        )
    return category


def build_index(home, data):
    existing = NewsIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    page = index_page_fields(data, SOURCE_LANGUAGE, NewsIndexPage())
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _aware(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _decimal(value):
    return None if value is None else Decimal(str(value))


def item_fields(data, language, page):
    page.title = pick(data["title"], language)
    page.slug = pick(data["slug"], language)
    page.lead = pick(data["lead"], language)
    page.search_description = pick(data["lead"], language)[:300]
    page.date = data["date"]
    page.body = stream(
        [
            {"type": "rich_text", "value": b["value"]["html"]} if b["type"] == "rich_text" else b
            for b in data["body"]
        ],
        language,
        f"news.{data['key']}.body",
    )
    page.gallery = stream(
        [
            {
                "type": "image",
                "value": {"image": image_id, "alt_text": g["alt"], "caption": g["caption"]},
            }
            for image_id, g in zip(
                data.get("_image_ids", []), data.get("gallery", []), strict=False
            )
        ],
        language,
        f"news.{data['key']}.gallery",
    )
    event = data.get("event")
    if event:
        page.event_start = _aware(event["start"])
        page.event_end = _aware(event.get("end"))
        page.event_place = pick(event["place"], language)
        page.event_latitude = _decimal(event.get("latitude"))
        page.event_longitude = _decimal(event.get("longitude"))
    return page


def build_item(index, data, categories, position):
    slug = pick(data["slug"], SOURCE_LANGUAGE)
    # A wordless illustration per gallery entry; the admin title is the Bulgarian
    # description, each page's alt text is in the page's own language.
    data["_image_ids"] = [
        get_or_create_image(
            pick(graphic["alt"], SOURCE_LANGUAGE),
            lambda graphic=graphic, n=n: drawings.illustration(
                graphic["picture"], f"{data['key']}.{n}"
            ),
            alt_text=pick(graphic["alt"], SOURCE_LANGUAGE),
        ).pk
        for n, graphic in enumerate(data.get("gallery", []))
    ]
    existing = index.get_children().filter(slug=slug).first()
    if existing:
        page = existing.specific
        refresh_gallery(page, data)
        return page
    page = item_fields(data, SOURCE_LANGUAGE, NewsPage())
    page.category = categories.get(data.get("category"))
    if data["_image_ids"]:
        page.listing_image_id = data["_image_ids"][0]
    index.add_child(instance=page)
    page.tags.add(*pick(data.get("tags", []), SOURCE_LANGUAGE))
    page.save_revision().publish()
    return page


def refresh_gallery(page, data):
    """Bring an existing item's pictures and their alt texts up to date, in every language."""
    wanted = item_fields(data, SOURCE_LANGUAGE, NewsPage()).gallery
    listing_image_id = data["_image_ids"][0] if data["_image_ids"] else None
    if (
        list(page.gallery.raw_data) == list(wanted.raw_data)
        and page.listing_image_id == listing_image_id
    ):
        return
    page.gallery = wanted
    page.listing_image_id = listing_image_id
    page.save_revision().publish()
    retranslate(
        page,
        lambda lang: item_fields(
            data, lang, NewsPage(category=page.category, listing_image_id=listing_image_id)
        ),
    )


def remove_replaced_images():
    """The map-pin posters with English captions that the illustrations replaced."""
    get_image_model().objects.filter(title__startswith="News graphic: ").delete()


def tag_translations(page, tags):
    """Each language version carries the tags in its own language (a translation starts
    with the Bulgarian ones); published only where they differ, so a rerun changes nothing."""
    for translation in NewsPage.objects.filter(translation_key=page.translation_key).exclude(
        pk=page.pk
    ):
        names = pick(tags, translation.locale.language_code)
        if sorted(translation.tags.names()) != sorted(names):
            translation.tags.set(names)
            translation.save_revision().publish()
