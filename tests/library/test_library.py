import json
import re
from io import BytesIO

import pikepdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from library.models import LegislationPage, PracticePage, StatutePage
from tests.library.factories import (
    LegislationPageFactory,
    demo_acts,
    demo_practices,
    demo_statute,
    library_index,
)

pytestmark = pytest.mark.django_db

# The demo's acts (library/demo/library.yaml) the tests below use.
BG_SOCIAL_SERVICES = "bg-social-services-act"  # SG No. 24 of 22.03.2019
BG_SOCIAL_ASSISTANCE = "bg-social-assistance-act"  # SG No. 56; same subject as RO 292
BG_DISABILITIES = "bg-persons-with-disabilities-act"  # repeals the act below
BG_INTEGRATION = "bg-integration-disabilities-act"  # repealed since 1.01.2019
RO_292 = "ro-social-assistance-law"  # Law No. 292/2011, MO No. 905 of 20.12.2011
RO_194 = "ro-law-194-2018"  # amends Law No. 292/2011


def translation(page, language):
    return LegislationPage.objects.get(
        translation_key=page.translation_key, locale__language_code=language
    )


def index(language):
    return library_index(language)


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_index_lists_every_act_with_facet_counts(client, language):
    for number in range(12):
        jurisdiction = "BG" if number % 3 == 0 else "RO"  # 4 Bulgarian, 8 Romanian
        LegislationPageFactory(parent=index(language), jurisdiction=jurisdiction)
    # Acts of another language tree count in neither the list nor the facets.
    other = "en" if language != "en" else "bg"
    LegislationPageFactory.create_batch(2, parent=index(other), jurisdiction="RO")
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
    for title, jurisdiction, act_type in (
        ("Social Assistance Law No. 292/2011", "RO", "law"),
        ("Law No. 272/2004 on the protection of the rights of the child", "RO", "law"),
        ("Government Decision No. 867/2015 on social services", "RO", "government_decision"),
        ("Social Services Act", "BG", "law"),
        ("Child Protection Act", "BG", "law"),
    ):
        LegislationPageFactory(
            parent=index("en"), title=title, jurisdiction=jurisdiction, act_type=act_type
        )
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
    LegislationPageFactory(parent=index("en"), title="Social Assistance Law No. 292/2011")
    LegislationPageFactory(parent=index("en"), title="Social Services Act", jurisdiction="BG")
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
    acts = demo_acts(BG_DISABILITIES, BG_INTEGRATION, languages=("bg", "en"))
    repealed = acts[BG_INTEGRATION]["en"]
    assert repealed.status == "repealed"
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
    LegislationPageFactory(parent=index("ro"), title="Legea asistenței sociale nr. 292/2011")
    LegislationPageFactory(parent=index("ro"), title="Legea serviciilor sociale", jurisdiction="BG")
    response = client.get(index("ro").url, params)
    assert response.status_code == 200


def test_sorting_by_title(client):
    for title in ("Social Services Act", "Child Protection Act", "Law No. 194/2018"):
        LegislationPageFactory(parent=index("en"), title=title)
    html = client.get(index("en").url, {"sort": "title"}).content.decode()
    titles = re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert len(titles) == 3
    assert titles == sorted(titles, key=str.casefold) or titles == sorted(titles)


def test_act_page_states_legal_value_in_text_and_markup(client):
    page = demo_acts(RO_292, languages=("bg", "en"))[RO_292]["en"]
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
    page = demo_acts(RO_292, languages=("bg", "en"))[RO_292]["bg"]
    response = client.get(f"{index('bg').url}eli/ro/lege/2011/292/")
    assert response.status_code == 302
    assert response.url == page.url
    assert client.get(f"{index('bg').url}eli/ro/lege/2011/999999/").status_code == 404


def test_articles_have_stable_permalinks_and_citations(client):
    page = demo_acts(BG_SOCIAL_SERVICES, languages=("bg",))[BG_SOCIAL_SERVICES]["bg"]
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
    page = demo_acts(RO_292, languages=("bg", "en"))[RO_292]["en"]
    html = client.get(page.url).content.decode()
    assert (
        "publicată în Monitorul Oficial al României, Partea I, nr. 905 din 20 decembrie 2011"
    ) in html
    assert "Official Gazette of Romania, Part I, No. 905 of 20 December 2011" in html


def test_side_by_side_shows_the_original_next_to_the_translation(client):
    page = demo_acts(RO_292)[RO_292]["en"]
    original = translation(page, "ro")
    html = client.get(f"{page.url}compare/").content.decode()
    anchor = page.articles[0].value.anchor()
    assert f'id="original-{anchor}"' in html and f'id="{anchor}"' in html
    assert 'lang="ro"' in html
    original_heading = original.articles[0].value["heading"]
    assert original_heading in html and page.articles[0].value["heading"] in html


def test_same_subject_acts_side_by_side(client):
    acts = demo_acts(BG_SOCIAL_ASSISTANCE, RO_292, languages=("bg", "en"))
    html = client.get(f"{index('en').url}compare/").content.decode()
    bg, ro = acts[BG_SOCIAL_ASSISTANCE]["en"], acts[RO_292]["en"]
    assert bg.title in html and ro.title in html


def test_relations_both_ways(client):
    acts = demo_acts(BG_DISABILITIES, BG_INTEGRATION, RO_292, RO_194)
    repealed = acts[BG_INTEGRATION]["en"]
    html = client.get(repealed.url).content.decode()
    assert "Repealed by" in html
    amendment = acts[RO_194]["ro"]
    base = acts[RO_292]["ro"]
    assert base.title in client.get(amendment.url).content.decode()
    assert amendment.title in client.get(base.url).content.decode()


@pytest.fixture
def network():
    """The demo's two good practices and its statute, in three languages."""
    return demo_practices(), demo_statute()


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_practices_and_statute_render(client, network, language):
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
    demo_statute()
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
    demo_statute()
    statute = StatutePage.objects.live().get(locale__language_code=language)
    html = client.get(statute.url).content.decode()
    members = list(statute.members.select_related("provider"))
    assert len(members) == 2  # the demo's two founding members
    for member in members:
        assert member.provider is not None
        assert f"p/{member.provider.external_id}/" in html


def test_the_statute_pdf_is_made_once_per_published_revision(client, monkeypatch):
    statute = demo_statute(languages=("bg", "en"))["en"]
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
