import json
import re
from io import BytesIO

import pikepdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from library.models import LegislationPage, LibraryIndexPage, PracticePage, StatutePage
from tests.library.factories import LegislationPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def act(language, **filters):
    return LegislationPage.objects.live().filter(locale__language_code=language, **filters).first()


def source_act(**filters):
    page = LegislationPage.objects.get(locale__language_code="bg", **filters)
    return page


def translation(page, language):
    return LegislationPage.objects.get(
        translation_key=page.translation_key, locale__language_code=language
    )


def index(language):
    return LibraryIndexPage.objects.get(locale__language_code=language)


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_index_lists_every_act_with_facet_counts(client, language):
    response = client.get(index(language).url)
    assert response.status_code == 200
    html = response.content.decode()
    total = LegislationPage.objects.live().filter(locale__language_code=language).count()
    assert total >= 12
    romanian = (
        LegislationPage.objects.live()
        .filter(locale__language_code=language, jurisdiction="RO")
        .count()
    )
    assert re.search(rf'<option value="RO">[^<]+ \({romanian}\)</option>', html)
    assert html.count('class="card act-card') == min(total, 25)


def test_filters_combine_and_are_shareable(client):
    url = index("en").url
    html = client.get(url, {"jurisdiction": "RO", "type": "law"}).content.decode()
    expected = LegislationPage.objects.live().filter(
        locale__language_code="en", jurisdiction="RO", act_type="law"
    )
    assert expected.exists()
    for page in expected:
        assert page.title in html
    for page in LegislationPage.objects.live().filter(
        locale__language_code="en", jurisdiction="BG"
    ):
        assert f">{page.title}</a>" not in html
    assert '<option value="RO" selected>' in html


def test_a_list_seen_before_reads_no_act_and_follows_every_change_at_once(client):
    """The matches and counts of a choice of filters are kept until the next change: a new
    act, or one made private, shows in the list and its count at once."""
    url = f"{index('en').url}?jurisdiction=RO&sort=title"

    def romanian_acts():
        html = client.get(url).content.decode()
        return int(re.search(r'class="result-count" role="status">(\d+) acts?<', html)[1]), html

    count, _html = romanian_acts()
    with CaptureQueriesContext(connection) as queries:
        assert romanian_acts()[0] == count
    assert not [q for q in queries.captured_queries if "library_legislationpage" in q["sql"]]

    new = LegislationPageFactory(parent=index("en"), title="Aaa law on social assistance")
    count_after, html = romanian_acts()
    assert count_after == count + 1
    assert ">Aaa law on social assistance</a>" in html

    PageViewRestriction.objects.create(page=new, restriction_type="password", password="x")
    count_after, html = romanian_acts()
    assert count_after == count
    assert "Aaa law on social assistance" not in html


def test_repealed_acts_are_marked_in_the_list_and_on_the_page(client):
    repealed = act("en", status="repealed")
    assert repealed is not None
    listing = client.get(index("en").url, {"status": "repealed"}).content.decode()
    assert repealed.title in listing and "status--repealed" in listing
    page = client.get(repealed.url).content.decode()
    date = repealed.status_date
    assert f"Repealed since {date.day}.{date:%m}.{date.year}" in page


@pytest.mark.parametrize(
    "params",
    [
        {"jurisdiction": "XX"},
        {"type": "<b>"},
        {"topic": "nope"},
        {"status": "maybe"},
        {"year": "abc"},
        {"year": "99999"},
        {"sort": "drop table"},
        {"page": "abc"},
        {"page": "999"},
    ],
)
def test_bad_filter_values_never_fail(client, params):
    response = client.get(index("ro").url, params)
    assert response.status_code == 200


def test_sorting_by_title(client):
    html = client.get(index("en").url, {"sort": "title"}).content.decode()
    titles = re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert titles == sorted(titles, key=str.casefold) or titles == sorted(titles)


def test_act_page_states_legal_value_in_text_and_markup(client):
    page = act("en", jurisdiction="RO", number="292")
    html = client.get(page.url).content.decode()
    assert "Only the text published in the official gazette is authentic" in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Legislation"
    assert data["legislationJurisdiction"] == "RO"
    assert data["legislationLegalForce"].endswith("InForce")
    assert data["legislationIdentifier"].endswith("/en/library/eli/ro/lege/2011/292/")
    values = {example["legislationLegalValue"].rsplit("/", 1)[1] for example in data["workExample"]}
    assert "UnofficialLegalValue" in values


def test_eli_identifier_redirects_to_the_act_in_that_language(client):
    page = act("bg", jurisdiction="RO", number="292")
    response = client.get(f"{index('bg').url}eli/ro/lege/2011/292/")
    assert response.status_code == 302
    assert response.url == page.url
    assert client.get(f"{index('bg').url}eli/ro/lege/2011/999999/").status_code == 404


def test_articles_have_stable_permalinks_and_citations(client):
    page = act("bg", jurisdiction="BG", act_type="law", gazette_issue="24", year=2019)
    html = client.get(page.url).content.decode()
    first = page.articles[0].value
    assert f'id="art-{first["number"]}"' in html
    assert f'href="#art-{first["number"]}"' in html
    assert "обн., ДВ, бр. 24 от 22.03.2019 г." in html
    assert f"чл. {first['number']}, Закон за социалните услуги" in html
    assert (
        '<span lang="bg">Закон за социалните услуги</span> (Bulgaria), '
        "State Gazette No. 24 of 22 March 2019"
    ) in html


def test_romanian_citation_style(client):
    page = act("en", jurisdiction="RO", number="292")
    html = client.get(page.url).content.decode()
    assert (
        "publicată în Monitorul Oficial al României, Partea I, nr. 905 din 20 decembrie 2011"
    ) in html
    assert "Official Gazette of Romania, Part I, No. 905 of 20 December 2011" in html


def test_side_by_side_shows_the_original_next_to_the_translation(client):
    page = act("en", jurisdiction="RO", number="292")
    original = translation(page, "ro")
    html = client.get(f"{page.url}compare/").content.decode()
    anchor = page.articles[0].value.anchor()
    assert f'id="original-{anchor}"' in html and f'id="{anchor}"' in html
    assert 'lang="ro"' in html
    original_heading = original.articles[0].value["heading"]
    assert original_heading in html and page.articles[0].value["heading"] in html


def test_same_subject_acts_side_by_side(client):
    html = client.get(f"{index('en').url}compare/").content.decode()
    bg, ro = (
        act("en", jurisdiction="BG", act_type="law", gazette_issue="56"),
        act("en", jurisdiction="RO", number="292"),
    )
    assert bg.title in html and ro.title in html


def test_relations_both_ways(client):
    repealed = act("en", status="repealed")
    html = client.get(repealed.url).content.decode()
    assert "Repealed by" in html
    amendment = act("ro", jurisdiction="RO", number="194")
    base = act("ro", jurisdiction="RO", number="292")
    assert base.title in client.get(amendment.url).content.decode()
    assert amendment.title in client.get(base.url).content.decode()


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_practices_and_statute_render(client, language):
    practices = PracticePage.objects.live().filter(locale__language_code=language)
    assert practices.count() == 2
    for practice in practices:
        html = client.get(practice.url).content.decode()
        assert escape(practice.organisation) in html
    statute = StatutePage.objects.live().get(locale__language_code=language)
    html = client.get(statute.url).content.decode()
    assert 'id="art-1"' in html
    member = statute.members.first()
    assert member.name in html and member.locale_id == statute.locale_id


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_statute_downloads_as_pdf_in_its_language(client, language):
    statute = StatutePage.objects.live().get(locale__language_code=language)
    response = client.get(f"{statute.url}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="{statute.slug}-{language}.pdf"'
    )
    pdf = pikepdf.open(BytesIO(response.content))
    assert pdf.Root.Lang == language
    assert pdf.docinfo.Title == statute.title


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_statute_members_link_to_their_provider_records(client, language):
    statute = StatutePage.objects.live().get(locale__language_code=language)
    html = client.get(statute.url).content.decode()
    for member in statute.members.select_related("provider"):
        assert member.provider is not None
        assert f"p/{member.provider.external_id}/" in html


def test_the_statute_pdf_is_made_once_per_published_revision(client, monkeypatch):
    statute = StatutePage.objects.live().get(locale__language_code="en")
    built = []
    original = StatutePage.build_pdf

    def counting(self, language):
        built.append(language)
        return original(self, language)

    monkeypatch.setattr(StatutePage, "build_pdf", counting)
    first = client.get(f"{statute.url}pdf/")
    second = client.get(f"{statute.url}pdf/")
    assert first.content == second.content and built == ["en"]
    assert client.get(f"{statute.url}pdf/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    statute.title = "Statute of the Regional Network for Social Cohesion (amended)"
    statute.save_revision().publish()
    changed = client.get(f"{statute.url}pdf/")
    assert built == ["en", "en"] and changed["ETag"] != first["ETag"]
