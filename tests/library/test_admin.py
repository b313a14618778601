import pytest
from django.urls import reverse

from library.models import LegislationPage, LibraryIndexPage
from tests.home.factories import localize
from tests.library.factories import LegislationPageFactory

pytestmark = pytest.mark.django_db


def test_legislation_listing_filters_by_jurisdiction_and_language(client, admin_user):
    for language in ("en", "bg"):
        index = LibraryIndexPage.objects.get(locale__language_code=language)
        for jurisdiction in ("RO", "BG"):
            LegislationPageFactory(
                parent=index, jurisdiction=jurisdiction, title=f"{jurisdiction} act ({language})"
            )
    client.force_login(admin_user)
    response = client.get(reverse("legislation:index"), {"jurisdiction": "RO", "locale": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    for page in LegislationPage.objects.all():
        shown = page.jurisdiction == "RO" and page.locale.language_code == "en"
        assert (page.title in html) == shown, page.title


def test_article_numbers_are_not_offered_for_translation():
    from wagtail_localize.models import StringSegment

    act = LegislationPageFactory(
        parent=LibraryIndexPage.objects.get(locale__language_code="bg"),
        articles=[
            {"type": "article", "value": {"number": "15а", "heading": "Цел", "body": "<p>…</p>"}}
        ],
    )
    for language in ("ro", "en"):
        localize(act, language)
    number = act.articles[0].value["number"]
    contexts = StringSegment.objects.filter(source__object_id=act.translation_key).values_list(
        "context__path", flat=True
    )
    assert not [path for path in contexts if path.endswith(".number")]
    assert number  # the article keeps its number in every language
    for translation in act.get_translations():
        assert translation.specific.articles[0].value["number"] == number
