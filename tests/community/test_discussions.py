"""Discussions: the list by theme, threads and replies, follow-up e-mails, reports."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.html import escape

from community.models import Member, Post, PostReport, Thread, ThreadSubscription
from community.templatetags.community_text import plain_text
from community.views.discussions import (
    POSTS_PER_HOUR,
    POSTS_PER_PAGE,
    THREADS_PER_HOUR,
    limit_message,
)
from library.models import Topic
from tests.community.text import translated

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def url(page, route, *args):
    return page.url + page.reverse_subpage(route, args=args)


def theme(slug="child-protection", language="bg"):
    return Topic.objects.get(slug=slug, locale__language_code=language)


def make_thread(author, title="Приемна грижа в Румъния", posts=1, **fields):
    now = timezone.now()
    values = {
        "topic": theme(),
        "title": title,
        "author": author,
        "language": "bg",
        "created_at": now,
        "last_post_at": now,
        "post_count": posts,
        **fields,
    }
    thread = Thread.objects.create(**values)
    for number in range(posts):
        Post.objects.create(
            thread=thread,
            author=author,
            body=f"Съобщение {number + 1}",
            created_at=now + timezone.timedelta(seconds=number),
        )
    return thread


@pytest.fixture
def maria(make_member):
    return make_member("maria@example.org")


@pytest.fixture
def ion(make_member):
    return make_member("ion@example.org", full_name="Ion Popescu", language="ro")


# Members' text on the page


def test_text_is_escaped_and_only_web_addresses_become_links():
    html = plain_text(
        '<script>alert(1)</script> <b onclick="x">bold</b>\n'
        "javascript:alert(1) data:text/html,<svg> jAvAsCrIpT://evil\n"
        'https://example.org/a"onmouseover="alert(1) and <img src=x onerror=alert(1)>'
    )
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b " not in html and "<img" not in html and "<svg" not in html
    assert html.count("<a ") == 1
    assert 'href="https://example.org/a"' in html
    assert "onmouseover=" not in re.findall(r"<a [^>]*>", html)[0]
    assert 'href="javascript' not in html.lower() and 'href="data' not in html


def test_text_keeps_lines_and_paragraphs_and_trims_punctuation_from_links():
    html = plain_text("First line\r\nsecond line\n\nNew paragraph (see https://example.org/x_(y)).")
    assert html.startswith("<p>First line<br>second line</p>")
    assert "<p>New paragraph (see " in html
    assert (
        '<a href="https://example.org/x_(y)" rel="nofollow ugc noopener">'
        "https://example.org/x_(y)</a>)."
    ) in html
    assert plain_text("  ") == ""
    assert plain_text("a & b") == "<p>a &amp; b</p>"


# The list of discussions


def test_visitors_see_public_threads_by_theme_with_an_invitation(client, community, maria):
    make_thread(maria, "Публична тема <script>alert(1)</script>")
    make_thread(maria, "Само за членове", visibility=Thread.Visibility.MEMBERS)
    make_thread(maria, "Deschis", topic=theme("disability", "ro"), language="ro")
    response = client.get(url(community, "discussions_route"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Публична тема &lt;script&gt;" in html and "Само за членове" not in html
    # A thread under the Romanian row of a theme is listed under the Bulgarian name.
    assert "Хора с увреждания" in html and "Persoane cu dizabilități" not in html
    assert 'lang="ro">Deschis</a>' in html
    assert "Мария Петрова" in html
    assert url(community, "thread_new_route") not in html
    assert "/account/signup/" in html and "/account/login/" in html


def test_members_see_members_threads_marked_and_may_start_one(client, community, maria):
    make_thread(maria, "Само за членове", visibility=Thread.Visibility.MEMBERS)
    client.force_login(maria.user)
    html = client.get(url(community, "discussions_route")).content.decode()
    assert "Само за членове" in html and translated("Members only") in html
    assert url(community, "thread_new_route") in html


def test_applicants_do_not_see_members_threads(client, community, make_member):
    applicant = make_member("new@example.org", status=Member.Status.PENDING)
    make_thread(applicant, "Само за членове", visibility=Thread.Visibility.MEMBERS)
    client.force_login(applicant.user)
    html = client.get(url(community, "discussions_route")).content.decode()
    assert "Само за членове" not in html
    assert url(community, "thread_new_route") not in html


def test_theme_filter_is_the_same_theme_in_every_language(client, community_pages, maria):
    make_thread(maria, "За децата")
    make_thread(maria, "За услугите", topic=theme("social-services"))
    make_thread(maria, "Pentru copii", topic=theme("child-protection", "ro"), language="ro")
    english = community_pages["en"]
    response = client.get(url(english, "discussions_route") + "?theme=child-protection")
    html = response.content.decode()
    assert "За децата" in html and "Pentru copii" in html and "За услугите" not in html
    assert "Discussions: Child protection" in html
    # Bulgarian words on the English page are marked as such.
    assert 'lang="bg">За децата</a>' in html and '<span lang="bg">Мария Петрова</span>' in html


def test_an_unknown_theme_or_page_is_not_an_error(client, community, maria):
    thread = make_thread(maria, "За децата")
    response = client.get(url(community, "discussions_route") + "?theme=<script>&page=zz")
    assert response.status_code == 200
    assert "За децата" in response.content.decode()
    assert "<script>" not in response.content.decode()
    for number in ("99", "-3", "1" + "0" * 30):
        address = url(community, "discussions_route") + f"?theme=child-protection&page={number}"
        response = client.get(address)
        assert response.status_code == 200 and "За децата" in response.content.decode()
        response = client.get(url(community, "thread_route", thread.pk) + f"?page={number}")
        assert response.status_code == 200 and "Съобщение 1" in response.content.decode()
    huge = 10**30
    assert client.get(url(community, "thread_route", huge)).status_code == 404
    assert client.get(url(community, "post_report_route", huge)).status_code == 404


def test_a_theme_lists_every_thread_newest_activity_first_page_by_page(client, community, maria):
    in_theme = Thread.objects.filter(
        topic__translation_key=theme().translation_key, visibility=Thread.Visibility.PUBLIC
    )
    total = in_theme.count() + 25  # the demo's discussions of the theme come last
    for number in range(25):
        make_thread(
            maria,
            f"Тема {number:02}",
            last_post_at=timezone.now() - timezone.timedelta(hours=number),
        )
    overview = client.get(url(community, "discussions_route")).content.decode()
    assert overview.index("Тема 00") < overview.index("Тема 01")
    assert "Тема 05" not in overview and f"({total})" in overview
    first = client.get(url(community, "discussions_route") + "?theme=child-protection")
    html = first.content.decode()
    assert "Тема 00" in html and "Тема 19" in html and "Тема 20" not in html
    second = client.get(url(community, "discussions_route") + "?theme=child-protection&page=2")
    assert "Тема 24" in second.content.decode()


def count_queries(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("signed_in", [False, True])
def test_list_queries_do_not_grow(client, community, maria, signed_in):
    if signed_in:
        client.force_login(maria.user)
    overview = url(community, "discussions_route")
    addresses = [overview, overview + "?theme=child-protection"]

    def fill(total):
        for number in range(total - Thread.objects.filter(author=maria).count()):
            topic = theme("disability", "ro") if number % 3 else theme()
            make_thread(maria, f"Тема {number}", posts=2, topic=topic)

    fill(3)
    small = [count_queries(client, address) for address in addresses]
    fill(30)
    large = [count_queries(client, address) for address in addresses]
    assert max(small) <= 12
    assert large == small


@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_queries_do_not_grow(client, community, maria, make_member, signed_in):
    if signed_in:
        client.force_login(maria.user)
    others = [make_member(f"m{n}@example.org", profile_public=True) for n in range(3)]
    thread = make_thread(maria, posts=3)
    address = url(community, "thread_route", thread.pk)
    small = count_queries(client, address)
    for number in range(40):
        Post.objects.create(thread=thread, author=others[number % 3], body="Още")
    # Signed in, the session, the account, its profile and the admin bar's permission
    # check (two queries) come on top of what a visitor costs.
    assert count_queries(client, address) == small <= (12 if signed_in else 8)


# Starting a discussion


def test_only_approved_members_start_discussions(client, community, make_member):
    address = url(community, "thread_new_route")
    before = Thread.objects.count()
    response = client.get(address)
    assert response.status_code == 302 and "login" in response["Location"]
    for status in (Member.Status.PENDING, Member.Status.SUSPENDED):
        member = make_member(f"{status}@example.org", status=status)
        client.force_login(member.user)
        response = client.post(address, {"title": "Спам", "body": "Спам"})
        assert response.status_code == 403
    assert Thread.objects.count() == before


def test_a_member_starts_a_discussion_and_follows_it(client, community, maria):
    client.force_login(maria.user)
    form = client.get(url(community, "thread_new_route") + "?theme=disability")
    assert 'value="disability" selected' in form.content.decode()
    response = client.post(
        url(community, "thread_new_route"),
        {
            "title": "Лични асистенти",
            "theme": "disability",
            "language": "bg",
            "visibility": "members",
            "body": "Как организирате заместването?",
        },
    )
    thread = Thread.objects.get(author=maria)
    assert response.status_code == 302
    assert response["Location"] == url(community, "thread_route", thread.pk)
    assert thread.author == maria and thread.post_count == 1
    assert thread.visibility == Thread.Visibility.MEMBERS
    assert thread.topic.translation_key == theme("disability").translation_key
    assert thread.posts.get().body == "Как организирате заместването?"
    assert ThreadSubscription.objects.filter(thread=thread, member=maria).exists()
    html = client.get(response["Location"]).content.decode()
    started = translated(
        "Your discussion has started. You will get an e-mail when someone replies."
    )
    assert started in html and "Как организирате заместването?" in html


def test_a_bad_form_keeps_what_was_written(client, community, maria):
    client.force_login(maria.user)
    response = client.post(
        url(community, "thread_new_route"),
        {"title": "", "theme": "nonsense", "language": "bg", "body": "Дълъг текст"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Thread.objects.filter(author=maria).exists()
    assert "Дълъг текст</textarea>" in html and 'aria-invalid="true"' in html


def test_posting_is_limited_per_hour(client, community, maria):
    client.force_login(maria.user)
    data = {"theme": "disability", "language": "bg", "visibility": "public", "body": "Текст"}
    for number in range(THREADS_PER_HOUR):
        response = client.post(url(community, "thread_new_route"), {**data, "title": f"Т{number}"})
        assert response.status_code == 302
    response = client.post(url(community, "thread_new_route"), {**data, "title": "Още една"})
    assert response.status_code == 429
    with translation.override("bg"):
        assert escape(limit_message()) in response.content.decode()
    assert 'value="Още една"' in response.content.decode()
    assert Thread.objects.filter(author=maria).count() == THREADS_PER_HOUR

    thread = Thread.objects.filter(author=maria).first()
    address = url(community, "thread_route", thread.pk)
    for _number in range(POSTS_PER_HOUR - THREADS_PER_HOUR):
        assert client.post(address, {"body": "Отговор"}).status_code == 302
    response = client.post(address, {"body": "Последният ми отговор"})
    assert response.status_code == 429
    assert "Последният ми отговор</textarea>" in response.content.decode()


# Reading and replying


def test_posts_show_in_order_as_plain_text(client, community, maria, make_member):
    public = make_member("public@example.org", full_name="Елена Публична", profile_public=True)
    thread = make_thread(maria, posts=0, post_count=3)
    Post.objects.create(thread=thread, author=public, body="Първо <b>здравей</b>")
    Post.objects.create(thread=thread, author=None, body="Второ https://example.org/")
    Post.objects.create(thread=thread, author=maria, body="Лични данни", hidden=True)
    html = client.get(url(community, "thread_route", thread.pk)).content.decode()
    assert html.index("Първо") < html.index("Второ")
    assert "&lt;b&gt;здравей&lt;/b&gt;" in html
    assert 'rel="nofollow ugc noopener"' in html
    assert f'href="{url(community, "member_route", public.pk)}"' in html
    assert f'href="{url(community, "member_route", maria.pk)}"' not in html
    assert translated("former member") in html
    hidden = translated("This post was hidden by a moderator.")
    assert hidden in html and "Лични данни" not in html
    assert html.count(translated("Report this post")) == 2
    assert '<textarea name="body"' not in html  # visitors get an invitation, not a form


def test_posts_are_paginated(client, community, maria):
    thread = make_thread(maria, posts=POSTS_PER_PAGE + 2)
    address = url(community, "thread_route", thread.pk)
    first = client.get(address).content.decode()
    assert "Съобщение 1<" in first and f"Съобщение {POSTS_PER_PAGE + 1}<" not in first
    second = client.get(address + "?page=2").content.decode()
    assert f"Съобщение {POSTS_PER_PAGE + 2}<" in second


def test_members_threads_are_not_shown_to_visitors(client, community, maria, make_member):
    thread = make_thread(maria, visibility=Thread.Visibility.MEMBERS)
    response = client.get(url(community, "thread_route", thread.pk))
    html = response.content.decode()
    assert response.status_code == 403
    members_only = translated("This discussion is for members of the community only.")
    assert members_only in html and "/account/login/" in html
    assert "Съобщение 1" not in html
    post = thread.posts.get()
    assert client.get(url(community, "post_report_route", post.pk)).status_code == 403
    client.force_login(make_member("new@example.org", status=Member.Status.PENDING).user)
    assert client.get(url(community, "thread_route", thread.pk)).status_code == 403
    client.force_login(maria.user)
    assert "Съобщение 1" in client.get(url(community, "thread_route", thread.pk)).content.decode()


def test_unknown_thread_is_not_found(client, community):
    assert client.get(url(community, "thread_route", 999999)).status_code == 404


def test_a_reply_is_published_and_mailed_to_followers(client, community, maria, ion, make_member):
    thread = make_thread(maria, 'Грижа & "дом"', visibility=Thread.Visibility.MEMBERS)
    before = thread.last_post_at
    ThreadSubscription.objects.create(thread=thread, member=maria)
    ion_follows = ThreadSubscription.objects.create(thread=thread, member=ion)
    gone = make_member("gone@example.org", status=Member.Status.SUSPENDED)
    ThreadSubscription.objects.create(thread=thread, member=gone)
    client.force_login(maria.user)
    response = client.post(url(community, "thread_route", thread.pk), {"body": "Ето отговора."})
    post = Post.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")
    thread.refresh_from_db()
    assert thread.post_count == 2 and thread.last_post_at > before
    assert post.body == "Ето отговора." and post.author == maria

    # Only Ion: not the author, not a suspended member; in Romanian, with the Romanian
    # community's links and an unsubscribe link that needs no signing in.
    assert [message.to for message in mail.outbox] == [["ion@example.org"]]
    message = mail.outbox[0]
    # Plain text: nothing is HTML-escaped.
    assert 'Грижа & "дом"' in message.subject and "&amp;" not in message.body
    assert 'Грижа & "дом"' in message.body and "Ето отговора." in message.body
    assert f"http://localhost/ro/comunitate/discussions/{thread.pk}/#post-{post.pk}" in message.body
    assert (
        f"http://localhost/ro/comunitate/discussions/unsubscribe/{ion_follows.token}/"
        in message.body
    )
    html = client.get(response["Location"]).content.decode()
    assert translated("Your reply is published.") in html


def test_visitors_applicants_and_closed_threads_take_no_reply(
    client, community, maria, make_member
):
    thread = make_thread(maria)
    address = url(community, "thread_route", thread.pk)
    response = client.post(address, {"body": "Анонимно"})
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(make_member("new@example.org", status=Member.Status.PENDING).user)
    assert client.post(address, {"body": "Кандидат"}).status_code == 403
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    client.force_login(maria.user)
    response = client.post(address, {"body": "Твърде късно"})
    closed = translated("This discussion is closed: it takes no new replies.")
    assert response.status_code == 403 and closed in response.content.decode()
    assert "<textarea" not in client.get(address).content.decode()
    assert thread.posts.count() == 1


def test_an_empty_reply_is_refused_with_a_message(client, community, maria):
    thread = make_thread(maria)
    client.force_login(maria.user)
    response = client.post(url(community, "thread_route", thread.pk), {"body": "   "})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert thread.posts.count() == 1


# Following a discussion


def test_members_follow_and_stop_following(client, community, maria, ion):
    thread = make_thread(maria)
    address = url(community, "thread_subscription_route", thread.pk)
    client.force_login(ion.user)
    assert (
        translated("Follow: an e-mail for each new reply")
        in client.get(url(community, "thread_route", thread.pk)).content.decode()
    )
    response = client.post(address, follow=True)
    assert ThreadSubscription.objects.filter(thread=thread, member=ion).exists()
    following = translated("You follow this discussion: each new reply will come to you by e-mail.")
    assert following in response.content.decode()
    assert translated("Stop following") in response.content.decode()
    response = client.post(address, follow=True)
    assert not ThreadSubscription.objects.filter(thread=thread, member=ion).exists()
    assert translated("You no longer follow this discussion.") in response.content.decode()
    client.logout()
    assert client.post(address).status_code == 302
    assert not ThreadSubscription.objects.filter(thread=thread).exists()


def test_the_link_in_an_e_mail_stops_the_e_mails(client, community, maria):
    thread = make_thread(maria)
    subscription = ThreadSubscription.objects.create(thread=thread, member=maria)
    address = url(community, "unsubscribe_route", subscription.token)
    response = client.get(address)
    stop = translated("Stop the e-mails")
    assert response.status_code == 200 and stop in response.content.decode()
    assert ThreadSubscription.objects.filter(thread=thread).exists()
    response = client.post(address)
    stopped = translated("You will get no more e-mails about “%(title)s”.").split("%(")[0]
    assert response.status_code == 200 and stopped in response.content.decode()
    assert not ThreadSubscription.objects.filter(thread=thread).exists()
    again = client.get(address)
    gone = translated(
        "This link does not work any more: you may have stopped these e-mails already, "
        "or the discussion was removed."
    )
    assert again.status_code == 404 and gone in again.content.decode()


# Reports


def test_a_visitor_reports_a_post_once(client, community, maria):
    post = make_thread(maria).posts.get()
    address = url(community, "post_report_route", post.pk)
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    form = client.get(address)
    spam = translated("Spam or advertising")
    assert form.status_code == 200 and spam in form.content.decode()
    response = client.post(address, {"reason": "abuse", "note": "Обидно."})
    assert response.status_code == 200 and translated("Thank you") in response.content.decode()
    report = PostReport.objects.get(post=post)
    assert report.reporter is None and report.reason == "abuse" and report.note == "Обидно."
    response = client.post(address, {"reason": "spam"})
    assert translated("Already reported") in response.content.decode()
    assert PostReport.objects.filter(post=post).count() == 1


def test_reports_refuse_robots_and_bad_input(client, community, maria):
    post = make_thread(maria).posts.get()
    address = url(community, "post_report_route", post.pk)
    response = client.post(address, {"reason": "spam", "website": "http://spam.example"})
    thanks = translated("Thank you")
    assert thanks in response.content.decode() and not post.reports.exists()
    response = client.post(address, {"reason": "nonsense", "note": "x" * 1001})
    assert response.status_code == 200 and not post.reports.exists()
    assert 'aria-invalid="true"' in response.content.decode()
    assert client.get(url(community, "post_report_route", 999999)).status_code == 404


def test_a_member_reports_a_post_once(client, community, maria, ion):
    post = make_thread(maria).posts.get()
    address = url(community, "post_report_route", post.pk)
    client.force_login(ion.user)
    client.post(address, {"reason": "off_topic"})
    response = client.get(address)
    assert translated("Already reported") in response.content.decode()
    client.post(address, {"reason": "spam"})
    assert list(PostReport.objects.filter(post=post).values_list("reporter", "reason")) == [
        (ion.user.pk, "off_topic")
    ]
