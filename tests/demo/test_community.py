"""The community's demo content (community.demo) and the landing page that shows it."""

from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Revision

from community import demo
from community.models import CommunityPage, Member, Post, PostReport, Resource, Thread
from home.demo.support import load_yaml
from home.forms import content_matches_extension
from tests.community.factories import SLUGS  # the community's address in each language

pytestmark = pytest.mark.demo

DATA = load_yaml(demo.DATA)


def quiet(message):
    pass


def start_without_the_demo_community():
    """The test template has the demo's community already (load_demo made it, its files
    in the real MEDIA_ROOT): remove it, so that the builder makes everything here. Rows
    only: no file is deleted."""
    users = list(Member.objects.values_list("user_id", flat=True))
    Thread.objects.all().delete()
    Resource.objects.all().delete()
    Member.objects.all().delete()
    get_user_model().objects.filter(pk__in=users).delete()
    for page in CommunityPage.objects.filter(depth__gt=0).order_by("-depth", "-pk"):
        page.refresh_from_db()
        page.delete()


@pytest.fixture
def build(db, settings, tmp_path, django_capture_on_commit_callbacks):
    """``build()`` runs the builder as load_demo does (wagtail-localize publishes on
    commit), its files in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            demo.build(quiet)

    return run


@pytest.fixture
def built(db):
    """The demo community as load_demo built it: every test database starts from the demo
    (tests/conftest.py), and test_building_from_nothing_gives_the_same_community below
    proves that the builder alone makes this."""


def counts():
    return {
        "pages": CommunityPage.objects.count(),
        "members": Member.objects.count(),
        "resources": Resource.objects.count(),
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
        "reports": PostReport.objects.count(),
        "revisions": Revision.objects.count(),
        "emails": EmailAddress.objects.count(),
    }


def demo_titles(visibility=None, status=None):
    return [
        item["title"]
        for item in DATA["resources"]
        if (visibility is None or item.get("visibility", "public") == visibility)
        and (status is None or item.get("status", "approved") == status)
    ]


def test_a_live_community_page_in_each_language_linked_as_translations(built):
    pages = {page.locale.language_code: page for page in CommunityPage.objects.live()}
    assert {code: page.slug for code, page in pages.items()} == SLUGS
    assert len({page.translation_key for page in pages.values()}) == 1
    assert all(page.show_in_menus for page in pages.values())
    for code, page in pages.items():
        assert page.lead == DATA["page"]["lead"][code].strip()
        assert page.url == f"/{code}/{SLUGS[code]}/"


def test_members_have_the_statuses_of_a_working_community(built):
    members = Member.objects.select_related("user", "district", "provider")
    statuses = Counter(member.status for member in members)
    assert statuses == {"approved": 8, "pending": 1, "suspended": 1}
    assert {member.country for member in members} == {"BG", "RO"}
    assert sum(member.profile_public for member in members) == 7
    assert all(member.user.email.endswith("@example.org") for member in members)
    assert not any(member.user.is_staff for member in members)
    linked = [member for member in members if member.provider]
    assert len(linked) >= 5
    assert all(member.provider.district_id == member.district_id for member in linked)
    assert EmailAddress.objects.filter(
        user__member__in=members, verified=True, primary=True
    ).count() == len(members)


def test_only_the_documented_demo_member_can_sign_in(built):
    usable = [m for m in Member.objects.select_related("user") if m.user.has_usable_password()]
    assert [member.user.email for member in usable] == [demo.DEMO_EMAIL]
    assert usable[0].user.check_password(demo.DEMO_PASSWORD)
    assert usable[0].is_active_member


def test_demo_password_comes_from_the_environment_when_set(build, monkeypatch):
    monkeypatch.setenv("DEMO_MEMBER_PASSWORD", "another-long-password-1")
    start_without_the_demo_community()
    build()
    user = Member.objects.get(user__email=demo.DEMO_EMAIL).user
    assert user.check_password("another-long-password-1")


def test_resources_mix_languages_statuses_and_real_files(built):
    resources = list(Resource.objects.select_related("topic"))
    assert len(resources) == 12
    assert Counter(r.status for r in resources) == {"approved": 10, "pending": 1, "declined": 1}
    members_only = [r for r in resources if r.visibility == "members"]
    assert len(members_only) == 2
    assert all(r.status == "approved" for r in members_only)
    declined = next(r for r in resources if r.status == "declined")
    assert declined.decline_reason
    assert {r.language for r in resources} == {"bg", "ro", "en"}
    assert len({r.kind for r in resources}) >= 5
    assert all(r.topic and r.topic.locale.language_code == "bg" for r in resources)
    files = [r for r in resources if r.file]
    assert files and all(r.link == "" for r in files)
    for resource in files:
        with resource.file.open("rb") as handle:
            assert content_matches_extension(handle, "pdf")
            assert len(handle.read()) == resource.file_size
    assert [r for r in resources if r.link]
    assert all(r.downloads > 0 for r in resources if r.status == "approved")


def test_discussions_with_replies_and_a_report_waiting(built):
    threads = list(Thread.objects.prefetch_related("posts"))
    assert len(threads) == 4
    assert Counter(t.visibility for t in threads) == {"public": 3, "members": 1}
    for thread in threads:
        posts = list(thread.posts.all())
        assert 2 <= len(posts) - 1 <= 6
        assert thread.post_count == len(posts)
        assert posts[0].author_id == thread.author_id
        assert thread.last_post_at == posts[-1].created_at
    report = PostReport.objects.get()
    assert report.resolved_at is None
    assert not report.post.hidden


def test_building_from_nothing_gives_the_same_community_and_twice_changes_nothing(build):
    with_the_demo = counts()
    start_without_the_demo_community()
    build()
    assert counts() == with_the_demo
    build()
    assert counts() == with_the_demo


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_visitors_see_the_lead_and_the_latest_public_resources(built, client, language):
    response = client.get(f"/{language}/{SLUGS[language]}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(DATA["page"]["lead"][language].strip()) in html
    assert escape(DATA["page"]["title"][language]) in html
    latest = Resource.objects.filter(status="approved", visibility="public").order_by(
        "-reviewed_at"
    )[:3]
    for resource in latest:
        assert resource.title in html
    for title in demo_titles(visibility="members") + demo_titles(status="pending"):
        assert title not in html
    members_thread = Thread.objects.get(visibility="members")
    assert members_thread.title not in html
    assert "/account/signup/" in html


def test_members_see_members_only_items_and_their_status(built, client):
    client.force_login(Member.objects.get(user__email=demo.DEMO_EMAIL).user)
    html = client.get("/en/community/").content.decode()
    assert Thread.objects.get(visibility="members").title in html
    assert escape(demo_titles(visibility="members")[-1]) in html
    assert "Published resources: 10" in html
    assert "Discussions: 4" in html
    assert "You are a member of the community." in html
    assert "/account/signup/" not in html


def test_an_applicant_is_told_the_application_is_waiting(built, client):
    client.force_login(Member.objects.get(status="pending").user)
    html = client.get("/en/community/").content.decode()
    assert "Your application is waiting for a moderator" in html
    assert Thread.objects.get(visibility="members").title not in html


def test_counts_show_what_the_reader_may_see(built, client):
    html = client.get("/en/community/").content.decode()
    assert "Published resources: 8" in html
    assert "Discussions: 3" in html
    assert "Public profiles: 7" in html


@pytest.mark.parametrize(("signed_in", "most"), [(False, 12), (True, 12)])
def test_landing_queries_do_not_grow_with_the_content(
    built, client, django_assert_max_num_queries, signed_in, most
):
    """A signed-in member costs a few more (session, user, profile; members get no user
    bar, so no permission queries); at most 12 either way."""
    if signed_in:
        client.force_login(Member.objects.get(user__email=demo.DEMO_EMAIL).user)
    client.get("/en/community/")  # warm the chrome cache, as in production
    with django_assert_max_num_queries(most):
        assert client.get("/en/community/").status_code == 200
    author = Member.objects.filter(status="approved").first()
    for n in range(30):
        resource = Resource.objects.filter(status="approved", visibility="public").first()
        resource.pk = None
        resource.title = f"More {n}"
        resource.reviewed_at = timezone.now()
        resource.save()
        Thread.objects.create(title=f"More {n}", language="en", author=author)
    with django_assert_max_num_queries(most):
        response = client.get("/en/community/")
    assert "More 29" in response.content.decode()
    if not signed_in:
        assert "Published resources: 38" in response.content.decode()
