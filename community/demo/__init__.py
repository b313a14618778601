"""Demo community of practice: its page in each language, fictional members, the
resources they share and their discussions (texts in community.yaml)."""

import datetime
import os
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Site
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from community.models import CommunityPage, Member, Post, PostReport, Resource, Thread
from home.demo.support import (
    SOURCE_LANGUAGE,
    demo_uuid,
    index_page_fields,
    load_yaml,
    refresh_page,
    stream,
    translate,
)
from home.pdf import FONT_FILES, font_dir
from library.models import Topic
from providers.models import District, Provider

DATA = Path(__file__).parent / "community.yaml"
# The one demo account that can sign in; `make run` prints these credentials. The
# password is public on purpose (a demo site), and DEMO_MEMBER_PASSWORD replaces it.
DEMO_EMAIL = "demo.member@example.org"
DEMO_PASSWORD = "demo-member-2026"  # noqa: S105
PAGE_FIELDS = ["seo_title", "search_description", "lead", "body", "show_in_menus"]
# The library's topics (library/demo), found by their translation keys.
TOPICS = [
    "social-services",
    "social-assistance",
    "child-protection",
    "disability",
    "quality",
    "planning",
    "accessibility",
    "capacity-building",
]


def build_sections(log):
    """The community's page in three languages."""
    data = load_yaml(DATA)
    home = Site.objects.get(is_default_site=True).root_page.specific
    page = build_page(home, data["page"])
    refresh_page(page, lambda lang, page: page_fields(data["page"], lang, page), PAGE_FIELDS)
    created = translate(page, lambda lang: page_fields(data["page"], lang, CommunityPage()))
    log(f"community page: {created} translations made")


def build(log):
    data = load_yaml(DATA)
    build_sections(log)

    with transaction.atomic():
        now = timezone.now()
        members = build_members(data["members"], now)
        keys = {demo_uuid("topic", key): key for key in TOPICS}
        topics = {
            keys[topic.translation_key]: topic
            for topic in Topic.objects.filter(
                translation_key__in=keys, locale__language_code=SOURCE_LANGUAGE
            )
        }
        resources = [
            build_resource(item, members, topics, now, data["pdf_note"])
            for item in data["resources"]
        ]
        threads = [build_thread(item, members, topics, now) for item in data["threads"]]
    log(f"members: {len(members)}, resources: {len(resources)}, discussions: {len(threads)}")


def page_fields(data, language, page):
    page = index_page_fields(data, language, page)
    page.body = stream(
        [
            {"type": "rich_text", "value": block["value"]["html"]}
            if block["type"] == "rich_text"
            else block
            for block in data["body"]
        ],
        language,
        "community.page",
    )
    return page


def build_page(home, data):
    existing = CommunityPage.objects.child_of(home).first()
    if existing:
        return existing
    page = page_fields(data, SOURCE_LANGUAGE, CommunityPage())
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def moment(now, days_ago, position=0):
    """A plausible working-hours time ``days_ago`` days back."""
    day = now - datetime.timedelta(days=days_ago)
    return day.replace(hour=9 + (position * 3) % 8, minute=(position * 17) % 60, second=0)


def build_members(items, now):
    providers = {
        provider.external_id: provider
        for provider in Provider.objects.filter(
            locale__language_code=SOURCE_LANGUAGE,
            external_id__in=[item["provider"] for item in items if item.get("provider")],
        )
    }
    districts = {
        district.code: district
        for district in District.objects.filter(locale__language_code=SOURCE_LANGUAGE)
    }
    return {item["email"]: build_member(item, providers, districts, now) for item in items}


def build_member(item, providers, districts, now):
    user = account(item)
    member = Member.objects.filter(user=user).first()
    if member:
        return member
    applied = moment(now, item["applied_days_ago"])
    decided = None
    if item["status"] != Member.Status.PENDING:
        decided = (
            moment(now, item["decided_days_ago"], 1)
            if "decided_days_ago" in item
            else applied + datetime.timedelta(days=2)
        )
    return Member.objects.create(
        user=user,
        full_name=item["full_name"],
        organisation=item["organisation"],
        provider=providers.get(item.get("provider")),
        country=item["country"],
        district=districts.get(item["district"]),
        role=item["role"],
        languages=item["languages"],
        bio=item["bio"].strip(),
        profile_public=item["profile_public"],
        language=item["language"],
        status=item["status"],
        applied_at=applied,
        decided_at=decided,
        decision_note=item.get("decision_note", "").strip(),
    )


def account(item):
    """The member's user: no usable password, except the documented demo account's."""
    email = item["email"]
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        first, _, last = item["full_name"].partition(" ")
        user = get_user_model()(username=email, email=email, first_name=first, last_name=last)
        user.set_unusable_password()
        user.save()
    if item.get("demo_login"):
        password = os.environ.get("DEMO_MEMBER_PASSWORD") or DEMO_PASSWORD
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def build_resource(item, members, topics, now, notes):
    author = members[item["author"]]
    existing = Resource.objects.filter(author=author, title=item["title"]).first()
    if existing:
        return existing
    status = item.get("status", Resource.Status.APPROVED)
    submitted = moment(now, item["days_ago"])
    resource = Resource(
        author=author,
        title=item["title"],
        summary=item["summary"].strip(),
        language=item["language"],
        topic=topics.get(item["topic"]),
        country=item.get("country", ""),
        kind=item["kind"],
        link=item.get("link", ""),
        visibility=item.get("visibility", Resource.Visibility.PUBLIC),
        status=status,
        submitted_at=submitted,
        reviewed_at=None
        if status == Resource.Status.PENDING
        else submitted + datetime.timedelta(hours=20),
        decline_reason=item.get("decline_reason", "").strip(),
        downloads=item.get("downloads", 0),
    )
    if item.get("pdf"):
        content = resource_pdf(item, author, notes[item["language"]])
        name = f"resource-{demo_uuid('community-resource', item['title']).hex[:10]}.pdf"
        resource.file.save(name, ContentFile(content), save=False)
        resource.file_size = len(content)
    resource.save()
    return resource


def resource_pdf(item, author, note):
    """A one-page tagged PDF: the title, who shared it, the summary and the key points."""
    language = item["language"]
    directory = font_dir()
    points = "".join(f"<li>{escape(point)}</li>" for point in item["pdf"])
    html = f"""<!doctype html><html lang="{language}"><head><meta charset="utf-8">
<title>{escape(item["title"])}</title><style>
@font-face {{ font-family: Doc; src: url({(directory / FONT_FILES["regular"]).as_uri()}); }}
@font-face {{ font-family: Doc; font-weight: bold;
  src: url({(directory / FONT_FILES["bold"]).as_uri()}); }}
@page {{ size: A4; margin: 2.5cm; }}
body {{ font-family: Doc; font-size: 11pt; line-height: 1.5; color: #1a1a1a; }}
h1 {{ font-size: 18pt; color: #0b5d4b; }} .note {{ font-size: 9pt; color: #555; }}
</style></head><body><h1>{escape(item["title"])}</h1>
<p><b>{escape(author.full_name)}</b>, {escape(author.organisation)}</p>
<p>{escape(item["summary"].strip())}</p><ul>{points}</ul>
<p class="note">{escape(note)}</p></body></html>"""
    fetcher = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")


def build_thread(item, members, topics, now):
    existing = Thread.objects.filter(title=item["title"], language=item["language"]).first()
    if existing:
        return existing
    times = [moment(now, post["days_ago"], n) for n, post in enumerate(item["posts"])]
    thread = Thread.objects.create(
        topic=topics.get(item["topic"]),
        title=item["title"],
        author=members[item["author"]],
        language=item["language"],
        visibility=item.get("visibility", Thread.Visibility.PUBLIC),
        created_at=times[0],
        last_post_at=times[-1],
        post_count=len(item["posts"]),
    )
    for post_data, written in zip(item["posts"], times, strict=True):
        post = Post.objects.create(
            thread=thread,
            author=members[post_data["author"]],
            body=post_data["body"].strip(),
            created_at=written,
        )
        report = post_data.get("report")
        if report:
            PostReport.objects.create(
                post=post,
                reporter=members[report["reporter"]].user,
                reason=report["reason"],
                note=report["note"].strip(),
                created_at=written + datetime.timedelta(hours=3),
            )
    return thread
