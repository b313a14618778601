"""The shared-resources library: sharing, browsing, reading, downloading, searching."""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from community.models import CommunityPage, Resource
from community.views.resources import SUBMISSIONS_PER_HOUR
from library.models import Topic
from search.documents import rebuild
from tests.community.text import translated

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def url(page, route, *args):
    return page.url + page.reverse_subpage(route, args=args)


def topic(language="bg"):
    return Topic.objects.filter(locale__language_code=language, live=True).order_by("pk").first()


def make_resource(author=None, **fields):
    values = {
        "title": "Методика за работа с деца",
        "summary": "Как да работим с деца в риск.",
        "language": "bg",
        "topic": topic(),
        "kind": Resource.Kind.METHODOLOGY,
        "link": "https://example.org/metodika",
        "status": Resource.Status.APPROVED,
        "author": author,
    }
    values.update(fields)
    return Resource.objects.create(**values)


def with_file(resource, name="metodika.pdf", content=PDF):
    resource.file.save(name, ContentFile(content), save=False)
    resource.link = ""
    resource.file_size = len(content)
    resource.save()
    return resource


def sign_in(client, member):
    client.force_login(member.user)


def form_data(**overrides):
    data = {
        "title": "Наръчник за приемна грижа",
        "summary": "Стъпка по стъпка.",
        "language": "bg",
        "topic": topic().pk,
        "country": "",
        "kind": Resource.Kind.TRAINING,
        "link": "",
        "visibility": Resource.Visibility.PUBLIC,
    }
    data.update(overrides)
    return data


# Sharing


def test_visitors_are_sent_to_sign_in_and_applicants_are_told(client, community, make_member):
    response = client.get(url(community, "resource_submit_route"))
    assert response.status_code == 302 and "login" in response["Location"]
    sign_in(client, make_member(status="pending"))
    response = client.get(url(community, "resource_submit_route"))
    assert response.status_code == 403
    waiting = translated("Your application is waiting for a moderator; you will get an e-mail.")
    assert waiting in response.content.decode()


def test_a_member_shares_a_file_and_sees_it_waiting(client, community, make_member):
    member = make_member()
    sign_in(client, member)
    form = client.get(url(community, "resource_submit_route"))
    assert form.status_code == 200
    assert 'value="bg" selected' in form.content.decode()  # the active language by default
    upload = SimpleUploadedFile("narachnik.pdf", PDF, content_type="application/pdf")
    response = client.post(
        url(community, "resource_submit_route"), form_data(file=upload), follow=True
    )
    resource = Resource.objects.get(author=member)
    assert resource.status == Resource.Status.PENDING
    assert resource.author == member and resource.topic == topic()
    assert resource.file_size == len(PDF)
    page = response.content.decode()
    assert "изпратен на модераторите" in page or "sent to the moderators" in page
    assert "Наръчник за приемна грижа" in page  # in the member's own waiting list
    # Nobody else sees it, in the library or at its address.
    client.logout()
    assert (
        "Наръчник за приемна грижа"
        not in client.get(url(community, "resources_route")).content.decode()
    )
    assert client.get(url(community, "resource_route", resource.pk)).status_code == 404


def test_a_renamed_file_is_refused_with_the_document_message(client, community, make_member):
    member = make_member()
    sign_in(client, member)
    fake = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script>", "application/pdf")
    response = client.post(url(community, "resource_submit_route"), form_data(file=fake))
    assert response.status_code == 400
    assert "съдържанието му не отговаря на името" in response.content.decode()
    assert not Resource.objects.filter(author=member).exists()
    svg = SimpleUploadedFile("image.svg", b"<svg/>", "image/svg+xml")
    response = client.post(url(community, "resource_submit_route"), form_data(file=svg))
    assert response.status_code == 400 and not Resource.objects.filter(author=member).exists()


def test_too_large_a_file_is_refused(client, community, make_member, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    member = make_member()
    sign_in(client, member)
    upload = SimpleUploadedFile("narachnik.pdf", PDF, content_type="application/pdf")
    response = client.post(url(community, "resource_submit_route"), form_data(file=upload))
    assert response.status_code == 400 and not Resource.objects.filter(author=member).exists()


@pytest.mark.parametrize(
    ("overrides", "with_upload"),
    [
        ({}, False),  # neither a file nor a link
        ({"link": "https://example.org/"}, True),  # both
        ({"kind": "link"}, False),  # a link with no address
        ({"kind": "link", "link": "https://example.org/"}, True),  # a link with a file
        ({"summary": "д" * 1001, "link": "https://example.org/"}, False),
    ],
)
def test_file_or_link_rules(client, community, make_member, overrides, with_upload):
    member = make_member()
    sign_in(client, member)
    data = form_data(**overrides)
    if with_upload:
        data["file"] = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    response = client.post(url(community, "resource_submit_route"), data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not Resource.objects.filter(author=member).exists()


def test_a_link_is_shared_without_a_file(client, community, make_member):
    member = make_member()
    sign_in(client, member)
    data = form_data(kind="link", link="https://example.org/guide", visibility="members")
    assert client.post(url(community, "resource_submit_route"), data).status_code == 302
    resource = Resource.objects.get(author=member)
    assert resource.link == "https://example.org/guide" and not resource.file
    assert resource.visibility == "members"


def test_submissions_are_rate_limited_and_the_form_comes_back(client, community, make_member):
    member = make_member()
    sign_in(client, member)
    for number in range(SUBMISSIONS_PER_HOUR):
        data = form_data(title=f"Ресурс {number}", link="https://example.org/")
        assert client.post(url(community, "resource_submit_route"), data).status_code == 302
    data = form_data(title="Още един ресурс", link="https://example.org/")
    response = client.post(url(community, "resource_submit_route"), data)
    assert response.status_code == 429
    assert 'value="Още един ресурс"' in response.content.decode()
    assert Resource.objects.filter(author=member).count() == SUBMISSIONS_PER_HOUR
    cache.clear()  # an hour later
    assert client.post(url(community, "resource_submit_route"), data).status_code == 302


# The library


def test_visitors_see_public_resources_and_members_see_members_only(client, community, make_member):
    make_resource(title="Публичен ресурс")
    make_resource(title="Само за членове", visibility="members")
    make_resource(title="Чакащ ресурс", status="pending")
    make_resource(title="Отказан ресурс", status="declined")
    page = client.get(url(community, "resources_route")).content.decode()
    assert "Публичен ресурс" in page
    assert "Само за членове" not in page and "Чакащ" not in page and "Отказан" not in page
    sign_in(client, make_member())
    page = client.get(url(community, "resources_route")).content.decode()
    assert "Публичен ресурс" in page and "Само за членове" in page
    assert "Чакащ" not in page and "Отказан" not in page


def test_filters_work_across_languages(client, community_pages):
    topics = list(Topic.objects.filter(locale__language_code="bg", live=True).order_by("pk")[:2])
    make_resource(title="По първата тема", topic=topics[0], country="BG", language="bg")
    make_resource(title="По втората тема", topic=topics[1], country="RO", language="ro")
    make_resource(title="За двете страни", topic=topics[1], country="", kind="study")
    bg = url(community_pages["bg"], "resources_route")
    page = client.get(bg, {"topic": topics[0].slug}).content.decode()
    assert "По първата тема" in page and "По втората тема" not in page
    # The same address in English filters the same way and names the topic in English.
    english = Topic.objects.get(
        translation_key=topics[0].translation_key, locale__language_code="en"
    )
    page = client.get(url(community_pages["en"], "resources_route"), {"topic": topics[0].slug})
    assert "По първата тема" in page.content.decode()
    assert escape(english.name) in page.content.decode()
    page = client.get(bg, {"country": "RO"}).content.decode()
    assert "По втората тема" in page and "За двете страни" in page and "По първата" not in page
    page = client.get(bg, {"type": "study"}).content.decode()
    assert "За двете страни" in page and "По първата тема" not in page
    page = client.get(bg, {"language": "ro"}).content.decode()
    assert "По втората тема" in page and "По първата тема" not in page


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "no-such-topic"},
        {"country": "XX"},
        {"type": "<script>"},
        {"language": "de", "page": "-3"},
        {"page": "abc"},
        {"topic": "\x00"},
    ],
)
def test_nonsense_parameters_give_a_notice_not_an_error(client, community, query):
    make_resource(title="Публичен ресурс")
    response = client.get(url(community, "resources_route"), query)
    assert response.status_code == 200
    assert "Публичен ресурс" in response.content.decode()
    if set(query) != {"page"}:
        assert 'class="notice"' in response.content.decode()


def library_queries(client, community, slug):
    # The chrome's caches are warm (the language switcher's table of theme slugs too).
    client.get(url(community, "resources_route"), {"topic": slug})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(community, "resources_route"), {"topic": slug})
    assert response.status_code == 200
    return len(queries)


def test_the_library_costs_the_same_queries_at_any_size(client, community, make_member):
    """At most 12 for visitors and for members (their profile and their waiting list
    cost two; members get no Wagtail user bar, so none of its permission queries)."""
    member = make_member()
    slug = topic().slug

    def add(count):
        for number in range(count):
            members_only = "members" if number % 2 else "public"
            make_resource(title=f"Ресурс {number}", author=member, visibility=members_only)

    add(5)
    make_resource(title="Мой чакащ", author=member, status="pending")
    small = library_queries(client, community, slug)
    client.force_login(member.user)
    small_member = library_queries(client, community, slug)
    client.logout()
    add(35)
    large = library_queries(client, community, slug)
    client.force_login(member.user)
    large_member = library_queries(client, community, slug)
    assert small == large <= 12
    assert small_member == large_member <= 12


# One resource


def test_detail_shows_the_facts_escaped(client, community, make_member):
    author = make_member(profile_public=True)
    resource = make_resource(
        author=author, summary="<b>Важно</b>\nвтори ред", country="RO", kind="link"
    )
    page = client.get(url(community, "resource_route", resource.pk)).content.decode()
    assert "&lt;b&gt;Важно&lt;/b&gt;<br>втори ред" in page
    assert 'lang="bg"' in page
    assert url(community, "member_route", author.pk) in page
    assert 'href="https://example.org/metodika" rel="noopener noreferrer external"' in page
    assert url(community, "resource_download_route", resource.pk) not in page


def test_detail_of_a_file_offers_the_download(client, community, make_member):
    resource = with_file(make_resource(author=make_member(profile_public=False)))
    page = client.get(url(community, "resource_route", resource.pk)).content.decode()
    assert url(community, "resource_download_route", resource.pk) in page
    assert "PDF" in page
    assert url(community, "member_route", resource.author.pk) not in page  # private profile
    assert "Мария Петрова" in page


def test_a_former_members_resource(client, community):
    resource = make_resource(author=None)
    page = client.get(url(community, "resource_route", resource.pk)).content.decode()
    assert "former member" in page or "бивш член" in page


def test_members_only_resource_asks_visitors_to_sign_in(client, community, make_member):
    resource = with_file(make_resource(visibility="members"))
    response = client.get(url(community, "resource_route", resource.pk))
    assert response.status_code == 403
    assert "/account/login/" in response.content.decode()
    assert resource.summary not in response.content.decode()
    download = client.get(
        url(community, "resource_download_route", resource.pk), HTTP_USER_AGENT=BROWSER
    )
    assert download.status_code == 403 and not download.streaming
    sign_in(client, make_member())
    assert client.get(url(community, "resource_route", resource.pk)).status_code == 200


def test_pending_and_declined_are_for_their_author_only(client, community, make_member):
    author = make_member()
    declined = make_resource(
        author=author, status="declined", decline_reason="Няма източник на данните."
    )
    pending = make_resource(author=author, status="pending")
    for resource in (declined, pending):
        assert client.get(url(community, "resource_route", resource.pk)).status_code == 404
    sign_in(client, make_member("ivan@example.org"))
    assert client.get(url(community, "resource_route", pending.pk)).status_code == 404
    client.logout()
    sign_in(client, author)
    page = client.get(url(community, "resource_route", declined.pk)).content.decode()
    assert "Няма източник на данните." in page
    assert client.get(url(community, "resource_route", pending.pk)).status_code == 200
    assert client.get(url(community, "resource_route", 999_999)).status_code == 404


# Downloads


def test_download_streams_the_file_and_counts_once(client, community):
    resource = with_file(make_resource())
    address = url(community, "resource_download_route", resource.pk)
    response = client.get(address, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert ".pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    client.get(address, HTTP_USER_AGENT=BROWSER)  # a double click
    client.get(address, HTTP_USER_AGENT="Googlebot/2.1")  # a robot
    resource.refresh_from_db()
    assert resource.downloads == 1


def test_no_download_for_links_pending_or_missing(client, community):
    link = make_resource()
    pending = with_file(make_resource(status="pending"))
    for resource in (link, pending):
        response = client.get(
            url(community, "resource_download_route", resource.pk), HTTP_USER_AGENT=BROWSER
        )
        assert response.status_code == 404


# Search


def search(client, language, words):
    return client.get(f"/{language}/search/", {"q": words}).content.decode()


def test_approved_public_resources_are_found_in_their_language(client, community_pages):
    resource = make_resource(
        title="Супервизия на социални работници", status="pending", summary="Ръководство."
    )
    address = url(community_pages["bg"], "resource_route", resource.pk)
    assert address not in search(client, "bg", "супервизия")
    resource.status = Resource.Status.APPROVED
    resource.save()
    page = search(client, "bg", "супервизия")
    assert address in page and "<mark>Супервизия</mark>" in page
    assert f"resources/{resource.pk}/" not in search(client, "en", "supervision")  # its language
    resource.visibility = Resource.Visibility.MEMBERS
    resource.save()
    assert address not in search(client, "bg", "супервизия")
    resource.visibility = Resource.Visibility.PUBLIC
    resource.save()
    assert address in search(client, "bg", "супервизия")
    resource.status = Resource.Status.DECLINED
    resource.save()
    assert address not in search(client, "bg", "супервизия")
    resource.status = Resource.Status.APPROVED
    resource.save()
    resource.delete()
    assert address not in search(client, "bg", "супервизия")


def test_search_filters_by_the_resource_kind(client, community_pages):
    resource = make_resource(
        title="Supervision of social workers", language="en", topic=topic("en")
    )
    page = client.get("/en/search/", {"q": "supervision", "type": "resource"}).content.decode()
    assert url(community_pages["en"], "resource_route", resource.pk) in page
    assert "Shared resources (1)" in page


def test_a_rebuild_includes_resources(client, community_pages):
    resource = make_resource(title="Супервизия на социални работници")
    rebuild()
    assert url(community_pages["bg"], "resource_route", resource.pk) in search(
        client, "bg", "супервизия"
    )


def test_without_a_community_page_resources_are_not_searched(client, homes):
    for page in CommunityPage.objects.all():  # the demo's
        page.delete()
    make_resource(title="Супервизия на социални работници")
    assert "resources/" not in search(client, "bg", "супервизия")
