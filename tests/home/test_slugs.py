"""Page addresses in readable Latin letters: Bulgarian by the official transliteration,
Romanian without diacritics, an editor's own Latin slug kept."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.models import StringTranslation, TranslationSource

from home.transliteration import SLUG_FORMATTERS, bg_to_latin, latin_slug
from news.models import NewsCategory, NewsIndexPage, NewsPage

BG_TITLE = "Кръгла маса в Русе и Гюргево"
BG_SLUG = "kragla-masa-v-ruse-i-gyurgevo"
RO_TITLE = "Întâlnire la Călărași și Țăndărei"
RO_SLUG = "intalnire-la-calarasi-si-tandarei"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("България", "bulgaria"),  # the country keeps its traditional name
        ("София", "sofia"),  # "ия" at the end of a word is "ia"
        ("Илияна", "iliyana"),  # elsewhere "и" + "я"
        ("щастие", "shtastie"),
        ("Търговище", "targovishte"),
        ("ъгъл", "agal"),
        ("Гьоте", "gyote"),
        ("Юлия", "yulia"),
        ("жълт цвят", "zhalt tsvyat"),
        ("Хасково, Йордан", "haskovo, yordan"),
        ("Румъния и България", "rumania i bulgaria"),
        ("българската", "balgarskata"),  # only the country's name is an exception
    ],
)
def test_official_bulgarian_transliteration(cyrillic, latin):
    assert bg_to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (BG_TITLE, BG_SLUG),
        (RO_TITLE, RO_SLUG),
        ("Întâlnire la Călăraşi şi Ţăndărei", RO_SLUG),  # cedilla forms
        ("ÎNTÂLNIRE LA CĂLĂRAȘI", "intalnire-la-calarasi"),
        ("Social services: 2025 report", "social-services-2025-report"),
        ("кръгла-маса-в-русе", "kragla-masa-v-ruse"),  # a Cyrillic slug typed by hand
        ("Straße in Łódź", "strasse-in-lodz"),
        ("!!!", ""),
    ],
)
def test_latin_slug(text, slug):
    assert latin_slug(text) == slug


def _browser_preview(title):
    """What Wagtail 8's w-slug controller makes of a title: the formatters, then urlify
    with WAGTAIL_ALLOW_UNICODE_SLUGS (lowercase, keep letters, digits, - and _)."""
    value = title.strip()
    for pattern, replacement in SLUG_FORMATTERS:
        value = pattern.sub(replacement, value)
    value = re.sub(r"[^-_\w\s]", "", value.lower())
    value = re.sub(r"[-\s]+", "-", value)[:255]
    return value.rstrip("-")


@pytest.mark.parametrize(
    "title", [BG_TITLE, RO_TITLE, "СОФИЯ, ЩАСТИЕ И БЪЛГАРИЯ", "Ден на Ямбол 2025"]
)
def test_admin_slug_preview_agrees_with_the_server(title):
    assert _browser_preview(title) == latin_slug(title)


def _news_data(title, slug, category, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-05-14",
            "category": category.pk,
            "lead": "Lead.",
            "body": streamfield([]),
            "gallery": streamfield([]),
            "related_pages": streamfield([]),
            "tags": "",
            **extra,
        }
    )


def _add_news(client, language, title, slug, **extra):
    index = NewsIndexPage.objects.get(locale__language_code=language)
    category = NewsCategory.objects.filter(locale__language_code=language).first()
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    response = client.post(url, _news_data(title, slug, category, **extra))
    assert response.status_code == 302, response.content.decode()[:3000]
    return index, NewsPage.objects.get(locale__language_code=language, title=title)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["", "кръгла-маса-в-русе-и-гюргево", "Кръгла-Маса"])
def test_new_bulgarian_page_gets_the_official_latin_address(client, admin_user, slug):
    client.force_login(admin_user)
    index, page = _add_news(client, "bg", BG_TITLE, slug, **{"action-publish": "Publish"})
    expected = BG_SLUG if slug != "Кръгла-Маса" else "kragla-masa"
    assert page.slug == expected
    assert page.url == f"{index.url}{expected}/"
    assert page.url.startswith("/bg/")
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["", "întâlnire-la-călărași-și-țăndărei"])
def test_new_romanian_page_gets_an_address_without_diacritics(client, admin_user, slug):
    client.force_login(admin_user)
    index, page = _add_news(client, "ro", RO_TITLE, slug)
    assert page.slug == RO_SLUG
    assert page.url == f"{index.url}{RO_SLUG}/"
    assert page.url.startswith("/ro/")


@pytest.mark.django_db
def test_a_latin_slug_the_editor_typed_is_kept(client, admin_user):
    client.force_login(admin_user)
    _index, page = _add_news(client, "bg", BG_TITLE, "forum-ruse-giurgiu")
    assert page.slug == "forum-ruse-giurgiu"


@pytest.mark.django_db
def test_a_title_made_address_stays_unique_among_siblings(client, admin_user):
    client.force_login(admin_user)
    _add_news(client, "bg", BG_TITLE, "")
    index = NewsIndexPage.objects.get(locale__language_code="bg")
    category = NewsCategory.objects.filter(locale__language_code="bg").first()
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    assert client.post(url, _news_data(BG_TITLE, "", category)).status_code == 302
    slugs = set(index.get_children().filter(title=BG_TITLE).values_list("slug", flat=True))
    assert slugs == {BG_SLUG, f"{BG_SLUG}-2"}


@pytest.mark.django_db
def test_a_typed_slug_that_is_taken_is_refused(client, admin_user):
    client.force_login(admin_user)
    _add_news(client, "bg", BG_TITLE, "")
    index = NewsIndexPage.objects.get(locale__language_code="bg")
    category = NewsCategory.objects.filter(locale__language_code="bg").first()
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    response = client.post(url, _news_data("Друга кръгла маса", BG_SLUG, category))
    assert response.status_code == 200
    assert index.get_children().filter(slug=BG_SLUG).count() == 1


@pytest.mark.django_db
def test_a_typed_cyrillic_slug_that_is_taken_is_refused_in_latin(client, admin_user):
    client.force_login(admin_user)
    _add_news(client, "bg", BG_TITLE, "")
    index = NewsIndexPage.objects.get(locale__language_code="bg")
    category = NewsCategory.objects.filter(locale__language_code="bg").first()
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    data = _news_data("Друга кръгла маса", "кръгла-маса-в-русе-и-гюргево", category)
    response = client.post(url, data)
    assert response.status_code == 200
    assert f"The slug &#x27;{BG_SLUG}&#x27; is already in use" in response.content.decode()
    assert index.get_children().filter(slug=BG_SLUG).count() == 1


@pytest.mark.django_db
def test_a_slug_changed_to_cyrillic_on_an_existing_page_is_transliterated(client, admin_user):
    client.force_login(admin_user)
    index, page = _add_news(client, "bg", BG_TITLE, "")
    category = NewsCategory.objects.filter(locale__language_code="bg").first()
    data = _news_data(BG_TITLE, "среща-в-гюргево", category)
    data["loaded_revision_id"] = page.latest_revision_id
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.slug == "sreshta-v-gyurgevo"


@pytest.mark.django_db
def test_the_admin_slug_field_previews_the_official_transliteration(client, admin_user):
    client.force_login(admin_user)
    index = NewsIndexPage.objects.get(locale__language_code="bg")
    html = client.get(reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk]))
    html = html.content.decode()
    slug_input = re.search(r'<input[^>]*name="slug"[^>]*>', html).group()
    assert 'data-controller="w-slug"' in slug_input
    assert "data-w-slug-formatters-value=" in slug_input
    assert "sht" in slug_input  # щ → sht, not Wagtail's Russian "shh"
    assert " required" not in slug_input  # left empty, the title makes it


@pytest.mark.django_db
def test_an_existing_page_keeps_its_address_until_it_is_changed(client, admin_user):
    """A page saved with a Cyrillic address before this change is not moved by an edit."""
    client.force_login(admin_user)
    _index, page = _add_news(client, "bg", BG_TITLE, "")
    type(page).objects.filter(pk=page.pk).update(slug="кръгла-маса")
    page.refresh_from_db()
    page.lead = "Changed."
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.slug == "кръгла-маса"


@pytest.mark.django_db
def test_pages_made_in_code_get_a_latin_address():
    index = NewsIndexPage.objects.get(locale__language_code="bg")
    page = index.add_child(instance=NewsPage(title=BG_TITLE, lead="Lead."))
    assert page.slug == BG_SLUG
    other = index.add_child(instance=NewsPage(title="Друго", slug="щастие", lead="Lead."))
    assert other.slug == "shtastie"


@pytest.mark.django_db
def test_a_wagtail_localize_translation_gets_a_latin_address(admin_user):
    """A Romanian page translated into Bulgarian; its slug translated with Cyrillic letters
    (as a translator or a machine translator would) still gives a readable address."""
    ro_index = NewsIndexPage.objects.get(locale__language_code="ro")
    source_page = ro_index.add_child(instance=NewsPage(title=RO_TITLE, lead="Lead."))
    assert source_page.slug == RO_SLUG
    source, _created = TranslationSource.get_or_create_from_instance(source_page)
    bg = Locale.objects.get(language_code="bg")
    translated = {"title": BG_TITLE, "slug": "кръгла-маса-в-русе-и-гюргево"}
    for segment in source.stringsegment_set.select_related("context", "string"):
        if segment.context.path in translated:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=bg,
                context=segment.context,
                data=translated[segment.context.path],
            )
    page, _created = source.create_or_update_translation(
        bg, user=admin_user, publish=False, fallback=True
    )
    page.refresh_from_db()
    assert page.locale == bg
    assert page.title == BG_TITLE
    assert page.slug == BG_SLUG
