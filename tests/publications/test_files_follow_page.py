"""Files follow their page: by /downloads/… and /documents/…, a file goes only to those
who may see a page that uses it (publications.access)."""

import itertools

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import HomePage, StandardPage
from home.roles import EDITORS
from publications.models import (
    DownloadCount,
    PublicationEdition,
    PublicationIndexPage,
    PublicationPage,
)
from tests.home.factories import translate_page

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
PASSWORD = "parola-buna-2026"  # noqa: S105
serial = itertools.count()


@pytest.fixture
def make_document():
    made = []

    def make(name):
        content = f"%PDF-1.4\n% {name}\n%%EOF\n".encode()
        document = get_document_model()(title=name)
        document.file.save(f"{name}.pdf", ContentFile(content), save=False)
        document._set_document_file_metadata()
        document.save()
        made.append(document)
        return document, content

    yield make
    for document in made:
        document.file.delete(save=False)


@pytest.fixture
def publication(make_document):
    """A new Bulgarian publication with one file: (page, edition, file's bytes)."""

    def make(live=True):
        number = next(serial)
        document, content = make_document(f"follows-page-{number}")
        page = PublicationPage(
            title=f"Доклад {number}",
            slug=f"follows-page-{number}",
            kind="report",
            abstract="<p>Резюме.</p>",
            authors="Мрежата",
            publisher="Мрежата",
            year=2026,
            live=live,
        )
        page.editions = [PublicationEdition(language="bg", document=document)]
        index = PublicationIndexPage.objects.get(locale__language_code="bg")
        index.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        edition = PublicationEdition.objects.select_related("page", "document").get(page=page)
        return page, edition, content

    return make


def standard_page(document, live=True):
    number = next(serial)
    page = StandardPage(
        title=f"Страница {number}",
        slug=f"uses-file-{number}",
        body=[("document", {"document": document, "label": "Файлът"})],
        live=live,
    )
    HomePage.objects.get(locale__language_code="bg").add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def urls(edition):
    return [edition.download_url, edition.document.url]


def get(client, url, **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    return client.get(url, **headers)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_served(response, content, private=True):
    assert response.status_code == 200
    assert body(response) == content
    cache_control = response.get("Cache-Control", "")
    assert ("private" in cache_control) is private
    assert not ("public" in cache_control and private)


def assert_refused(response, status, content):
    assert response.status_code == status
    assert body(response) != content


def restrict(page, kind, **fields):
    groups = fields.pop("groups", [])
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **fields)
    restriction.groups.set(groups)
    return restriction


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("cititor", password="x")  # noqa: S106


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redactor", password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_a_password_protected_publication_needs_its_password(client, publication):
    page, edition, content = publication()
    restriction = restrict(page, PageViewRestriction.PASSWORD, password=PASSWORD)
    for url in urls(edition):
        response = get(client, url)
        # The page's password form is on the page: the file leads there.
        assert_refused(response, 302, content)
        assert response.url == page.url
        assert "no-cache" in response["Cache-Control"]
    action = f"/bg/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    form = client.get(page.url)
    assert form.status_code == 200 and action in form.content.decode()
    answer = client.post(action, {"password": PASSWORD, "return_url": page.url})
    assert answer.status_code == 302 and answer.url == page.url
    for url in urls(edition):
        assert_served(get(client, url), content)


@pytest.mark.parametrize("where", ["page", "parent"])
def test_a_page_for_signed_in_visitors_keeps_its_file_for_them(client, publication, reader, where):
    page, edition, content = publication()
    restrict(page if where == "page" else page.get_parent(), PageViewRestriction.LOGIN)
    for url in urls(edition):
        response = get(client, url)
        assert_refused(response, 302, content)
        assert response.url.startswith("/bg/account/login/?next=")
        assert response.url.endswith(f"next={url}")
    client.force_login(reader)
    for url in urls(edition):
        assert_served(get(client, url), content)


def test_a_page_for_a_group_keeps_its_file_for_its_members(client, publication, reader):
    page, edition, content = publication()
    partners = Group.objects.create(name="Партньори")
    restrict(page, PageViewRestriction.GROUPS, groups=[partners])
    for url in urls(edition):
        response = get(client, url)
        assert_refused(response, 302, content)
        assert response.url.startswith("/bg/account/login/?next=")
    client.force_login(reader)
    for url in urls(edition):
        refused = get(client, url)
        assert_refused(refused, 403, content)
        assert "Достъпът е отказан" in refused.content.decode()  # the site's own page, in bg
    reader.groups.add(partners)
    for url in urls(edition):
        assert_served(get(client, url), content)


def test_an_unpublished_publication_has_no_files_but_for_editors(client, publication, editor):
    page, edition, content = publication(live=False)
    for url in urls(edition):
        assert_refused(get(client, url), 404, content)
    client.force_login(editor)
    for url in urls(edition):
        assert_served(get(client, url), content)
    # An editor checking a draft is not a reader.
    assert not DownloadCount.objects.filter(publication_key=page.translation_key).exists()


def test_editors_get_the_file_of_a_restricted_page(client, publication, editor):
    page, edition, content = publication()
    restrict(page, PageViewRestriction.LOGIN)
    client.force_login(editor)
    for url in urls(edition):
        assert_served(get(client, url), content)


def test_a_public_publication_is_served_to_everyone_as_before(client, publication):
    page, edition, content = publication()
    for url in urls(edition):
        assert_served(get(client, url), content, private=False)
    assert get(client, edition.download_url)["Cache-Control"] == "public, no-cache"


def test_each_translation_has_its_own_restrictions(client, publication):
    """A publication's files are shared by its three translations."""
    page, edition, content = publication()
    for language in ("ro", "en"):
        translate_page(page, language)
    restrict(page, PageViewRestriction.LOGIN)
    assert_refused(get(client, edition.download_url), 302, content)
    # The Romanian and English pages still offer the same document to everyone.
    assert_served(get(client, edition.document.url), content, private=False)


def test_a_file_linked_from_a_live_page_stays_downloadable(client, make_document):
    document, content = make_document(f"linked-{next(serial)}")
    standard_page(document)
    assert_served(get(client, document.url), content, private=False)


def test_a_file_used_nowhere_stays_downloadable(client, make_document):
    document, content = make_document(f"library-{next(serial)}")
    assert_served(get(client, document.url), content, private=False)


def test_a_file_used_by_a_draft_and_a_live_page_is_served(client, make_document):
    document, content = make_document(f"shared-{next(serial)}")
    standard_page(document, live=False)
    standard_page(document)
    assert_served(get(client, document.url), content, private=False)


def test_a_file_used_only_by_a_draft_page_is_not_found(client, make_document, editor):
    document, content = make_document(f"draft-only-{next(serial)}")
    standard_page(document, live=False)
    assert_refused(get(client, document.url), 404, content)
    client.force_login(editor)
    assert_served(get(client, document.url), content)


def test_collection_restrictions_still_apply(client, make_document):
    document, content = make_document(f"collection-{next(serial)}")
    collection = Collection.get_first_root_node().add_child(name="Вътрешни")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document.collection = collection
    document.save()
    standard_page(document)
    response = get(client, document.url)
    assert_refused(response, 302, content)
    assert "/account/login/?next=" in response.url


def test_checking_a_public_file_costs_one_query(client, make_document):
    document, content = make_document(f"counted-{next(serial)}")
    standard_page(document)
    with CaptureQueriesContext(connection) as context:
        assert_served(get(client, document.url), content, private=False)
    ours = [query for query in context if "wagtailcore_referenceindex" in query["sql"]]
    assert len(ours) == 1
