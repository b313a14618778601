"""Anonymous pages come from the shared cache, and leave it when what they show changes."""

import gzip

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils.cache import add_never_cache_headers
from wagtail.contrib.frontend_cache.backends import BaseBackend

from home.models import FundingNotice, StandardPage
from home.page_cache import (
    SEQUENCE_KEY,
    cached_fragment,
    collecting,
    may_serve_from_cache,
    may_store,
    purge,
)
from library.models import LegislationPage, LibraryIndexPage
from news.models import NewsIndexPage, NewsPage
from providers.models import Provider
from tests.home.factories import StandardPageFactory, translate_page
from tests.library.factories import LegislationPageFactory
from tests.news.factories import NewsPageFactory
from tests.providers.factories import ProviderFactory, translate_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": True}


@pytest.fixture(scope="module", autouse=True)
def content(module_data):
    """What the cached pages show: two news items and an act in every language, a
    provider in Bulgarian and English; committed before the tests, as the site's content
    is (the page cache purges a table once per transaction)."""
    module_data(_content)


def _content():
    news = NewsIndexPage.objects.get(locale__language_code="bg")
    for title, translated in (
        ("Информационен ден в Стрелча", "Information day in Strelcha"),
        ("Форум в Русе", "Forum in Ruse"),
    ):
        item = NewsPageFactory(parent=news, title=title)
        translate_page(item, "ro", title=f"{translated} (ro)")
        translate_page(item, "en", title=translated)
    act = LegislationPageFactory(
        parent=LibraryIndexPage.objects.get(locale__language_code="bg"),
        title="Закон за социалните услуги",
    )
    translate_page(act, "en", title="Social Services Act")
    provider = ProviderFactory(name="Център за обществена подкрепа – Видин")
    translate_provider(provider, "en", name="Community Support Centre – Vidin")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (purges), as the end of a real request would."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    response.queries = len(queries)
    return response


def served_from_cache(client, url):
    return get(client, url).get("X-Cache") == "hit"


def news_in(language):
    return NewsPage.objects.live().filter(locale__language_code=language).order_by("pk").first()


def test_the_second_anonymous_visit_is_served_from_the_cache_without_a_query(client):
    first = get(client, "/bg/")
    second = get(client, "/bg/")
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert second.queries == 0
    assert second.content == first.content
    assert "s-maxage=300" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert second["ETag"] == first["ETag"]
    assert int(second["Age"]) >= 0


def test_a_browser_with_the_page_gets_304(client):
    etag = get(client, "/en/")["ETag"]
    again = get(client, "/en/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


def test_languages_hosts_and_queries_are_kept_apart(client):
    bulgarian, english = get(client, "/bg/"), get(client, "/en/")
    assert english["X-Cache"] == "miss" and bulgarian.content != english.content
    assert 'lang="en"' in english.content.decode()
    other_host = get(client, "/bg/", HTTP_HOST="127.0.0.1")
    assert other_host["X-Cache"] == "miss"
    assert get(client, "/bg/search/?q=закон")["X-Cache"] == "miss"
    assert get(client, "/bg/search/?q=закон")["X-Cache"] == "hit"
    assert get(client, "/bg/search/?q=закони")["X-Cache"] == "miss"


def test_a_signed_in_visitor_never_gets_or_leaves_a_cached_page(client):
    get(client, "/bg/")
    user = get_user_model().objects.create_user("cache-reader", "reader@example.org", "x" * 14)
    client.force_login(user)
    signed_in = get(client, "/bg/")
    assert "X-Cache" not in signed_in
    assert "private" in signed_in["Cache-Control"]
    assert signed_in.queries > 0
    client.logout()
    client.cookies.clear()
    assert served_from_cache(client, "/bg/")


def test_responses_that_set_a_cookie_or_say_private_are_not_stored():
    assert may_store(HttpResponse("page"))
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("csrftoken", "x")
    assert not may_store(with_cookie)
    private = HttpResponse("page")
    add_never_cache_headers(private)
    assert not may_store(private)
    assert not may_store(HttpResponse("missing", status=404))


@pytest.mark.parametrize(
    "url",
    [
        "/admin/login/",
        "/bg/account/login/",
        "/en/_util/login/",
        "/visits/count?path=/bg/",
        "/documents/1/statute.pdf",
        "/downloads/1/compendium.pdf",
    ],
)
def test_the_admin_accounts_counters_and_files_are_never_looked_up(rf, url):
    assert not may_serve_from_cache(rf.get(url))


def test_public_addresses_are_looked_up_unless_the_visitor_has_a_session(rf, settings):
    for url in ("/bg/", "/sitemap.xml", "/en/providers/data.geojson", "/ro/search/?q=x"):
        assert may_serve_from_cache(rf.get(url)), url
    signed_in = rf.get("/bg/")
    signed_in.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    assert not may_serve_from_cache(signed_in)
    assert not may_serve_from_cache(rf.post("/bg/"))


def test_publishing_a_news_item_purges_it_its_listings_feeds_and_sitemap_in_every_language(
    client, commit
):
    news = news_in("bg")
    index = NewsIndexPage.objects.get(locale__language_code="bg")
    translation = news.get_translations().live().first()
    act = LegislationPage.objects.live().filter(locale__language_code="bg").first()
    urls = [news.url, index.url, f"{index.url}rss/", "/bg/", "/sitemap.xml", translation.url]
    for url in [*urls, act.url]:
        get(client, url)
        assert served_from_cache(client, url), url

    news.lead = "Нов увод на новината, видим в списъка."
    commit(lambda: news.save_revision().publish())

    for url in urls:
        assert get(client, url)["X-Cache"] == "miss", url
    assert "Нов увод на новината, видим в списъка." in get(client, news.url).content.decode()
    assert "Нов увод на новината, видим в списъка." in get(client, index.url).content.decode()
    assert served_from_cache(client, act.url), "an act that does not show the news stays cached"


def test_a_new_title_purges_every_page_of_its_language_only(client, commit):
    news = news_in("bg")
    act = LegislationPage.objects.live().filter(locale__language_code="bg").first()
    english_act = LegislationPage.objects.live().filter(locale__language_code="en").first()
    for url in (act.url, english_act.url):
        get(client, url)
    news.title = "Ново заглавие на новината"
    commit(lambda: news.save_revision().publish())
    assert get(client, act.url)["X-Cache"] == "miss", "menus and breadcrumbs show titles"
    assert served_from_cache(client, english_act.url)


def test_unpublishing_removes_the_page_from_every_cached_page_of_its_language(client, commit):
    news = news_in("en")
    index = NewsIndexPage.objects.get(locale__language_code="en")
    for url in (news.url, index.url):
        get(client, url)
    commit(lambda: news.unpublish())
    assert get(client, news.url).status_code == 404
    assert news.title not in get(client, index.url).content.decode()


def test_saving_a_snippet_purges_the_pages_that_show_it_and_only_those(
    client, commit, configured_site
):
    notice = FundingNotice.objects.get(locale__language_code="en")  # in every page's header
    get(client, "/en/")
    get(client, "/en/providers/data.csv")
    assert served_from_cache(client, "/en/providers/data.csv")

    notice.disclaimer = "A disclaimer changed a moment ago."
    commit(notice.save)

    assert "A disclaimer changed a moment ago." in get(client, "/en/").content.decode()
    assert served_from_cache(client, "/en/providers/data.csv"), "the export shows no footer"


def test_a_bulk_update_behind_the_orm_signals_still_purges(client, commit):
    provider = Provider.objects.filter(live=True, locale__language_code="bg").order_by("pk").first()
    url = "/bg/providers/data.csv"
    get(client, url)
    assert served_from_cache(client, url)
    commit(lambda: Provider.objects.filter(pk=provider.pk).update(name="Доставчик след обновяване"))
    response = get(client, url)
    assert response["X-Cache"] == "miss"
    assert "Доставчик след обновяване" in response.content.decode()


def test_a_change_left_uncommitted_purges_nothing_yet(client, django_capture_on_commit_callbacks):
    get(client, "/en/")
    with django_capture_on_commit_callbacks(execute=False):
        FundingNotice.objects.filter(locale__language_code="en").update(disclaimer="Not yet.")
    assert served_from_cache(client, "/en/")


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged = []
    return RecordingBackend.purged


def test_publishing_purges_the_cdn_for_the_page_listings_feeds_and_sitemap(cdn, commit, settings):
    news = news_in("ro")
    translations = list(news.get_translations(inclusive=True).live())
    index = NewsIndexPage.objects.get(locale__language_code="ro")
    commit(lambda: news.save_revision().publish())

    base = settings.PUBLIC_BASE_URL
    expected = {base + page.url for page in translations}
    expected |= {f"{base}{index.url}{path}" for path in ("", "rss/", "atom/", "calendar/")}
    expected |= {f"{base}/ro/", f"{base}/sitemap.xml"}
    assert expected <= set(cdn)
    other = NewsPage.objects.live().filter(locale__language_code="ro").exclude(pk=news.pk).first()
    assert base + other.url not in cdn, "a republication in place purges only what shows it"


def test_a_new_title_purges_the_cdn_for_every_page_of_its_language(cdn, commit, settings):
    news = news_in("ro")
    other = NewsPage.objects.live().filter(locale__language_code="ro").exclude(pk=news.pk).first()
    bulgarian_act = LegislationPage.objects.live().filter(locale__language_code="bg").first()
    news.title = "Titlu nou pentru meniuri și liste"
    commit(lambda: news.save_revision().publish())
    base = settings.PUBLIC_BASE_URL
    assert base + other.url in cdn
    assert base + bulgarian_act.url not in cdn


def test_a_move_purges_the_cdn_at_the_addresses_the_pages_left(cdn, commit, settings, homes):
    about = StandardPageFactory(parent=homes["en"], title="About", slug="about")
    child = StandardPage(title="Team", slug="team")
    about.add_child(instance=child)
    child.save_revision().publish()
    old = {about.url, f"{about.url}team/"}
    privacy = StandardPageFactory(parent=homes["en"], title="Privacy", slug="privacy")
    commit(lambda: about.move(privacy, pos="last-child"))

    base = settings.PUBLIC_BASE_URL
    about.refresh_from_db()
    assert about.url == f"{privacy.url}about/"
    assert {base + url for url in old} <= set(cdn), "the addresses they left"
    assert base + about.url in cdn and f"{base}{about.url}team/" in cdn


def test_cached_pages_go_out_compressed_to_those_who_accept_it(client):
    plain = get(client, "/bg/")
    first = get(client, "/en/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert first["Content-Encoding"] == "gzip", "a page rendered now is compressed too"
    compressed = get(client, "/bg/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["X-Cache"] == "hit" and compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 3
    assert "Accept-Encoding" in compressed["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert compressed["ETag"] == "W/" + plain["ETag"]
    assert get(client, "/bg/", HTTP_IF_NONE_MATCH=compressed["ETag"]).status_code == 304


def test_files_already_compressed_are_sent_as_they_are(client):
    export = get(client, "/en/providers/data.xlsx", HTTP_ACCEPT_ENCODING="gzip")
    assert export.status_code == 200 and "Content-Encoding" not in export
    csv = get(client, "/en/providers/data.csv", HTTP_ACCEPT_ENCODING="gzip")
    assert csv["Content-Encoding"] == "gzip"


def test_a_page_stays_purged_when_the_cache_evicts_its_sequence(client, commit):
    """A full cache may evict the sequence at any time: an entry stored before a purge
    must then be checked against its tags, never served as current."""
    news = news_in("en")
    cache.delete(SEQUENCE_KEY)  # a cache that never had it, or lost it
    get(client, news.url)
    assert served_from_cache(client, news.url)
    news.lead = "A lead written after the page was cached."
    commit(lambda: news.save_revision().publish())
    cache.delete(SEQUENCE_KEY)  # evicted again
    again = get(client, news.url)
    assert again["X-Cache"] == "miss"
    assert "A lead written after the page was cached." in again.content.decode()


def test_a_page_cached_while_its_site_was_remembered_still_leaves_with_the_site(
    client, commit, about
):
    """The site lookup is remembered in the process (home.caching.find_site); a page made
    with the remembered answer still depends on the site's row."""
    from wagtail.models import Site

    get(client, "/bg/")  # the lookup runs here and is remembered
    about = get(client, "/bg/za-proekta/")  # made with the remembered site
    assert about.status_code == 200
    assert served_from_cache(client, "/bg/za-proekta/")

    site = Site.objects.get(is_default_site=True)
    commit(lambda: Site.objects.filter(pk=site.pk).update(site_name="Друго име"))  # no signal

    assert get(client, "/bg/za-proekta/")["X-Cache"] == "miss"


def test_a_fragment_is_kept_until_a_table_it_read_is_written(commit):
    made = []

    def providers_list():
        made.append(1)
        return ", ".join(Provider.objects.order_by("pk").values_list("name", flat=True)[:3])

    first = cached_fragment("providers", providers_list, 60)
    with collecting() as collector:
        assert cached_fragment("providers", providers_list, 60) == first
    assert len(made) == 1
    assert "table:providers_provider" in collector.tags  # the page that shows it depends on it
    purge("table:home_partner")  # another table: the fragment stays
    assert cached_fragment("providers", providers_list, 60) == first and len(made) == 1
    provider = Provider.objects.order_by("pk").first()
    commit(lambda: Provider.objects.filter(pk=provider.pk).update(name="Нов център"))
    assert cached_fragment("providers", providers_list, 60).startswith("Нов център")
    assert len(made) == 2


def test_a_fragment_made_while_what_it_read_was_written_is_not_kept():
    made = []

    def written_meanwhile():
        made.append(1)
        list(Provider.objects.all()[:1])
        purge("table:providers_provider")  # another worker's import, say
        return "rows of before"

    cached_fragment("racing", written_meanwhile, 60)
    cached_fragment("racing", written_meanwhile, 60)
    assert len(made) == 2
