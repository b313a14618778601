"""The demo site, whole (load_demo): loaded again, its tree, translations, images and
descriptions. tests/demo/ is the one place that runs on the demo (``pytest.mark.demo``),
with the browser checks, which serve it; every other test makes its own data with the
factories (tests/<app>/factories.py) on the sections (tests/demo_template.py)."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from lxml import etree
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import FundingNotice, HomePage, Partner, StandardPage
from tests.standards.test_meta_description import descriptions

pytestmark = [pytest.mark.django_db, pytest.mark.demo]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "strings": StringTranslation.objects.count(),
        "partners": Partner.objects.count(),
        "notices": FundingNotice.objects.count(),
        "images": get_image_model().objects.count(),
    }


def test_load_demo_twice_changes_nothing(capsys):
    before = snapshot()
    call_command("load_demo")
    assert snapshot() == before
    assert "Demo content ready" in capsys.readouterr().out


def test_demo_tree_exists_in_three_languages():
    for model in (HomePage, StandardPage):
        counts = {
            code: model.objects.filter(locale__language_code=code, live=True).count()
            for code in ("bg", "ro", "en")
        }
        assert counts["bg"] >= 1 and counts["bg"] == counts["ro"] == counts["en"], counts
    assert Partner.objects.filter(locale__language_code="ro").count() == 2


def test_translations_are_synced_wagtail_localize_translations():
    """Translators find the demo as ordinary synced translations with translated segments."""
    for page in Page.objects.filter(locale__language_code="bg", depth__gte=2):
        source = TranslationSource.objects.get_for_instance(page)
        for code in ("ro", "en"):
            translation = Translation.objects.get(source=source, target_locale__language_code=code)
            total, translated = translation.get_progress()
            assert total == translated > 0, (page, code)


def test_demo_images_have_alternative_text():
    for image in get_image_model().objects.all():
        assert len(image.description) > 10
    for home in HomePage.objects.all():
        assert home.region_image and len(home.region_image_alt) > 20


def test_no_cedilla_in_romanian_segments():
    strings = StringTranslation.objects.filter(locale__language_code="ro")
    assert strings.exists()
    assert not [s.data for s in strings if re.search("[şţŞŢ]", s.data)]


def test_every_page_in_the_sitemap_describes_itself(client):
    """Lighthouse's SEO audit "meta-description": a description for the search engines'
    results on every page, in its own language and without markup."""
    root = etree.fromstring(client.get("/sitemap.xml").content)
    paths = [urlsplit(loc.text).path for loc in root.iter(f"{SITEMAP}loc")]
    assert len(paths) > 100
    missing = []
    for path in paths:
        found = descriptions(client, path)
        if len(found) != 1 or not found[0].strip() or "<" in found[0] or len(found[0]) > 300:
            missing.append((path, found))
    assert not missing, missing


def test_romanian_content_uses_comma_below_letters():
    for page in Page.objects.filter(locale__language_code="ro").specific():
        text = " ".join(str(value) for value in page.__dict__.values() if isinstance(value, str))
        text += " ".join(
            str(getattr(page, field.name))
            for field in page._meta.fields
            if field.get_internal_type() == "StreamField"
        )
        assert not re.search("[şţŞŢ]", text), page
