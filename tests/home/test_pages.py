import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from tests.conftest import page_in
from tests.home.factories import PartnerFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

ABOUT = {"bg": "/bg/za-proekta/", "ro": "/ro/despre-proiect/", "en": "/en/about/"}


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_home_page_speaks_its_language(client, language):
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}" dir="ltr">' in html
    title = page_in(language, {"bg": "home", "ro": "home-ro", "en": "home-en"}[language]).title
    assert f"<h1>{title}</h1>" in html


def test_home_page_presents_the_project(client, homes):
    english = homes["en"].locale
    PartnerFactory(locale=english, name="Free Youth Centre", role="Lead partner", sort_order=0)
    PartnerFactory(locale=english, name="Vasiliada Association", role="Partner", sort_order=1)
    html = client.get("/en/").content.decode()
    # Objective, partners, timeline, results, period, budget.
    assert "Objective" in html
    assert "Free Youth Centre" in html and "Vasiliada" in html
    assert "Lead partner" in html
    assert '<time datetime="2017-06">June 2017</time>' in html
    assert "Expected results" in html and "300" in html
    assert '<time datetime="2017-04-26">' in html and '<time datetime="2019-04-25">' in html
    assert "353,286.71" in html and "300,293.71" in html


@pytest.mark.parametrize(
    "language, programme",
    [
        ("bg", "Interreg V-A Румъния–България"),
        ("ro", "Interreg V-A România–Bulgaria"),
        ("en", "Interreg V-A Romania–Bulgaria"),
    ],
)
def test_funding_notice_in_the_header_of_every_page(
    client, configured_site, about, language, programme
):
    for path in (f"/{language}/", ABOUT[language]):
        html = client.get(path).content.decode()
        header = html[html.index("<header") : html.index("</header>")]
        assert 'src="/static/img/eu-emblem.svg"' in header
        assert programme in header
        assert "ROBG-193" in header


@pytest.mark.parametrize(
    "language, disclaimer",
    [
        ("bg", "не представлява непременно официалната позиция на Европейския съюз"),
        ("ro", "nu reprezintă în mod necesar poziția oficială a"),
        ("en", "does not necessarily represent the official position of the European Union"),
    ],
)
def test_home_page_shows_the_eu_disclaimer_on_arrival(
    client, configured_site, language, disclaimer
):
    html = client.get(f"/{language}/").content.decode()
    hero = html[html.index('class="hero"') : html.index('class="wrap home-grid"')]
    assert disclaimer in hero


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_footer_links_to_legal_pages_in_the_same_language(client, configured_site, language):
    html = client.get(f"/{language}/").content.decode()
    footer = html[html.index("<footer") :]
    for versions in configured_site.values():
        assert f'href="{versions[language].url}"' in footer
    assert "info@socialcohesion.example" in footer


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_hreflang_alternates_and_x_default(client, about, language):
    html = client.get(ABOUT[language]).content.decode()
    for code, path in ABOUT.items():
        assert f'<link rel="alternate" hreflang="{code}" href="http://localhost{path}">' in html
    assert (
        f'<link rel="alternate" hreflang="x-default" href="http://localhost{ABOUT["bg"]}">' in html
    )


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_language_switcher_leads_to_the_same_page(client, about, language):
    html = client.get(ABOUT[language]).content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    for code, path in ABOUT.items():
        if code == language:
            assert f'<span aria-current="true" lang="{code}">' in switcher
        else:
            assert f'<a href="{path}" hreflang="{code}" lang="{code}">' in switcher


def test_switcher_sends_untranslated_pages_to_that_languages_home_with_a_note(client, homes):
    page = StandardPage(title="Само на български", slug="samo-na-balgarski")
    homes["bg"].add_child(instance=page)
    page.save_revision().publish()

    html = client.get("/bg/samo-na-balgarski/").content.decode()
    assert 'href="/ro/?untranslated=1"' in html
    assert 'href="/en/?untranslated=1"' in html
    assert 'hreflang="ro" href=' not in html  # no alternate for a missing translation

    landing = client.get("/ro/?untranslated=1").content.decode()
    assert "nu a fost încă tradusă" in landing


def test_missing_page_is_a_localized_404(client):
    response = client.get("/ro/nu-exista/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ro"' in html
    assert "Pagina nu a fost găsită" in html


def test_breadcrumbs_lead_home_in_the_same_language(client, homes, about):
    html = client.get(ABOUT["ro"]).content.decode()
    crumbs = html[html.index('class="breadcrumbs"') :]
    assert f'<a href="/ro/">{homes["ro"].title}</a>' in crumbs


class TestPageTypes(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_pages_render(self):
        StandardPageFactory(parent=HomePage.objects.get(locale__language_code="ro"))
        for page in Page.objects.type(HomePage, StandardPage).specific():
            self.assertPageIsRenderable(page)

    def test_standard_page_previews_with_every_block(self):
        page = StandardPageFactory(parent=HomePage.objects.get(locale__language_code="en"))
        body = streamfield(
            [
                ("heading", {"text": "Forums", "level": "h2"}),
                ("rich_text", rich_text("<p>Ten two-day forums.</p>")),
                ("quote", {"text": "Learn from each other.", "attribution": "A participant"}),
                (
                    "table",
                    {
                        "caption": "Budget",
                        "header": streamfield([("item", "Source")]),
                        "rows": streamfield([]),
                    },
                ),
                ("accordion", {"heading": "FAQ", "items": streamfield([])}),
            ]
        )
        data = nested_form_data({"title": "Preview", "slug": "preview", "lead": "", "body": body})
        self.assertPageIsPreviewable(page, post_data=data)
