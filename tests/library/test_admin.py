import pytest
from django.urls import reverse

from library.models import LegislationPage

pytestmark = pytest.mark.django_db


def test_legislation_listing_filters_by_jurisdiction_and_language(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("legislation:index"), {"jurisdiction": "RO", "locale": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    for page in LegislationPage.objects.filter(locale__language_code="en"):
        assert (page.title in html) == (page.jurisdiction == "RO"), page.title


def test_article_numbers_are_not_offered_for_translation():
    from wagtail_localize.models import StringSegment

    act = LegislationPage.objects.filter(locale__language_code="bg").exclude(articles=[]).first()
    number = act.articles[0].value["number"]
    contexts = StringSegment.objects.filter(source__object_id=act.translation_key).values_list(
        "context__path", flat=True
    )
    assert not [path for path in contexts if path.endswith(".number")]
    assert number  # the article keeps its number in every language
    for translation in act.get_translations():
        assert translation.specific.articles[0].value["number"] == number
