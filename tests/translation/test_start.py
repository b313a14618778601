"""Sending for translation creates drafts; translators start work in their own language."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from home.models import Partner
from home.roles import EDITORS, TRANSLATOR_GROUPS
from news.models import NewsIndexPage, NewsPage
from tests.home.factories import PartnerFactory
from tests.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/translations/"


def user_in(django_user_model, username, group):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.org", password="long-enough-password"
    )
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def translator(django_user_model):
    return user_in(django_user_model, "ioana", TRANSLATOR_GROUPS["ro"])


@pytest.fixture
def editor(django_user_model):
    return user_in(django_user_model, "elena", EDITORS)


@pytest.fixture
def news_item(django_capture_on_commit_callbacks):
    index = NewsIndexPage.objects.get(locale__language_code="bg")
    page = NewsPage(
        title="Обучение на социални работници в Силистра",
        slug="obuchenie-silistra",
        lead="Тридневно обучение за социални работници от двете страни на Дунав.",
    )
    index.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def submit(client, instance, *languages):
    if isinstance(instance, Page):
        url = reverse("wagtail_localize:submit_page_translation", args=[instance.pk])
    else:
        meta = instance._meta
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, instance.pk],
        )
    locales = Locale.objects.filter(language_code__in=languages).values_list("pk", flat=True)
    return client.post(url, {"locales": list(locales)})


def test_a_live_page_sent_for_translation_is_a_draft_the_other_site_does_not_show(
    client, editor, news_item, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, news_item, "ro")
    assert response.status_code == 302
    draft = news_item.get_translation(Locale.objects.get(language_code="ro"))
    assert draft.live is False and draft.title == news_item.title  # still Bulgarian text

    client.logout()
    assert client.get(draft.url).status_code == 404
    for address in ("/ro/", "/ro/stiri/", "/ro/stiri/rss/", "/ro/stiri/calendar/", "/sitemap.xml"):
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        assert news_item.title not in body, address
        assert f"/ro/stiri/{draft.slug}/" not in body, address
    bulgarian = client.get(news_item.url).content.decode()
    assert 'hreflang="ro"' not in bulgarian or draft.url not in bulgarian
    assert "/ro/?untranslated=1" in bulgarian  # the switcher says it is not translated yet


def test_syncing_a_changed_source_keeps_the_published_translation_live(
    client, admin_user, contacts
):
    page = contacts["bg"]
    romanian = page.get_translation(Locale.objects.get(language_code="ro"))
    before = client.get(romanian.url).content.decode()
    page.lead = "Съвсем нов текст, който още не е преведен."
    page.save_revision().publish()
    client.force_login(admin_user)
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    assert response.status_code == 302
    client.logout()
    after = client.get(romanian.url).content.decode()
    assert "Съвсем нов текст" not in after
    assert romanian.title in after and before.count(romanian.title) == after.count(romanian.title)


def test_a_translator_starts_a_translation_into_their_language_only(
    client, translator, news_item, django_capture_on_commit_callbacks
):
    client.force_login(translator)
    url = reverse("wagtail_localize:submit_page_translation", args=[news_item.pk])
    form = client.get(url)
    assert form.status_code == 200
    offered = re.findall(r'name="locales" value="\d+"[^>]*>\s*([^<\n]+)', form.content.decode())
    labels = re.findall(
        r"<label[^>]*for=\"id_locales_\d+\"[^>]*>(.*?)</label>", form.content.decode(), re.S
    )
    assert "Română" in " ".join(labels + offered)
    assert "English" not in " ".join(labels + offered)

    refused = submit(client, news_item, "en")
    assert refused.status_code == 200  # the form says English is not a valid choice
    assert not NewsPage.objects.filter(
        translation_key=news_item.translation_key, locale__language_code="en"
    ).exists()

    with django_capture_on_commit_callbacks(execute=True):
        started = submit(client, news_item, "ro")
    assert started.status_code == 302
    draft = NewsPage.objects.get(
        translation_key=news_item.translation_key, locale__language_code="ro"
    )
    assert not draft.live
    assert started.url == f"/admin/pages/{draft.pk}/edit/"  # straight into the editor
    assert client.get(started.url).status_code == 200


def test_the_queue_leads_a_translator_from_a_not_started_row_to_the_form(
    client, translator, news_item
):
    client.force_login(translator)
    html = client.get(QUEUE, {"language": "ro"}).content.decode()
    first = re.search(r'<tr class="queue-row queue-row--(\w+)">(.*?)</tr>', html, re.S)
    assert first.group(1) == "not_started" and news_item.title in first.group(2)
    link = re.search(
        r'<a class="button button-small" href="([^"]+)">Start translation</a>', first.group(2)
    )
    url = link.group(1).replace("&amp;", "&")
    assert url.endswith("?select_locale=ro")
    assert client.get(url).status_code == 200


def test_a_translator_starts_a_snippet_translation(client, translator):
    partner = PartnerFactory(
        locale=Locale.objects.get(language_code="bg"), name="Сдружение „Нов партньор“"
    )
    client.force_login(translator)
    assert submit(client, partner, "ro").status_code == 302
    assert Partner.objects.filter(
        translation_key=partner.translation_key, locale__language_code="ro"
    ).exists()
    assert submit(client, partner, "en").status_code == 200
    assert not Partner.objects.filter(
        translation_key=partner.translation_key, locale__language_code="en"
    ).exists()


def test_a_translator_cannot_turn_a_translation_back_into_an_alias(client, translator, contacts):
    page = contacts["ro"]
    client.force_login(translator)
    url = reverse("wagtail_localize:convert_to_alias", args=[page.pk])
    assert client.post(url).status_code in (302, 403)
    page.refresh_from_db()
    assert page.alias_of_id is None
    editor_html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    # The editor script hides the alias action and offers "Mark ready for review" instead.
    assert "translation/editor.js" in editor_html
    assert 'data-ready-url="/admin/translations/0/ready/"' in editor_html
    assert 'data-ready-label="Mark ready for review"' in editor_html


@pytest.fixture
def moderator(django_user_model):
    from home.roles import MODERATORS

    return user_in(django_user_model, "marin", MODERATORS)


def test_a_snippet_sent_for_translation_is_a_draft_until_a_moderator_publishes_it(
    client, editor, moderator, django_capture_on_commit_callbacks
):
    from providers.models import Provider

    source = ProviderFactory(
        external_id="bg-new-centre-vidin", name="Център за социална рехабилитация „Надежда“"
    )
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, source, "ro").status_code == 302
    draft = Provider.objects.get(translation_key=source.translation_key, locale__language_code="ro")
    assert not draft.live and draft.name == source.name

    client.logout()
    assert client.get("/ro/furnizori/p/bg-new-centre-vidin/").status_code == 404
    for address in ("/ro/furnizori/", "/ro/providers/data.geojson", "/ro/providers/data.csv"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert "Надежда" not in response.content.decode(), address
    search = {"q": "Надежда"}
    assert "/p/bg-new-centre-vidin/" not in client.get("/ro/search/", search).content.decode()

    client.force_login(moderator)
    edit = reverse(draft.snippet_viewset.get_url_name("edit"), args=[draft.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit, {"action": "publish"}).status_code == 302
    draft.refresh_from_db()
    assert draft.live
    client.logout()
    assert client.get("/ro/furnizori/p/bg-new-centre-vidin/").status_code == 200
    assert "/p/bg-new-centre-vidin/" in client.get("/ro/search/", search).content.decode()


def test_sending_a_page_keeps_the_published_translations_of_what_it_refers_to(
    client, editor, news_item, django_capture_on_commit_callbacks
):
    from news.models import NewsCategory

    category = NewsCategory.objects.filter(locale__language_code="bg").first()
    news_item.category = category
    news_item.save_revision().publish()
    romanian = category.get_translation(Locale.objects.get(language_code="ro"))
    assert romanian.live
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, news_item, "ro").status_code == 302
    romanian.refresh_from_db()
    assert romanian.live
    client.logout()
    assert f'value="{romanian.slug}"' in client.get("/ro/stiri/").content.decode()
