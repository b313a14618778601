"""Discussions: threads under the network's themes, replies, follow-ups by e-mail, reports.

A theme is a library topic. Topics are translated snippets (one row per language sharing a
``translation_key``), so threads are grouped and filtered by that key and a theme reads in
the language of the page, whichever language's row the thread points at. Threads
themselves belong to no language tree: each community page shows all of them.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from smtplib import SMTPException

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Value, Window
from django.db.models.functions import Greatest, RowNumber
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Locale

from community.access import is_active_member, may_moderate, member_of, members_only, refuse
from community.discussion_forms import ReplyForm, ReportForm, ThreadForm
from community.emails import send_to_member
from community.models import CommunityPage, Member, Post, PostReport, Thread, ThreadSubscription
from home.caching import cached_per_language
from home.client import client_address
from home.counting import first_request_in_window
from home.pagination import IN_ROWS, paginate
from home.utils import public_url
from library.models import Topic

logger = logging.getLogger(__name__)

THREADS_PER_PAGE = 20
THREADS_PER_THEME = 5  # on the overview; a theme's own list has them all
POSTS_PER_PAGE = 30
OTHER = "other"  # the filter value for threads whose theme is gone or not translated

# Posting limits per member and hour: enough for a lively exchange, too few for a flood.
HOUR = 60 * 60
THREADS_PER_HOUR = 5
POSTS_PER_HOUR = 30
# Reports from one visitor's connection: one per post and hour, a few in all.
REPORTS_PER_HOUR = 10


# --- Helpers ---------------------------------------------------------------------------


def route_url(page, name, *args, request=None):
    """The site-relative URL of one of the page's routes."""
    return page.get_url(request) + page.reverse_subpage(name, args=args or None)


def get_themes(request, page):
    """The network's themes in the page's language, by translation key (cached)."""
    return cached_per_language(
        request,
        f"community-themes:{page.locale_id}",
        lambda: {
            topic.translation_key: topic
            for topic in Topic.objects.filter(locale_id=page.locale_id, live=True).order_by("name")
        },
    )


def reads_members_only(user):
    """Approved members (and the moderators) read the threads that are for members."""
    return is_active_member(user) or may_moderate(user)


def readable_threads(user):
    threads = Thread.objects.select_related("author", "topic")
    if not reads_members_only(user):
        threads = threads.filter(visibility=Thread.Visibility.PUBLIC)
    return threads


def theme_name(thread, themes):
    """The thread's theme in the page's language (its own row's name if not translated)."""
    if thread.topic is None:
        return ""
    theme = themes.get(thread.topic.translation_key)
    return theme.name if theme else thread.topic.name


def page_of_post(post):
    """The number of the thread's page that shows ``post``."""
    before = Post.objects.filter(thread_id=post.thread_id).filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    )
    return before.count() // POSTS_PER_PAGE + 1


def post_url(page, post, request=None):
    url = route_url(page, "thread_route", post.thread_id, request=request)
    number = page_of_post(post)
    return f"{url}{f'?page={number}' if number > 1 else ''}#post-{post.pk}"


def over_limit(key, limit):
    return (cache.get(key) or 0) >= limit


def count_use(key, seconds=HOUR):
    """One more use of ``key`` in a window that starts with the first use."""
    if cache.add(key, 1, seconds):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, seconds)


def client_key(request):
    """Names the visitor's connection for a day without recording who it is."""
    salt = f"{settings.SECRET_KEY}|{timezone.localdate().isoformat()}"
    client = f"{client_address(request)}|{request.headers.get('User-Agent', '')}"
    return hashlib.sha256(f"{salt}|{client}".encode()).hexdigest()


def posting_limit_reached(member, new_thread=False):
    if new_thread and over_limit(f"community-threads:{member.pk}", THREADS_PER_HOUR):
        return True
    return over_limit(f"community-posts:{member.pk}", POSTS_PER_HOUR)


def count_posting(member, new_thread=False):
    if new_thread:
        count_use(f"community-threads:{member.pk}")
    count_use(f"community-posts:{member.pk}")


def login_url(request):
    return f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"


def render(request, page, template, context=None, status=200):
    response = page.render(
        request,
        template=f"community/discussions/{template}.html",
        context_overrides={
            "section": "discussions",
            "login_url": login_url(request),
            "signup_url": reverse("account_signup"),
            **(context or {}),
        },
    )
    response.status_code = status
    return response


def members_only_page(request, page, thread):
    """What someone who may not read a members' thread sees instead of it."""
    return render(request, page, "members_only", {"thread": thread}, status=403)


# --- The list of discussions ------------------------------------------------------------


@dataclass
class Section:
    """One theme on the overview: its newest threads and how many it has."""

    slug: str
    name: str
    total: int
    latest: datetime
    threads: list = field(default_factory=list)


def index(request, page):
    """The themes with their newest threads, or one theme's threads page by page."""
    themes = get_themes(request, page)
    by_slug = {theme.slug: theme for theme in themes.values()}
    threads = readable_threads(request.user).annotate(
        replies=Greatest(F("post_count") - 1, Value(0))
    )
    chosen = request.GET.get("theme", "").strip()
    notices = []
    if chosen and chosen not in by_slug and chosen != OTHER:
        notices.append(_("There is no such theme; here are the discussions on every theme."))
        chosen = ""
    context = {
        "themes": themes,
        "chosen": chosen,
        "notices": notices,
        "reader_is_member": is_active_member(request.user),
        "reads_members_only": reads_members_only(request.user),
    }

    if chosen:
        if chosen == OTHER:
            threads = threads.filter(
                Q(topic__isnull=True) | ~Q(topic__translation_key__in=list(themes))
            )
            context["chosen_name"] = _("Other")
        else:
            threads = threads.filter(topic__translation_key=by_slug[chosen].translation_key)
            context["chosen_name"] = by_slug[chosen].name
        page_obj = paginate(
            threads.order_by("-last_post_at", "-pk"), request, THREADS_PER_PAGE, count=IN_ROWS
        )
        for thread in page_obj.object_list:
            thread.theme_name = theme_name(thread, themes)
        context.update(page_obj=page_obj, chosen_total=page_obj.paginator.count)
        return render(request, page, "index", context)

    # The overview: each theme's newest threads with its count, all in one query.
    by_theme = [F("topic__translation_key")]
    newest = threads.annotate(
        rank=Window(
            RowNumber(),
            partition_by=by_theme,
            order_by=[F("last_post_at").desc(), F("pk").desc()],
        ),
        in_theme=Window(Count("pk"), partition_by=by_theme),
        theme_latest=Window(Max("last_post_at"), partition_by=by_theme),
    ).filter(rank__lte=THREADS_PER_THEME)
    sections, partitions = {}, set()
    for thread in newest.order_by("-last_post_at", "-pk"):
        own_key = thread.topic.translation_key if thread.topic else None
        # Threads whose theme was deleted or is not in this language go under "Other".
        key = own_key if own_key in themes else None
        section = sections.get(key)
        if section is None:
            name = themes[key].name if key else _("Other")
            slug = themes[key].slug if key else OTHER
            section = sections[key] = Section(slug, name, 0, thread.theme_latest)
        if own_key not in partitions:  # "Other" gathers several partitions
            partitions.add(own_key)
            section.total += thread.in_theme
            section.latest = max(section.latest, thread.theme_latest)
        if len(section.threads) < THREADS_PER_THEME:
            thread.theme_name = section.name if key else theme_name(thread, themes)
            section.threads.append(thread)
    context["sections"] = sorted(sections.values(), key=lambda s: s.latest, reverse=True)
    context["total"] = sum(section.total for section in sections.values())
    return render(request, page, "index", context)


@members_only
def new_thread(request, page):
    member = member_of(request.user)
    topics = Topic.objects.filter(locale_id=page.locale_id, live=True).order_by("name")
    form = ThreadForm(
        request.POST if request.method == "POST" else None,
        themes=topics,
        initial={"theme": request.GET.get("theme", "")},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        if posting_limit_reached(member, new_thread=True):
            form.add_error(None, limit_message())
            status = 429
        else:
            thread = start_thread(member, form.cleaned_data)
            count_posting(member, new_thread=True)
            messages.success(
                request,
                _("Your discussion has started. You will get an e-mail when someone replies."),
            )
            return redirect(route_url(page, "thread_route", thread.pk, request=request))
    return render(request, page, "new_thread", {"form": form}, status=status)


def limit_message():
    return _(
        "You have posted a lot in the last hour. Please wait a while before posting again; "
        "your text is still here."
    )


def start_thread(member, data):
    theme = data["theme"]
    # Like every link to a translated snippet, the thread points at the source language's row.
    topic = theme.get_translation_or_none(Locale.get_default()) or theme
    now = timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            topic=topic,
            title=data["title"],
            author=member,
            language=data["language"],
            visibility=data["visibility"],
            created_at=now,
            last_post_at=now,
            post_count=1,
        )
        Post.objects.create(thread=thread, author=member, body=data["body"], created_at=now)
        ThreadSubscription.objects.create(thread=thread, member=member)
    return thread


# --- One discussion ---------------------------------------------------------------------


def get_thread(pk, member=None):
    """The thread; with ``member``, whether they follow it too (``followed``)."""
    threads = Thread.objects.select_related("author", "topic")
    if member is not None:
        threads = threads.annotate(
            followed=Exists(ThreadSubscription.objects.filter(thread=OuterRef("pk"), member=member))
        )
    thread = threads.filter(pk=pk).first()
    if thread is None:
        raise Http404("No such discussion.")
    return thread


def thread(request, page, pk):
    member = member_of(request.user)
    thread = get_thread(pk, member if member and member.is_active_member else None)
    if thread.visibility == Thread.Visibility.MEMBERS and not reads_members_only(request.user):
        return members_only_page(request, page, thread)
    if request.method == "POST":
        return members_only(reply)(request, page, thread)
    return show_thread(request, page, thread, ReplyForm())


def show_thread(request, page, thread, form, status=200):
    member = member_of(request.user)
    active = bool(member and member.is_active_member)
    posts = thread.posts.select_related("author").order_by("created_at", "pk")
    page_obj = paginate(posts, request, POSTS_PER_PAGE, count=IN_ROWS)
    themes = get_themes(request, page)
    context = {
        "thread": thread,
        "theme": themes.get(thread.topic.translation_key) if thread.topic else None,
        "theme_name": theme_name(thread, themes),
        "page_obj": page_obj,
        "form": form,
        "may_reply": active and not thread.locked,
        "reader_is_member": active,
        "subscribed": active and getattr(thread, "followed", False),
    }
    return render(request, page, "thread", context, status=status)


def reply(request, page, thread):
    """A reply from an approved member (members_only has checked who is writing)."""
    member = member_of(request.user)
    if thread.locked:
        return refuse(request, page, _("This discussion is closed: it takes no new replies."))
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return show_thread(request, page, thread, form)
    if posting_limit_reached(member):
        form.add_error(None, limit_message())
        return show_thread(request, page, thread, form, status=429)
    now = timezone.now()
    with transaction.atomic():
        post = Post.objects.create(
            thread=thread, author=member, body=form.cleaned_data["body"], created_at=now
        )
        Thread.objects.filter(pk=thread.pk).update(post_count=F("post_count") + 1, last_post_at=now)
    count_posting(member)
    notify_subscribers(page, thread, post)
    messages.success(request, _("Your reply is published."))
    return redirect(post_url(page, post, request=request))


def community_pages(page):
    """The community page of each language, by language code: ``page``'s translations,
    or (one per language tree) whichever is live in that language."""
    pages = {}
    for community in CommunityPage.objects.live().select_related("locale").order_by("pk"):
        code = community.locale.language_code
        if code not in pages or community.translation_key == page.translation_key:
            pages[code] = community
    return pages


def notify_subscribers(page, thread, post):
    """E-mail everyone who follows the thread (but the reply's author), each in their own
    language and with a link that stops these e-mails."""
    subscriptions = (
        thread.subscriptions.exclude(member=post.author)
        .filter(member__status=Member.Status.APPROVED, member__user__is_active=True)
        .select_related("member__user")
    )
    pages = None
    number = page_of_post(post)
    for subscription in subscriptions:
        if pages is None:
            pages = community_pages(page)
        member = subscription.member
        target = pages.get(member.language, page)
        thread_url = public_url(route_url(target, "thread_route", thread.pk))
        context = {
            "thread": thread,
            "post": post,
            "author_name": post.author.full_name if post.author else "",
            "thread_url": f"{thread_url}{f'?page={number}' if number > 1 else ''}#post-{post.pk}",
            "unsubscribe_url": public_url(
                route_url(target, "unsubscribe_route", subscription.token)
            ),
        }
        try:
            send_to_member(member, "new_reply", context)
        except (SMTPException, OSError):
            # The reply is published either way; one unreachable mailbox stops nobody else's.
            logger.exception("Could not e-mail member %s about thread %s", member.pk, thread.pk)


# --- Following a discussion -------------------------------------------------------------


@members_only
def subscription(request, page, pk):
    thread = get_thread(pk)
    url = route_url(page, "thread_route", thread.pk, request=request)
    if request.method != "POST":
        return redirect(url)
    member = member_of(request.user)
    existing = ThreadSubscription.objects.filter(thread=thread, member=member)
    if existing.exists():
        existing.delete()
        messages.success(request, _("You no longer follow this discussion."))
    else:
        ThreadSubscription.objects.get_or_create(thread=thread, member=member)
        messages.success(
            request, _("You follow this discussion: each new reply will come to you by e-mail.")
        )
    return redirect(url)


def unsubscribe(request, page, token):
    """From the link in an e-mail: works without signing in, the token is the key."""
    found = (
        ThreadSubscription.objects.select_related("thread", "member").filter(token=token).first()
    )
    if found is None:
        return render(request, page, "unsubscribe", {"missing": True}, status=404)
    if request.method == "POST":
        found.delete()
        return render(request, page, "unsubscribe", {"thread": found.thread, "done": True})
    return render(request, page, "unsubscribe", {"thread": found.thread})


# --- Reports -----------------------------------------------------------------------------


def report(request, page, pk):
    """Anyone who can read a post may tell the moderators it breaks the rules."""
    post = Post.objects.select_related("thread", "author").filter(pk=pk).first()
    if post is None:
        raise Http404("No such post.")
    thread = post.thread
    if thread.visibility == Thread.Visibility.MEMBERS and not reads_members_only(request.user):
        return members_only_page(request, page, thread)
    context = {"post": post, "thread": thread, "back_url": post_url(page, post, request=request)}
    if post.hidden:
        return render(request, page, "report", {**context, "outcome": "hidden"})
    user = request.user if request.user.is_authenticated else None
    if user and PostReport.objects.filter(post=post, reporter=user).exists():
        return render(request, page, "report", {**context, "outcome": "already"})

    form = ReportForm(request.POST if request.method == "POST" else None)
    context["form"] = form
    if request.method != "POST" or not form.is_valid():
        return render(request, page, "report", context)
    if form.is_robot:
        return render(request, page, "report", {**context, "outcome": "thanks"})
    if user is None:
        everything = f"community-reports:{client_key(request)}"
        if over_limit(everything, REPORTS_PER_HOUR):
            form.add_error(
                None, _("Many reports have come from your connection; please try again later.")
            )
            return render(request, page, "report", context, status=429)
        if not first_request_in_window(request, f"report:{post.pk}", seconds=HOUR, kind="report"):
            return render(request, page, "report", {**context, "outcome": "already"})
        count_use(everything)
    PostReport.objects.create(
        post=post,
        reporter=user,
        reason=form.cleaned_data["reason"],
        note=form.cleaned_data["note"],
    )
    return render(request, page, "report", {**context, "outcome": "thanks"})
