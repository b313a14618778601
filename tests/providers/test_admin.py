"""The provider editor and the snippet listings, as staff use them."""

import html
import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from home.roles import TRANSLATOR_GROUPS
from providers.models import District, Provider, ServiceType, TargetGroup
from tests.providers.factories import demo_provider

pytestmark = pytest.mark.django_db

PASSWORD = "long-enough-password"  # noqa: S105


@pytest.fixture
def superuser(client, django_user_model):
    user = django_user_model.objects.create_superuser("ana", "ana@example.org", PASSWORD)
    client.force_login(user)
    return user


@pytest.fixture
def translator(client, django_user_model):
    user = django_user_model.objects.create_user("ioana", password=PASSWORD)
    user.groups.add(Group.objects.get(name=TRANSLATOR_GROUPS["ro"]))
    client.force_login(user)
    return user


@pytest.fixture(params=["superuser", "translator"])
def staff(request):
    """Each test runs as an administrator and as a Romanian translator."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module", autouse=True)
def providers(module_data):
    """Two providers, one in each country, in the three languages ({language: provider}),
    made once for the module."""
    return module_data(
        lambda: [demo_provider("bg-fyc-vidin"), demo_provider("ro-vasiliada-craiova")]
    )


@pytest.fixture
def romanian_provider(providers):
    """The Vidin youth centre's Romanian version (no synced translation: the edit view
    shows the provider form), read afresh for the test."""
    return Provider.objects.get(pk=providers[0]["ro"].pk)


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def checkbox_labels(page, name):
    pattern = rf'<label for="id_{name}_\d+">\s*<input[^>]*>\s*(.*?)\s*</label>'
    return {html.unescape(label) for label in re.findall(pattern, page, re.S)}


def district_options(page):
    return set(district_choices(page).values())


def district_choices(page):
    select = re.search(r'<select name="district"[^>]*>(.*?)</select>', page, re.S).group(1)
    return {
        int(pk): html.unescape(name)
        for pk, name in re.findall(r'<option value="(\d+)"[^>]*>(.*?)</option>', select)
    }


def checkbox_values(page, name):
    return {int(pk) for pk in re.findall(rf'name="{name}" value="(\d+)"', page)}


def pks(model, language):
    return set(model.objects.filter(locale__language_code=language).values_list("pk", flat=True))


def names(model, language):
    return {str(term) for term in model.objects.filter(locale__language_code=language)}


def siblings(term):
    return {t.locale.language_code: str(t) for t in term.get_translations(inclusive=True)}


def listed(page):
    """The providers listed, by primary key (one edit link per row)."""
    return {
        int(pk) for pk in re.findall(r'href="/admin/snippets/providers/provider/edit/(\d+)/"', page)
    }


def subtitle(page):
    """The language named next to the listing's title."""
    found = re.search(r'class="w-breadcrumbs__sublabel[^"]*">\s*(.*?)\s*<', page, re.S)
    return html.unescape(found.group(1))


def map_options(page):
    found = re.search(r'data-provider-location-options-value="([^"]*)"', page)
    return json.loads(html.unescape(found.group(1)))


class EditForm(HTMLParser):
    """The fields a browser would submit from the snippet edit form."""

    def __init__(self, page):
        super().__init__()
        self.data, self._form, self._select, self._textarea = {}, False, None, None
        self._options = []
        self.feed(page)

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = "data-edit-form" in attrs
        if not self._form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.add(name, attrs.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image"):
                self.add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self._textarea = name
            self.add(name, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = False
        elif tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected]
            for value in chosen or self._options[:1] and [self._options[0][0]]:
                self.add(self._select, value)
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


# The provider editor offers the provider's own language only


def test_romanian_provider_offers_romanian_terms_only(client, staff, romanian_provider):
    response = client.get(url(Provider, "edit", romanian_provider.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert checkbox_values(page, "service_types") == pks(ServiceType, "ro")
    assert checkbox_values(page, "target_groups") == pks(TargetGroup, "ro")
    assert set(district_choices(page)) == pks(District, "ro")
    assert checkbox_labels(page, "service_types") == names(ServiceType, "ro")
    assert checkbox_labels(page, "target_groups") == names(TargetGroup, "ro")

    # A Romanian term by name; its Bulgarian and English versions are not on offer.
    for relation in ("service_types", "target_groups"):
        versions = siblings(getattr(romanian_provider, relation).first())
        assert versions["ro"] in checkbox_labels(page, relation)
        assert versions["bg"] not in checkbox_labels(page, relation)
        if versions["en"] != versions["ro"]:
            assert versions["en"] not in checkbox_labels(page, relation)
    district = siblings(romanian_provider.district)  # Видин / Vidin / Vidin
    assert district["ro"] in district_options(page)
    assert district["bg"] not in district_options(page)


def test_add_view_offers_the_terms_of_the_locale_it_is_for(client, superuser):
    response = client.get(url(Provider, "add") + "?locale=en")
    assert response.status_code == 200
    page = response.content.decode()
    assert checkbox_values(page, "service_types") == pks(ServiceType, "en")
    assert checkbox_values(page, "target_groups") == pks(TargetGroup, "en")
    assert set(district_choices(page)) == pks(District, "en")
    assert checkbox_labels(page, "service_types") == names(ServiceType, "en")
    assert not names(ServiceType, "bg") & checkbox_labels(page, "service_types")
    assert {d["name"] for d in map_options(page)["districts"]} == {
        d.name for d in District.objects.filter(locale__language_code="en", in_programme_area=True)
    }


def test_a_translator_cannot_add_an_english_provider(client, translator):
    response = client.get(url(Provider, "add") + "?locale=en")
    assert response.status_code in (302, 403)


def test_a_term_of_another_language_is_refused(client, staff, romanian_provider):
    edit = url(Provider, "edit", romanian_provider.pk)
    form = EditForm(client.get(edit).content.decode())
    before = set(romanian_provider.service_types.values_list("pk", flat=True))
    bulgarian = ServiceType.objects.filter(locale__language_code="bg").first()

    refused = client.post(edit, {**form.data, "service_types": [bulgarian.pk]})
    assert refused.status_code == 200  # the form again, with its error
    assert "error-message" in refused.content.decode()
    assert set(romanian_provider.service_types.values_list("pk", flat=True)) == before

    # The same form, unchanged, saves: the refusal above is the term's language.
    assert client.post(edit, form.data).status_code == 302


def test_an_untranslated_term_stays_on_offer(client, superuser, romanian_provider):
    # A new Bulgarian term, not translated yet: the Romanian version links the source row.
    bulgarian = ServiceType.objects.create(
        name="Патронажна грижа",
        slug="patronazhna-grizha",
        locale=Locale.objects.get(language_code="bg"),
    )
    romanian_provider.service_types.add(bulgarian)
    page = client.get(url(Provider, "edit", romanian_provider.pk)).content.decode()
    assert "Патронажна грижа (Български)" in checkbox_labels(page, "service_types")


def test_the_postal_code_is_edited_beside_the_address_and_checked(
    client, superuser, romanian_provider
):
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    edit = url(Provider, "edit", romanian_provider.pk)
    page = client.get(edit).content.decode()
    assert page.index('name="address"') < page.index('name="postal_code"')
    assert page.index('name="postal_code"') < page.index('name="location"')
    form = EditForm(page)
    assert form.data["postal_code"] == ["3700"]

    refused = client.post(edit, {**form.data, "postal_code": "37000"})  # Vidin is in Bulgaria
    assert refused.status_code == 200
    assert "A Bulgarian postal code has four digits, such as 3700" in refused.content.decode()
    assert Provider.objects.get(pk=romanian_provider.pk).postal_code == "3700"

    published = {**form.data, "postal_code": "3701", "action-publish": "action-publish"}
    assert client.post(edit, published).status_code == 302
    for version in romanian_provider.get_translations(inclusive=True):
        assert version.postal_code == "3701", version.locale


# The map is self-hosted and works without tiles


def test_the_provider_map_is_self_hosted(client, staff, romanian_provider):
    page = client.get(url(Provider, "edit", romanian_provider.pk)).content.decode()
    assert "/static/xstatic/leaflet/leaflet.js" in page
    assert "/static/xstatic/leaflet/leaflet.css" in page
    assert "/static/providers/location-field.js" in page
    assert 'data-controller="provider-location"' in page
    assert "unpkg.com" not in page
    if "openstreetmap.org" not in settings.MAP_TILE_URL:
        assert "openstreetmap.org" not in page
    options = map_options(page)
    assert options["tileLayer"] == settings.MAP_TILE_URL
    assert options["showEmptyLocation"] is False  # the map is shown at once
    assert options["hasPoint"] is True
    assert options["defaultLocation"] == {
        "lat": str(romanian_provider.latitude),
        "lng": str(romanian_provider.longitude),
    }
    districts = District.objects.filter(locale__language_code="ro", in_programme_area=True)
    assert len(options["districts"]) == districts.count() == 15
    assert {d["name"] for d in options["districts"]} == {d.name for d in districts}


def test_a_new_provider_has_no_point_until_one_is_placed(client, superuser):
    options = map_options(client.get(url(Provider, "add") + "?locale=bg").content.decode())
    assert options["hasPoint"] is False
    assert len(options["districts"]) == 15


# Listings open on the editor's language


def test_listing_opens_on_the_editors_language(client, staff, providers):
    language = "bg" if staff.is_superuser else "ro"
    response = client.get(url(Provider, "list"))
    assert response.status_code == 200
    page = response.content.decode()
    expected = Provider.objects.filter(locale__language_code=language)
    assert listed(page) == set(expected.values_list("pk", flat=True))
    assert len(listed(page)) == expected.count()
    # The listing says which language it shows, and the others are one click away.
    assert subtitle(page) == expected.first().locale.get_display_name()
    assert 'name="locale" value=""' in page  # "All"
    assert f'name="locale" value="{language}" id="id_locale_' in page
    assert re.search(rf'name="locale" value="{language}" id="id_locale_\d" checked', page)
    other = "en" if language == "ro" else "ro"
    if staff.is_superuser:
        assert f'name="locale" value="{other}"' in page


def test_listing_follows_the_preferred_language(client, superuser, providers):
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "ro"
    profile.save()
    page = client.get(url(Provider, "list")).content.decode()
    romanian = Provider.objects.filter(locale__language_code="ro")
    assert listed(page) == set(romanian.values_list("pk", flat=True))


def test_other_languages_are_one_click_away(client, superuser, providers):
    page = client.get(url(Provider, "list"), {"locale": "ro"}).content.decode()
    assert listed(page) == set(
        Provider.objects.filter(locale__language_code="ro").values_list("pk", flat=True)
    )
    everything = client.get(url(Provider, "list"), {"locale": ""}).content.decode()
    languages = set(
        Provider.objects.filter(pk__in=listed(everything)).values_list(
            "locale__language_code", flat=True
        )
    )
    assert len(listed(everything)) == min(50, Provider.objects.count())
    assert len(languages) > 1
    assert subtitle(everything) not in {
        locale.get_display_name() for locale in Locale.objects.all()
    }


def test_a_translator_sees_only_their_language_even_under_all(client, translator, providers):
    page = client.get(url(Provider, "list"), {"locale": ""}).content.decode()
    assert listed(page) == set(
        Provider.objects.filter(locale__language_code="ro").values_list("pk", flat=True)
    )


def test_listing_filters_offer_the_listed_languages_terms(client, superuser):
    page = client.get(url(Provider, "list"), {"locale": "ro"}).content.decode()
    assert set(district_choices(page)) == pks(District, "ro")


# Admin search works on every snippet type


@pytest.mark.parametrize("whole", [True, False], ids=["word", "start of a word"])
def test_provider_search_finds_the_row(client, staff, providers, whole):
    language, query = ("bg", "Видин") if staff.is_superuser else ("ro", "Vidin")
    response = client.get(url(Provider, "list"), {"q": query if whole else query[:3]})
    assert response.status_code == 200
    expected = Provider.objects.get(locale__language_code=language, external_id="bg-fyc-vidin")
    found = listed(response.content.decode())
    assert expected.pk in found
    assert all(
        provider.locale.language_code == language
        for provider in Provider.objects.filter(pk__in=found)
    )


@pytest.mark.parametrize(
    "extra",
    ["locale=ro", "locale=", "district", "service_types", "target_groups", "network_member=true"],
)
def test_provider_search_within_filters(client, superuser, providers, extra):
    if "=" not in extra:
        model = {"district": District, "service_types": ServiceType}.get(extra, TargetGroup)
        extra = f"{extra}={model.objects.filter(locale__language_code='bg').first().pk}"
    response = client.get(f"{url(Provider, 'list')}?q=a&{extra}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "model", sorted(get_snippet_models(), key=lambda m: m._meta.label), ids=lambda m: m.__name__
)
@pytest.mark.parametrize("query", ["q=a", "q=a&locale=ro", "q=%D0%92%D0%B8%D0%B4%D0%B8%D0%BD"])
def test_every_snippet_listing_can_be_searched(client, superuser, model, query):
    listing = reverse(model.snippet_viewset.get_url_name("list"))
    assert client.get(f"{listing}?{query}").status_code == 200
