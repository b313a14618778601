"""Members: the public directory, profiles, "My profile", a copy of one's data, leaving."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.html import escape

from community.models import Member, Post, PostReport, Resource, Thread, ThreadSubscription
from providers.models import District, Provider
from tests.community.factories import PASSWORD
from tests.community.text import translated
from tests.providers.factories import demo_provider

pytestmark = pytest.mark.django_db


def url(page, route, *args):
    return page.url + page.reverse_subpage(route, args=args)


def district(code, language="bg"):
    return District.objects.get(code=code, locale__language_code=language)


def make_thread(author, title="Приемна грижа във Видин", **fields):
    return Thread.objects.create(author=author, title=title, language="bg", **fields)


def make_post(thread, author, body="Здравейте, колеги.", **fields):
    post = Post.objects.create(thread=thread, author=author, body=body, **fields)
    thread.post_count = thread.posts.count()
    thread.last_post_at = post.created_at
    thread.save()
    return post


def make_resource(author, title="Методика за работа с деца", **fields):
    values = {
        "summary": "Как да работим с деца в риск.",
        "language": "bg",
        "kind": Resource.Kind.METHODOLOGY,
        "link": "https://example.org/metodika",
        "status": Resource.Status.APPROVED,
    }
    values.update(fields)
    return Resource.objects.create(author=author, title=title, **values)


@pytest.fixture
def english(community_pages):
    return community_pages["en"]


@pytest.fixture
def vidin():
    """The Free Youth Centre, Vidin, on the provider map in three languages."""
    return demo_provider("bg-fyc-vidin")


def public_member(make_member, email="maria@example.org", **profile):
    return make_member(email, profile_public=True, **profile)


def romanian_member(make_member, **profile):
    """Ion Popescu of Craiova (Dolj), with a public profile."""
    return public_member(
        make_member,
        "ion@example.org",
        full_name="Ion Popescu",
        country="RO",
        district=district("RO411"),
        **profile,
    )


# The directory


def test_directory_lists_public_approved_members_only(client, english, make_member):
    romanian_member(make_member, organisation="Asociația Vasiliada")
    listed = Member.objects.filter(status="approved", profile_public=True, user__is_active=True)
    total = listed.count() + 1  # another public member, and one of this test's
    shown = public_member(make_member, bio="Работя с деца.")
    public_member(make_member, "pending@example.org", full_name="Чакащ Кандидат", status="pending")
    make_member("private@example.org", full_name="Скрит Профил")
    gone = public_member(make_member, "gone@example.org", full_name="Неактивен Акаунт")
    gone.user.is_active = False
    gone.user.save()
    public_member(make_member, "suspended@example.org", full_name="Спрян Член", status="suspended")

    html = client.get(url(english, "members_route")).content.decode()

    assert "Мария Петрова" in html
    assert url(english, "member_route", shown.pk) in html
    for hidden in ("Чакащ Кандидат", "Скрит Профил", "Неактивен Акаунт", "Спрян Член"):
        assert hidden not in html
    # The shown member's card (the other member has a card of their own).
    card = next(
        card
        for card in html.split('<li class="card member-card">')[1:]
        if url(english, "member_route", shown.pk) in card.split("</li>")[0]
    )
    assert "Social worker" in card  # the role, in the page's language
    assert "Община Видин" in card
    assert f"<dd>{district('BG311', 'en').name}, Bulgaria</dd>" in card
    assert "Bulgarian, Romanian" in card
    assert "maria@example.org" not in html and "Работя с деца." not in html
    assert (f"{total} members<" if total > 1 else "1 member<") in html


def test_directory_filters_by_country_district_and_role(client, community, make_member):
    public_member(make_member)
    romanian_member(make_member, role=Member.Role.PSYCHOLOGIST)
    page = url(community, "members_route")

    def names(**params):
        html = client.get(page, params).content.decode()
        return {name for name in ("Мария Петрова", "Ion Popescu") if name in html}

    assert names() == {"Мария Петрова", "Ion Popescu"}
    assert names(country="RO") == {"Ion Popescu"}
    assert names(district="BG311") == {"Мария Петрова"}
    assert names(role="psychologist") == {"Ion Popescu"}
    assert names(country="BG", role="psychologist") == set()
    html = client.get(page, {"district": "RO411"}).content.decode()
    assert '<option value="RO411" selected>' in html  # the form keeps the choice


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"district": "<script>"},
        {"role": "king"},
        {"page": "abc"},
        {"page": "999"},
        {"country": "BG\x00"},
        {"role": ["social_worker", "nonsense"]},
        {"country": "BG", "role": "king"},
    ],
)
def test_nonsense_parameters_give_a_notice_not_an_error(client, community, make_member, params):
    public_member(make_member)
    response = client.get(url(community, "members_route"), params)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="notice"' in html
    assert "Мария Петрова" in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert "aria-invalid" not in html  # no field points at an error message it lacks
    if params.get("country") == "BG":
        assert '<option value="BG" selected>' in html  # the valid filter is kept


def test_organisation_links_to_its_provider_in_the_page_language(
    client, community_pages, make_member, vidin
):
    source = Provider.objects.get(locale__language_code="bg", external_id="bg-fyc-vidin")
    romanian = source.get_translation(community_pages["ro"].locale)
    public_member(make_member, provider=source, organisation="ФМД Видин")

    html = client.get(url(community_pages["ro"], "members_route")).content.decode()

    assert f'/p/{source.external_id}/">{escape(romanian.name)}</a>' in html
    assert "/ro/" in html.split(f"/p/{source.external_id}/")[0].rsplit('href="', 1)[1]


def count_queries(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len(context)


def test_directory_and_profile_queries_do_not_grow(client, community, make_member, vidin):
    provider = Provider.objects.get(locale__language_code="bg", external_id="bg-fyc-vidin")

    def fill(total):
        for number in range(Member.objects.count(), total):
            member = public_member(
                make_member, f"m{number}@example.org", full_name=f"Член {number:03}"
            )
            if number % 2:
                member.provider = provider
                member.save()
            thread = make_thread(member, title=f"Тема {number}")
            make_post(thread, member)
            make_resource(member, title=f"Ресурс {number}")

    fill(5)
    first = Member.objects.order_by("pk").first()
    addresses = [
        url(community, "members_route"),
        url(community, "members_route") + "?country=BG&role=social_worker",
        url(community, "member_route", first.pk),
    ]
    small = [count_queries(client, address) for address in addresses]
    fill(50)
    large = [count_queries(client, address) for address in addresses]
    assert max(small) <= 12
    assert large == small


# Profiles


def test_public_profile_shows_bio_as_text_resources_and_visible_posts(
    client, community, make_member
):
    member = public_member(make_member, bio="Първи ред <b>удебелен</b>\nВтори ред")
    make_resource(member, title="Публична методика")
    make_resource(member, title="Чакаща методика", status=Resource.Status.PENDING)
    make_resource(member, title="Само за членове", visibility=Resource.Visibility.MEMBERS)
    public_thread = make_thread(member, title="Открита тема")
    make_post(public_thread, member, body="Видим отговор")
    make_post(public_thread, member, body="Скрит отговор", hidden=True)
    closed = make_thread(member, title="Тема за членове", visibility=Thread.Visibility.MEMBERS)
    make_post(closed, member, body="Отговор само за членове")

    html = client.get(url(community, "member_route", member.pk)).content.decode()

    assert "Първи ред &lt;b&gt;удебелен&lt;/b&gt;<br>Втори ред" in html
    assert "Публична методика" in html
    assert url(community, "resource_route", member.resources.get(title="Публична методика").pk)
    for absent in ("Чакаща методика", "Само за членове", "Скрит отговор", "Тема за членове"):
        assert absent not in html
    assert "Открита тема" in html and "Видим отговор" in html

    reader = make_member("reader@example.org", full_name="Читател")
    client.force_login(reader.user)
    html = client.get(url(community, "member_route", member.pk)).content.decode()
    assert "Тема за членове" in html and "Скрит отговор" not in html


def test_private_and_unapproved_profiles_are_not_found_except_by_their_owner(
    client, english, make_member
):
    private = make_member()
    pending = make_member("pending@example.org", status="pending", profile_public=True)
    assert client.get(url(english, "member_route", private.pk)).status_code == 404
    assert client.get(url(english, "member_route", pending.pk)).status_code == 404
    assert client.get(url(english, "member_route", 999999)).status_code == 404

    client.force_login(private.user)
    response = client.get(url(english, "member_route", private.pk))
    assert response.status_code == 200
    assert "Only you see this page" in response.content.decode()
    assert client.get(url(english, "member_route", pending.pk)).status_code == 404


# My profile


def test_visitors_are_sent_to_sign_in_and_staff_are_told(client, rf, english, moderator):
    for route in ("my_profile_route", "delete_account_route"):
        response = client.get(url(english, route))
        assert response.status_code == 302
        assert "login" in response["Location"]
        assert "next=" in response["Location"]
    client.force_login(moderator)
    for route in ("my_profile_route", "delete_account_route"):
        response = client.get(url(english, route))
        assert response.status_code == 403
        assert "it is a staff account" in response.content.decode()
    assert export(rf, english, AnonymousUser()).status_code == 302
    refused = export(rf, english, moderator)
    assert refused.status_code == 403 and "it is a staff account" in refused.content.decode()


@pytest.mark.parametrize(
    ("status", "note", "expected"),
    [
        ("pending", "", "waiting for a moderator"),
        ("declined", "Липсва връзка със социалната работа.", "declined your application"),
        ("suspended", "Реклама във форума.", "suspended your membership"),
        ("approved", "", "You are a member"),
    ],
)
def test_my_profile_says_where_the_member_stands(
    client, community_pages, make_member, status, note, expected
):
    member = make_member(status=status, decision_note=note)
    client.force_login(member.user)
    page = community_pages["en"]
    response = client.get(url(page, "my_profile_route"))
    html = response.content.decode()
    assert response.status_code == 200
    assert expected in html
    if note:
        assert note in html
    assert 'value="Мария Петрова"' in html
    for link in ("/en/account/email/", "/en/account/password/change/"):
        assert f'href="{link}"' in html
    assert url(page, "my_data_route") in html and url(page, "delete_account_route") in html
    assert response["Cache-Control"].startswith("max-age=0")


def profile_data(**overrides):
    data = {
        "full_name": "Мария Иванова",
        "organisation": "Дирекция „Социално подпомагане“",
        "provider": "",
        "country": "BG",
        "district": "BG311",
        "role": Member.Role.MANAGER,
        "languages": ["bg", "en"],
        "bio": "Ръководя център.",
        "profile_public": "on",
        "language": "en",
    }
    data.update(overrides)
    return data


def test_member_saves_the_profile(client, english, make_member, vidin):
    member = make_member()
    client.force_login(member.user)
    provider = Provider.objects.get(locale__language_code="bg", external_id="bg-fyc-vidin")
    translated = provider.get_translation(english.locale)
    response = client.post(
        url(english, "my_profile_route"), profile_data(provider=str(translated.pk)), follow=True
    )
    assert response.status_code == 200
    assert "Your profile has been saved." in response.content.decode()
    member.refresh_from_db()
    assert member.full_name == "Мария Иванова"
    assert member.role == Member.Role.MANAGER
    assert member.languages == ["bg", "en"]
    assert member.profile_public and member.language == "en"
    assert member.provider == provider
    assert member.district.code == "BG311" and member.district.locale.language_code == "bg"
    assert member.status == Member.Status.APPROVED  # the form cannot change the status


def test_romanian_choices_are_stored_as_the_default_language_rows(
    client, community_pages, make_member, vidin
):
    member = make_member()
    client.force_login(member.user)
    page = community_pages["ro"]
    source = Provider.objects.get(locale__language_code="bg", external_id="bg-fyc-vidin")
    romanian = source.get_translation(page.locale)
    html = client.get(url(page, "my_profile_route")).content.decode()
    assert f'<option value="{romanian.pk}">' in html
    client.post(
        url(page, "my_profile_route"),
        profile_data(provider=str(romanian.pk), country="RO", district="RO411"),
    )
    member.refresh_from_db()
    assert member.provider == source
    assert member.district == district("RO411")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"country": "RO", "district": "BG311"}, "district", "This district is in the other"),
        ({"bio": "а" * 601}, "bio", "601"),
        ({"full_name": "   "}, "full_name", "required"),
        ({"district": "XX999"}, "district", "valid choice"),
        ({"provider": "abc"}, "provider", "valid choice"),
        ({"languages": ["de"]}, "languages", "valid choice"),
    ],
)
def test_invalid_profile_is_refused_and_nothing_is_lost(
    client, community_pages, make_member, overrides, field, message
):
    member = make_member()
    client.force_login(member.user)
    response = client.post(
        url(community_pages["en"], "my_profile_route"), profile_data(**overrides)
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Ръководя център." in html or field == "bio"  # what was typed is kept
    member.refresh_from_db()
    assert member.full_name == "Мария Петрова"


# My data


def export(rf, page, user):
    """The export's view, called through the page's own resolver."""
    request = rf.get(url(page, "my_data_route"), HTTP_HOST="localhost")
    request.user = user
    view, args, kwargs = page.resolve_subpage("/" + page.reverse_subpage("my_data_route"))
    with translation.override(page.locale.language_code):
        return view(request, *args, **kwargs)


def test_export_is_reachable_at_its_address(client, community, make_member):
    member = make_member()
    client.force_login(member.user)
    assert client.get(url(community, "my_data_route")).status_code == 200


def test_export_holds_everything_about_the_member_and_nothing_about_others(
    rf, community, make_member, moderator
):
    member = make_member(
        bio="За мен", decision_note="Добре дошли", decided_by=moderator, decided_at=timezone.now()
    )
    EmailAddress.objects.create(user=member.user, email="old@example.org", verified=False)
    other = make_member("ivan@example.org", full_name="Иван Другия")
    resource = make_resource(member, title="Моят наръчник", status=Resource.Status.DECLINED)
    resource.file.save("narachnik.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    own_thread = make_thread(member, title="Моята тема")
    make_post(own_thread, member, body="Моят първи пост")
    others_thread = make_thread(other, title="Чужда тема")
    others_post = make_post(others_thread, other, body="Чужд пост с лични данни")
    make_post(
        others_thread, member, body="Скрит мой пост", hidden=True, hidden_reason="Лични данни"
    )
    PostReport.objects.create(
        post=others_post, reporter=member.user, reason="personal_data", note="Моят сигнал"
    )
    PostReport.objects.create(post=others_post, reporter=other.user, reason="spam", note="Чужд")
    ThreadSubscription.objects.create(thread=others_thread, member=member)
    ThreadSubscription.objects.create(thread=own_thread, member=other)

    response = export(rf, community, member.user)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    text = response.content.decode("utf-8")
    assert "\n  " in text and "Мария" in text  # indented, not \u-escaped
    data = json.loads(text)
    account = data["account"]
    assert account["username"] == "maria"
    assert {(a["email"], a["verified"]) for a in account["email_addresses"]} == {
        ("maria@example.org", True),
        ("old@example.org", False),
    }
    assert account["date_joined"]
    profile = data["member_profile"]
    assert profile["full_name"] == "Мария Петрова" and profile["bio"] == "За мен"
    assert profile["status"] == "approved" and profile["decision_note"] == "Добре дошли"
    assert profile["district"]["code"] == "BG311"
    [shared] = data["resources_shared"]
    assert shared["status"] == "declined" and shared["file_name"].startswith("narachnik")
    assert shared["url"].startswith("http://localhost/bg/")
    assert [t["title"] for t in data["threads_started"]] == ["Моята тема"]
    posts = {p["message"]: p for p in data["posts"]}
    assert set(posts) == {"Моят първи пост", "Скрит мой пост"}
    assert posts["Скрит мой пост"]["hidden_by_a_moderator"] is True
    assert posts["Скрит мой пост"]["why_it_was_hidden"] == "Лични данни"
    [report] = data["reports_filed"]
    assert report["details"] == "Моят сигнал" and report["reason"] == "personal_data"
    assert [s["thread"]["title"] for s in data["thread_subscriptions"]] == ["Чужда тема"]
    for foreign in ("Иван", "ivan@example.org", "Чужд пост", 'Чужд"', "marin", moderator.email):
        assert foreign not in text


# Leaving


def test_delete_page_asks_for_a_choice_and_the_password(client, community, make_member):
    member = make_member()
    client.force_login(member.user)
    page = url(community, "delete_account_route")
    html = client.get(page).content.decode()
    assert 'type="radio"' in html and 'type="password"' in html
    response = client.post(page, {"contributions": "remove", "password": "wrong"})
    assert response.status_code == 400
    wrong = translated("This is not your current password.")
    assert wrong in " ".join(response.context["form"].errors["password"])
    response = client.post(page, {"password": PASSWORD})
    assert response.status_code == 400
    assert Member.objects.filter(pk=member.pk).exists()
    assert client.get(url(community, "my_profile_route")).status_code == 200  # still signed in


def leave(client, page, member, choice):
    client.force_login(member.user)
    return client.post(
        url(page, "delete_account_route"),
        {"contributions": choice, "password": PASSWORD},
        follow=True,
    )


def test_leaving_and_removing_everything(
    client, english, make_member, django_user_model, django_capture_on_commit_callbacks
):
    member = make_member()
    other = make_member("ivan@example.org", full_name="Иван Другия")
    resource = make_resource(member)
    resource.file.save("metodika.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    storage, name = resource.file.storage, resource.file.name
    assert storage.exists(name)
    alone = make_thread(member, title="Само мои постове")
    make_post(alone, member)
    shared = make_thread(member, title="С отговори")
    make_post(shared, member, body="Моят въпрос")
    reply = make_post(shared, other, body="Отговор на Иван")
    elsewhere = make_thread(other, title="Темата на Иван")
    make_post(elsewhere, other, body="Въпрос на Иван")
    make_post(elsewhere, member, body="Моят отговор")
    ThreadSubscription.objects.create(thread=elsewhere, member=member)
    user_pk = member.user.pk

    with django_capture_on_commit_callbacks(execute=True):
        response = leave(client, english, member, "remove")

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == english.get_parent().url
    assert "Your account has been deleted" in " ".join(
        str(message) for message in get_messages(response.wsgi_request)
    )
    assert not Resource.objects.filter(pk=resource.pk).exists()
    assert not storage.exists(name)
    assert not Thread.objects.filter(pk=alone.pk).exists()
    shared.refresh_from_db()
    assert shared.author is None
    assert list(shared.posts.values_list("body", flat=True)) == ["Отговор на Иван"]
    assert shared.post_count == 1 and shared.last_post_at == reply.created_at
    elsewhere.refresh_from_db()
    assert elsewhere.post_count == 1
    assert not Post.objects.filter(body="Моят отговор").exists()
    assert not ThreadSubscription.objects.filter(member_id=member.pk).exists()
    assert not Member.objects.filter(pk=member.pk).exists()
    assert not django_user_model.objects.filter(pk=user_pk).exists()
    assert not EmailAddress.objects.filter(user_id=user_pk).exists()
    assert Member.objects.filter(pk=other.pk).exists()
    # Signed out: "My profile" sends to sign in.
    assert client.get(url(english, "my_profile_route")).status_code == 302


def test_leaving_and_keeping_contributions_anonymised(client, english, make_member):
    member = make_member()
    resource = make_resource(member)
    thread = make_thread(member)
    post = make_post(thread, member)

    leave(client, english, member, "anonymise")

    for row in (resource, thread, post):
        row.refresh_from_db()
        assert row.author is None
    thread.refresh_from_db()
    assert thread.post_count == 1
    assert not Member.objects.filter(pk=member.pk).exists()
    assert not EmailAddress.objects.filter(email="maria@example.org").exists()


def test_nothing_is_half_done_when_deleting_fails(client, community, make_member, monkeypatch):
    member = make_member()
    thread = make_thread(member)
    make_post(thread, member)

    def fail(*args, **kwargs):
        raise RuntimeError("database gone")

    # The last step fails, after the posts, the threads and the addresses went.
    monkeypatch.setattr(Member, "delete", fail)
    client.force_login(member.user)
    client.raise_request_exception = False
    response = client.post(
        url(community, "delete_account_route"), {"contributions": "remove", "password": PASSWORD}
    )
    assert response.status_code == 500
    assert Member.objects.filter(pk=member.pk).exists()
    assert Post.objects.filter(thread=thread, author=member).exists()
    assert EmailAddress.objects.filter(user=member.user).exists()
    monkeypatch.undo()
    assert client.get(url(community, "my_profile_route")).status_code == 200  # still signed in
