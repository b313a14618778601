"""The community of practice: members, the resources they share, their discussions.

Members are ordinary user accounts with a profile (``Member``); they never get staff
rights or admin access. What members share goes through the moderators: resources before
they are published (pre-moderation), posts after (anyone may report one, a moderator
hides it). The community's pages are routes of one ``CommunityPage`` per language tree.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.countries import COUNTRIES
from home.models import BasePage
from library.models import Topic

# The site's languages (settings.LANGUAGES), for members' e-mails, resources and posts.
LANGUAGES = settings.LANGUAGES
BIO_MAX = 600
SUMMARY_MAX = 1000
POST_MAX = 5000


def new_token():
    return secrets.token_urlsafe(24)


class Member(models.Model):
    """A specialist's profile; the account itself is ``user`` (never staff)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Member")
        DECLINED = "declined", _("Declined")
        SUSPENDED = "suspended", _("Suspended")

    class Role(models.TextChoices):
        SOCIAL_WORKER = "social_worker", _("Social worker")
        MANAGER = "manager", _("Manager of a service")
        PSYCHOLOGIST = "psychologist", _("Psychologist")
        PUBLIC_OFFICIAL = "public_official", _("Public administration")
        RESEARCHER = "researcher", _("Researcher or trainer")
        NGO = "ngo", _("NGO staff or volunteer")
        STUDENT = "student", _("Student")
        OTHER = "other", _("Other")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name=_("organisation on the provider map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("If the organisation is on the map, members see it marked there."),
    )
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES)
    district = models.ForeignKey(
        "providers.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    bio = models.TextField(
        _("about me"), blank=True, validators=[MaxLengthValidator(BIO_MAX)], max_length=BIO_MAX
    )
    profile_public = models.BooleanField(
        _("show my profile in the public member directory"), default=False
    )
    language = models.CharField(
        _("language for e-mails"), max_length=2, choices=LANGUAGES, default="bg"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(
        _("reason"), blank=True, help_text=_("Sent to the applicant when declined or suspended.")
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    @property
    def is_active_member(self):
        return self.status == self.Status.APPROVED and self.user.is_active

    @property
    def language_names(self):
        """The languages they speak, by name ("Български, Română")."""
        names = dict(LANGUAGES)
        return ", ".join(names.get(code, code) for code in self.languages)


class Resource(index.Indexed, models.Model):
    """A methodological resource a member shares: a file or a link, moderated first."""

    class Kind(models.TextChoices):
        METHODOLOGY = "methodology", _("Methodology")
        STUDY = "study", _("Study or report")
        TRAINING = "training", _("Training material")
        TEMPLATE = "template", _("Template or form")
        COMMENTARY = "commentary", _("Commentary on legislation")
        LINK = "link", _("Link")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Members only")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Published")
        DECLINED = "declined", _("Declined")

    author = models.ForeignKey(
        Member,
        verbose_name=_("shared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # kept, anonymised, when a member leaves and says so
        related_name="resources",
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(
        _("summary"), validators=[MaxLengthValidator(SUMMARY_MAX)], max_length=SUMMARY_MAX
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    topic = models.ForeignKey(
        "library.Topic",
        verbose_name=_("topic"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="community/resources/%Y/%m/", blank=True)
    file_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    link = models.URLField(_("link"), max_length=500, blank=True)
    visibility = models.CharField(
        _("who may see it"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    search_fields = [
        index.SearchField("title"),
        index.SearchField("summary"),
        index.FilterField("language"),
        index.FilterField("status"),
        index.FilterField("visibility"),
    ]

    class Meta:
        verbose_name = _("shared resource")
        verbose_name_plural = _("shared resources")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(file="") & models.Q(link="")),
                name="resource_has_file_or_link",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED and self.visibility == self.Visibility.PUBLIC


class Thread(models.Model):
    """A discussion under one of the network's themes (library topics)."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone may read it")
        MEMBERS = "members", _("Members only")

    topic = models.ForeignKey(
        "library.Topic",
        verbose_name=_("theme"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        Member,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="threads",
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    visibility = models.CharField(
        _("who may read it"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    last_post_at = models.DateTimeField(_("last post"), default=timezone.now, db_index=True)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    locked = models.BooleanField(
        _("closed"), default=False, help_text=_("No new replies; what is there stays readable.")
    )

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-last_post_at"]

    def __str__(self):
        return self.title


class Post(models.Model):
    """A message in a thread: plain text, links made clickable when shown, never HTML."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        Member,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    body = models.TextField(_("message"), validators=[MaxLengthValidator(POST_MAX)])
    created_at = models.DateTimeField(_("written"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden by a moderator"), default=False, db_index=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.TextField(_("why it was hidden"), blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.thread}: {self.body[:60]}"


class PostReport(models.Model):
    """Someone (a member or a visitor) told the moderators a post breaks the rules."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Offensive or abusive")
        PERSONAL_DATA = "personal_data", _("Reveals someone's personal data")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("details"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved_at = models.DateTimeField(_("dealt with"), null=True, blank=True, db_index=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.post}"


class ThreadSubscription(models.Model):
    """A member gets an e-mail for each new reply; ``token`` unsubscribes without signing in."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="subscriptions")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "member"], name="one_subscription_per_thread")
        ]

    def __str__(self):
        return f"{self.member} → {self.thread}"


class CommunityPage(RoutablePageMixin, BasePage):
    """The community of practice in one language: landing page and every member route."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + ["lead", "body"]
    search_fields = BasePage.search_fields + [index.SearchField("lead"), index.SearchField("body")]
    # The filters of its lists (resources, discussions, members) the language switcher keeps.
    switcher_parameters = {
        "topic": Topic,
        "theme": Topic,
        "country": None,
        "type": None,
        "language": None,
        "district": None,
        "role": None,
        "page": None,
    }

    class Meta:
        verbose_name = _("community of practice")

    # Each route is served by a view of community.views; the page passes itself along.
    @path("")
    def index_route(self, request):
        from community.views import landing

        return landing.index(request, self)

    @path("resources/")
    def resources_route(self, request):
        from community.views import resources

        return resources.library(request, self)

    @path("resources/share/")
    def resource_submit_route(self, request):
        from community.views import resources

        return resources.submit(request, self)

    @path("resources/<int:pk>/")
    def resource_route(self, request, pk):
        from community.views import resources

        return resources.detail(request, self, pk)

    @path("resources/<int:pk>/download/")
    def resource_download_route(self, request, pk):
        from community.views import resources

        return resources.download(request, self, pk)

    @path("discussions/")
    def discussions_route(self, request):
        from community.views import discussions

        return discussions.index(request, self)

    @path("discussions/new/")
    def thread_new_route(self, request):
        from community.views import discussions

        return discussions.new_thread(request, self)

    @path("discussions/<int:pk>/")
    def thread_route(self, request, pk):
        from community.views import discussions

        return discussions.thread(request, self, pk)

    @path("discussions/<int:pk>/subscription/")
    def thread_subscription_route(self, request, pk):
        from community.views import discussions

        return discussions.subscription(request, self, pk)

    @path("discussions/unsubscribe/<str:token>/")
    def unsubscribe_route(self, request, token):
        from community.views import discussions

        return discussions.unsubscribe(request, self, token)

    @path("posts/<int:pk>/report/")
    def post_report_route(self, request, pk):
        from community.views import discussions

        return discussions.report(request, self, pk)

    @path("members/")
    def members_route(self, request):
        from community.views import members

        return members.directory(request, self)

    @path("members/<int:pk>/")
    def member_route(self, request, pk):
        from community.views import members

        return members.profile(request, self, pk)

    @path("my-profile/")
    def my_profile_route(self, request):
        from community.views import members

        return members.edit_profile(request, self)

    @path("my-profile/data/")
    def my_data_route(self, request):
        from community.views import members

        return members.export_data(request, self)

    @path("my-profile/delete/")
    def delete_account_route(self, request):
        from community.views import members

        return members.delete_account(request, self)
