"""The search page: one language, types with counts, excerpts, promotions, upkeep."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from home.models import StandardPage
from providers.models import Provider
from publications.models import PublicationIndexPage
from search.analysis import analyze_query
from search.documents import rebuild
from search.excerpts import excerpt
from search.models import SearchDocument
from tests.home.factories import StandardPageFactory, home_pages, translated_pages
from tests.library.factories import LegislationPageFactory, library_index
from tests.news.factories import NewsPageFactory, info_day_in_strelcha, news_index
from tests.providers.factories import demo_provider
from tests.publications.factories import PublicationPageFactory

pytestmark = [pytest.mark.django_db]


@pytest.fixture(scope="module", autouse=True)
def content(module_data):
    """A little of each kind in three languages, indexed as the site indexes it: made
    once for the module's tests."""
    return module_data(_content)


def _content():
    homes = home_pages()
    info_day_in_strelcha()  # "социални услуги" in the lead and body
    translated_pages(
        StandardPageFactory,
        homes["bg"],
        {
            "bg": {
                "title": "Социалните услуги в региона",
                "slug": "sotsialnite-uslugi",
                "lead": "Как работят социалните услуги по програмата Interreg.",
            },
            "ro": {
                "title": "Asistență socială în regiune",
                "slug": "asistenta-sociala",
                "lead": "Asistență socială prin programul Interreg.",
            },
            "en": {
                "title": "Social services in the region",
                "slug": "social-services",
                "lead": "Social services under the Interreg programme.",
            },
        },
    )
    translated_pages(
        StandardPageFactory,
        homes["bg"],
        {
            "bg": {"title": "Контакти", "slug": "kontakti", "lead": "Пишете ни."},
            "ro": {"title": "Contact", "slug": "contact", "lead": "Scrieți-ne."},
            "en": {"title": "Contact", "slug": "contact", "lead": "Write to us."},
        },
    )
    # More than a page of results (ten) for "социални".
    for number in range(11):
        NewsPageFactory(
            parent=news_index("bg"),
            title=f"Социални дейности във Видин {number + 1}",
            lead="Нови социални услуги за деца и семейства.",
        )
    for number in range(8):
        LegislationPageFactory(
            parent=library_index("bg"),
            title=f"Закон за социалното подпомагане, част {number + 1}",
            jurisdiction="BG",
            official_title=f"Закон за социалното подпомагане ({number + 1})",
        )
    NewsPageFactory(
        parent=news_index("bg"), title="Новият закон за социалните услуги", lead="Закон."
    )
    for language in ("ro", "en"):
        LegislationPageFactory(parent=library_index(language))
        NewsPageFactory(parent=news_index(language))
    for language in ("bg", "ro", "en"):
        PublicationPageFactory(
            parent=PublicationIndexPage.objects.get(locale__language_code=language)
        )
    providers = demo_provider("bg-fyc-vidin")
    demo_provider("ro-dgaspc-dolj")  # "Direcția Generală de Asistență Socială …" in Romanian
    rebuild()
    return {"providers": providers}


def results(client, language, **params):
    html = client.get(f"/{language}/search/", params).content.decode()
    return re.findall(r'<h2><a href="([^"]+)">', html), html


def test_bulgarian_finds_other_inflections_and_latin_letters(client, content):
    for query in ("социални услуги", "социалната услуга", "sotsialni uslugi"):
        urls, html = results(client, "bg", q=query)
        assert "/bg/" in urls[0] and all(url.startswith("/bg/") for url in urls), query
        assert "<mark>социалните</mark> <mark>услуги</mark>" in html, query


def test_romanian_spellings_give_identical_results(client, content):
    spellings = ("asistență socială", "asistenţă socială", "asistenta sociala")
    found = [results(client, "ro", q=query)[0] for query in spellings]
    assert found[0] and found[0] == found[1] == found[2]
    assert all(url.startswith("/ro/") for url in found[0])


def test_results_are_in_the_visitors_language_only(client, content):
    for language in ("bg", "ro", "en"):
        urls, _html = results(client, language, q="Interreg")
        assert urls and all(url.startswith(f"/{language}/") for url in urls)


def test_types_have_counts_and_filter(client, content):
    _urls, html = results(client, "bg", q="закон")
    counts = dict(re.findall(r'<option value="(\w+)">[^<(]+\((\d+)\)</option>', html))
    assert int(counts["legislation"]) >= 8
    urls, html = results(client, "bg", q="закон", type="legislation")
    assert f"{counts['legislation']} резултата за „закон“" in html
    assert all("/biblioteka/" in url for url in urls)
    urls, html = results(client, "bg", q="закон", type="bogus")
    assert urls and 'class="notice"' in html


def test_providers_are_found_and_link_to_their_record(client, content):
    provider = content["providers"]["ro"]
    urls, _html = results(client, "ro", q=provider.name, type="provider")
    assert any(url.endswith(f"/p/{provider.external_id}/") for url in urls)
    assert client.get(urls[0]).status_code == 200


def test_empty_state_helps(client):
    _urls, html = results(client, "en", q="xylophonequartz")
    assert "Nothing on this site in this language matches “xylophonequartz”" in html
    assert re.search(r'<h2>[^<]+</h2>\s*<ul><li><a href="/en/', html)  # places to browse


def test_pagination_keeps_the_query_and_type(client, content):
    _urls, html = results(client, "bg", q="социални")
    assert 'rel="next"' in html
    next_link = re.search(r'href="([^"]+)" rel="next"', html).group(1)
    assert "q=" in next_link and "page=2" in next_link
    for nonsense in ("abc", "0", "-1", "99999"):
        assert client.get("/bg/search/", {"q": "социални", "page": nonsense}).status_code == 200


def test_search_promotions_come_first(client, content):
    source = StandardPage.objects.get(locale__language_code="bg", slug="kontakti")
    target = source.get_translation(Locale.objects.get(language_code="ro"))
    query = Query.get("contact")
    SearchPromotion.objects.create(
        query=query, page=target, sort_order=0, description="Scrieți-ne."
    )
    _urls, html = results(client, "ro", q="Contact")
    promoted = html.split('id="promoted-heading"')[1].split("</section>")[0]
    assert target.url in promoted and "Scrieți-ne." in promoted
    _urls, html = results(client, "bg", q="contact")  # a Romanian page is not promoted in bg
    assert 'id="promoted-heading"' not in html


def test_a_new_promotion_shows_at_once_and_a_removed_one_goes(client, content):
    """The promoted queries are cached with the chrome: saving a pick drops them."""
    source = StandardPage.objects.get(locale__language_code="bg", slug="kontakti")
    target = source.get_translation(Locale.objects.get(language_code="en"))
    assert 'id="promoted-heading"' not in results(client, "en", q="write to us")[1]
    promotion = SearchPromotion.objects.create(
        query=Query.get("write to us"), page=target, sort_order=0, description="Our e-mail."
    )
    assert "Our e-mail." in results(client, "en", q="write to us")[1]
    promotion.delete()
    assert 'id="promoted-heading"' not in results(client, "en", q="write to us")[1]


def test_publishing_and_unpublishing_update_the_index(client, homes):
    page = StandardPage(title="Мобилни екипи за грижа", slug="mobilni-ekipi")
    homes["bg"].add_child(instance=page)
    page.save_revision().publish()
    urls, _html = results(client, "bg", q="мобилен екип")
    assert page.url in urls
    page.unpublish()
    assert page.url not in results(client, "bg", q="мобилен екип")[0]


def test_a_saved_provider_is_searchable(client, content):
    provider = Provider.objects.get(pk=content["providers"]["en"].pk)
    provider.name = "Riverside Respite House"
    provider.save()
    urls, _html = results(client, "en", q="respite", type="provider")
    assert any(url.endswith(f"/p/{provider.external_id}/") for url in urls)


def test_rebuild_indexes_pages_and_providers_of_every_language(content):
    count = rebuild()
    assert count == SearchDocument.objects.count()
    for language in ("bg", "ro", "en"):
        locale = Locale.objects.get(language_code=language)
        kinds = set(SearchDocument.objects.filter(locale=locale).values_list("kind", flat=True))
        assert {"page", "news", "legislation", "publication", "provider"} <= kinds


def count_queries(client, **params):
    client.get("/bg/search/", params)
    with CaptureQueriesContext(connection) as context:
        response = client.get("/bg/search/", params)
    assert response.status_code == 200
    return len(context)


def test_search_costs_at_most_ten_queries_at_two_sizes(client, content):
    from bench.management.commands.synthetic_providers import create_synthetic

    small = [count_queries(client, q="социални услуги"), count_queries(client, q="zzzz")]
    create_synthetic(300, Locale.objects.get(language_code="bg"))
    rebuild()
    large = [count_queries(client, q="социални услуги"), count_queries(client, q="zzzz")]
    assert max(small) <= 10 and large == small


def test_editors_manage_search_promotions_and_translators_do_not(client, django_user_model):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from home.roles import EDITORS, TRANSLATOR_GROUPS

    promotions = reverse("wagtailsearchpromotions:index")
    editor = django_user_model.objects.create_user("eva", password="long-enough-password")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert client.get(promotions).status_code == 200
    translator = django_user_model.objects.create_user("ana", password="long-enough-password")
    translator.groups.add(Group.objects.get(name=TRANSLATOR_GROUPS["bg"]))
    client.force_login(translator)
    assert client.get(promotions).status_code in (302, 403)


def test_a_heading_indexes_its_words_not_the_name_of_its_level(client, homes):
    """The heading block's level ("Section heading") was indexed as words, in the language
    active at indexing: Bulgarian words in Romanian documents, and every page with a heading
    a match for "раздел"."""
    page = StandardPage(
        title="Centre de zi",
        slug="centre-de-zi",
        body=[
            ("heading", {"text": "Programul zilnic", "level": "h2"}),
            ("heading", {"text": "Transport", "level": "h3"}),
        ],
    )
    homes["ro"].add_child(instance=page)
    with translation.override("bg"):
        page.save_revision().publish()
    text = SearchDocument.objects.get(url=page.url).text
    assert "Programul zilnic" in text and "Transport" in text
    assert "Заглавие" not in text and "Section" not in text
    assert page.url not in results(client, "ro", q="заглавие")[0]


def test_an_excerpt_shows_the_passage_with_every_word_of_the_query():
    """Far into a long text (a law runs to 60,000 characters), the passage holding both words
    wins over an earlier one with only one of them, repeated."""
    filler = " ".join(["Текст на закона без търсените думи."] * 400)
    text = (
        f"Социални помощи, социални помощи и пак социални помощи. {filler} "
        f"Тук се уреждат социалните услуги за деца. {filler}"
    )
    terms = analyze_query("социални услуги", "bg")
    html = excerpt(text, terms, "bg")
    assert "<mark>социалните</mark> <mark>услуги</mark> за деца" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert excerpt("Нищо общо.", terms, "bg") == ""
    short = excerpt("Социалните услуги в Русе.", terms, "bg")
    assert short == "<mark>Социалните</mark> <mark>услуги</mark> в Русе"
