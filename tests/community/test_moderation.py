"""The moderators' side of the community in the admin: applications, resources, posts."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from community.models import Member, Post, PostReport, Resource, Thread
from home.roles import EDITORS, TRANSLATOR_GROUPS, setup_roles
from library.models import Topic
from tests.community.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def roles(db):
    """The demo template's groups, with this version's permissions."""
    setup_roles()


def in_english(user):
    """The admin in English, so that these tests read the strings they check."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def as_moderator(client, moderator):
    client.force_login(in_english(moderator))
    return client


def action(name, pk, verb):
    return reverse(f"{name}:action", args=[pk, verb])


def member_page(member):
    return reverse("community_members:edit", args=[member.pk])


def text(response):
    return response.content.decode()


# Applications and members


def test_moderator_approves_an_application_in_the_applicants_language(
    as_moderator, moderator, make_member, community_pages
):
    applicant = make_member(
        "ioana@example.org", status=Member.Status.PENDING, full_name="Ioana Pop", language="ro"
    )

    page = as_moderator.get(member_page(applicant))
    assert page.status_code == 200
    assert "Ioana Pop" in text(page) and "ioana@example.org" in text(page)
    assert "verified" in text(page)

    response = as_moderator.post(action("community_members", applicant.pk, "approve"))
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.APPROVED
    assert applicant.decided_by == moderator and applicant.decided_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ioana@example.org"]
    assert "Ioana Pop" in message.body
    assert "/ro/comunitate/" in message.body  # the Romanian community page
    assert "Rețea Regională pentru Coeziune Socială" in message.body
    assert "<" not in message.body  # plain text

    # A second approval (another moderator at the same moment) changes and sends nothing.
    as_moderator.post(action("community_members", applicant.pk, "approve"))
    assert len(mail.outbox) == 1


def test_declining_needs_a_reason(as_moderator, make_member, community_pages):
    applicant = make_member(status=Member.Status.PENDING)

    refused = as_moderator.post(
        action("community_members", applicant.pk, "decline"), {"decline-reason": "  "}
    )
    assert refused.status_code == 400
    assert "the reason is missing" in text(refused)
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.PENDING
    assert mail.outbox == []

    as_moderator.post(
        action("community_members", applicant.pk, "decline"),
        {"decline-reason": "Няма връзка със социалните услуги."},
    )
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.DECLINED
    assert applicant.decision_note == "Няма връзка със социалните услуги."
    assert len(mail.outbox) == 1
    assert "Няма връзка със социалните услуги." in mail.outbox[0].body
    assert "Регионална мрежа за социална кохезия" in mail.outbox[0].body


def test_moderator_suspends_and_reinstates_a_member(as_moderator, make_member, community_pages):
    member = make_member()

    missing = as_moderator.post(action("community_members", member.pk, "suspend"), {})
    assert missing.status_code == 400
    member.refresh_from_db()
    assert member.status == Member.Status.APPROVED

    as_moderator.post(
        action("community_members", member.pk, "suspend"),
        {"suspend-reason": "Reklama v tri diskusii."},
    )
    member.refresh_from_db()
    assert member.status == Member.Status.SUSPENDED
    assert not member.is_active_member
    assert "Reklama v tri diskusii." in mail.outbox[0].body

    as_moderator.post(action("community_members", member.pk, "reinstate"))
    member.refresh_from_db()
    assert member.status == Member.Status.APPROVED


def test_member_listing_filters_and_puts_applications_first(as_moderator, make_member):
    make_member("anna@example.org", full_name="Anna Approved")
    make_member("zoe@example.org", status=Member.Status.PENDING, full_name="Zoe Waiting")

    listing = text(as_moderator.get(reverse("community_members:index")))
    assert listing.index("Zoe Waiting") < listing.index("Anna Approved")

    pending = text(as_moderator.get(reverse("community_members:index"), {"status": "pending"}))
    assert "Zoe Waiting" in pending and "Anna Approved" not in pending


def test_moderators_cannot_make_a_member_staff(as_moderator, make_member):
    member = make_member()
    # No add, edit or delete form for members, and no access to the user accounts.
    assert "is_staff" not in text(as_moderator.get(member_page(member)))
    refused = as_moderator.post(
        reverse("wagtailusers_users:edit", args=[member.user.pk]),
        {"is_superuser": "on", "password1": "x" * 20, "password2": "x" * 20},
    )
    assert refused.status_code == 302
    member.user.refresh_from_db()
    assert not member.user.is_staff and not member.user.is_superuser
    assert member.user.check_password(PASSWORD)


# Resources


@pytest.fixture
def resource(make_member):
    return Resource.objects.create(
        author=make_member(),
        title="Методика за работа със семейства",
        summary="Стъпки и примери.",
        language="bg",
        kind=Resource.Kind.METHODOLOGY,
        link="https://example.org/metodika",
    )


def test_moderator_approves_a_resource(as_moderator, moderator, resource, community_pages):
    queue = as_moderator.get(reverse("community_resources:index"), {"status": "pending"})
    assert "Методика за работа със семейства" in text(queue)

    review = text(as_moderator.get(reverse("community_resources:review", args=[resource.pk])))
    assert "https://example.org/metodika" in review and "Стъпки и примери." in review

    as_moderator.post(action("community_resources", resource.pk, "approve"))
    resource.refresh_from_db()
    assert resource.status == Resource.Status.APPROVED
    assert resource.reviewed_by == moderator
    assert len(mail.outbox) == 1
    assert f"/bg/obshtnost/resources/{resource.pk}/" in mail.outbox[0].body
    assert "Методика за работа със семейства" in mail.outbox[0].subject

    # Still findable once decided, through the status filter.
    approved = as_moderator.get(reverse("community_resources:index"), {"status": "approved"})
    assert "Методика за работа със семейства" in text(approved)
    waiting = as_moderator.get(reverse("community_resources:index"), {"status": "pending"})
    assert "Методика за работа със семейства" not in text(waiting)


def test_declining_a_resource_needs_a_reason_and_sends_it(as_moderator, resource):
    missing = as_moderator.post(action("community_resources", resource.pk, "decline"))
    assert missing.status_code == 400
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PENDING and mail.outbox == []

    as_moderator.post(
        action("community_resources", resource.pk, "decline"),
        {"decline-reason": "Връзката не се отваря."},
    )
    resource.refresh_from_db()
    assert resource.status == Resource.Status.DECLINED
    assert resource.decline_reason == "Връзката не се отваря."
    assert "Връзката не се отваря." in mail.outbox[0].body


def test_submitted_file_is_downloaded_through_the_admin(
    as_moderator, make_member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    resource = Resource.objects.create(
        author=make_member(),
        title="Наръчник",
        summary="PDF",
        language="bg",
        kind=Resource.Kind.STUDY,
        file=SimpleUploadedFile("naruchnik.pdf", b"%PDF-1.4 test"),
    )
    review = text(as_moderator.get(reverse("community_resources:review", args=[resource.pk])))
    assert resource.file.url not in review
    download = as_moderator.get(reverse("community_resources:file", args=[resource.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_moderator_edits_an_approved_resources_details(as_moderator, resource):
    resource.status = Resource.Status.APPROVED
    resource.save()
    topics = Topic.objects.filter(locale__language_code="bg", live=True)
    other_language = Topic.objects.filter(locale__language_code="ro", live=True).first()
    edit = reverse("community_resources:edit", args=[resource.pk])
    form = as_moderator.get(edit)
    assert form.status_code == 200
    assert topics[0].name in text(form) and other_language.name not in text(form)
    response = as_moderator.post(
        edit,
        {
            "title": "Методика (2026)",
            "summary": "Нов текст.",
            "topic": topics[1].pk,
            "visibility": Resource.Visibility.MEMBERS,
        },
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Методика (2026)"
    assert resource.visibility == Resource.Visibility.MEMBERS
    assert resource.topic == topics[1]
    assert resource.link == "https://example.org/metodika"


# Reported posts


@pytest.fixture
def thread(make_member):
    return Thread.objects.create(title="Приемна грижа", language="bg", author=make_member())


def make_post(thread, author, body, reports=0):
    post = Post.objects.create(thread=thread, author=author, body=body)
    for _ in range(reports):
        PostReport.objects.create(post=post, reason=PostReport.Reason.SPAM)
    return post


def test_moderator_hides_a_reported_post(as_moderator, moderator, thread, community_pages):
    # The demo's reported post is decided already: only this test's posts wait.
    PostReport.objects.update(resolved_at=timezone.now())
    author = thread.author
    once = make_post(thread, author, "Веднъж докладван", reports=1)
    spam = make_post(thread, author, "<b>Купете сега</b>", reports=3)

    queue = text(as_moderator.get(reverse("community_posts:index")))
    assert queue.index("Купете сега") < queue.index("Веднъж докладван")
    assert "<b>Купете сега</b>" not in queue  # escaped

    review = text(as_moderator.get(reverse("community_posts:review", args=[spam.pk])))
    assert "&lt;b&gt;Купете сега&lt;/b&gt;" in review and "Spam or advertising" in review

    missing = as_moderator.post(action("community_posts", spam.pk, "hide"), {"hide-reason": ""})
    assert missing.status_code == 400
    spam.refresh_from_db()
    assert not spam.hidden

    as_moderator.post(action("community_posts", spam.pk, "hide"), {"hide-reason": "Реклама."})
    spam.refresh_from_db()
    assert spam.hidden and spam.hidden_by == moderator and spam.hidden_reason == "Реклама."
    assert not spam.reports.filter(resolved_at__isnull=True).exists()
    assert "Реклама." in mail.outbox[0].body and "Приемна грижа" in mail.outbox[0].body

    as_moderator.post(action("community_posts", once.pk, "keep"))
    once.refresh_from_db()
    assert not once.hidden and not once.reports.filter(resolved_at__isnull=True).exists()
    assert "No post waits for a decision." in text(
        as_moderator.get(reverse("community_posts:index"))
    )

    hidden = text(as_moderator.get(reverse("community_posts:index"), {"show": "hidden"}))
    assert "Купете сега" in hidden
    as_moderator.post(action("community_posts", spam.pk, "unhide"))
    spam.refresh_from_db()
    assert not spam.hidden


# The dashboard and who may see any of it


def test_dashboard_tells_moderators_what_waits(as_moderator, make_member, resource):
    # Counted on top of what the demo has waiting; the demo's reports are decided.
    applications = Member.objects.filter(status=Member.Status.PENDING).count() + 1
    resources = Resource.objects.filter(status=Resource.Status.PENDING).exclude(pk=resource.pk)
    resources = resources.count() + 1
    PostReport.objects.update(resolved_at=timezone.now())
    make_member("new@example.org", status=Member.Status.PENDING)
    home = text(as_moderator.get(reverse("wagtailadmin_home")))
    assert "Waiting for you" in home
    assert f"Applications: {applications}" in home
    assert f"Resources to review: {resources}" in home
    assert "Reported posts: 0" in home
    assert f"Applications and members ({applications})" in home  # the menu's count


@pytest.mark.parametrize("group", [EDITORS, TRANSLATOR_GROUPS["ro"]])
def test_editors_and_translators_are_refused(client, django_user_model, make_member, group):
    user = django_user_model.objects.create_user("elena", password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(in_english(user))
    applicant = make_member(status=Member.Status.PENDING)

    home = text(client.get(reverse("wagtailadmin_home")))
    assert "Waiting for you" not in home and "Applications and members" not in home
    for url in (
        reverse("community_members:index"),
        member_page(applicant),
        reverse("community_resources:index"),
        reverse("community_posts:index"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    client.post(action("community_members", applicant.pk, "approve"))
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.PENDING and mail.outbox == []


def test_members_cannot_reach_the_admin(client, make_member):
    member = make_member()
    client.force_login(member.user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url
    assert client.get(reverse("community_members:index")).status_code == 302


# Queries


def _fill(make_member, thread, start, count):
    for number in range(start, start + count):
        member = make_member(f"m{number}@example.org", status=Member.Status.PENDING)
        Resource.objects.create(
            author=member,
            title=f"Resource {number}",
            summary="…",
            language="bg",
            kind=Resource.Kind.LINK,
            link="https://example.org/",
        )
        make_post(thread, member, f"Post {number}", reports=2)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("community_members:index", {}),
        ("community_resources:index", {"status": "pending"}),
        ("community_posts:index", {}),
    ],
)
def test_queues_make_a_bounded_number_of_queries(
    as_moderator, make_member, thread, django_assert_max_num_queries, url, params
):
    _fill(make_member, thread, 0, 3)
    as_moderator.get(reverse(url), params)  # warm the session and the caches
    with django_assert_max_num_queries(20) as small:
        assert as_moderator.get(reverse(url), params).status_code == 200
    _fill(make_member, thread, 3, 20)
    with django_assert_max_num_queries(20) as large:
        assert as_moderator.get(reverse(url), params).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_administrators_moderate_too(client, django_user_model, make_member, resource):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(in_english(admin))
    for url in (
        reverse("community_members:index"),
        member_page(resource.author),
        reverse("community_resources:index"),
        reverse("community_resources:review", args=[resource.pk]),
        reverse("community_posts:index"),
    ):
        assert client.get(url).status_code == 200
    # Members are never added or deleted here, resources never added.
    members = text(client.get(reverse("community_members:index")))
    assert "/delete/" not in members and "/new/" not in members
    assert "/new/" not in text(client.get(reverse("community_resources:index")))
