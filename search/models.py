from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

KINDS = {
    "page": _("Pages"),
    "news": _("News and events"),
    "legislation": _("Legislation"),
    "practice": _("Good practices"),
    "publication": _("Publications"),
    "provider": _("Service providers"),
    "resource": _("Shared resources"),
}


class SearchDocument(index.Indexed, models.Model):
    """One public page, provider or shared resource as the site search sees it, in its own
    language (a resource in the language it is written in).

    ``title_terms`` and ``body_terms`` hold the text after the language's analysis
    (search.analysis: Bulgarian stems with transliteration keys, Romanian folded stems,
    English stems). A PostgreSQL generated tsvector column or an SQLite FTS5 table
    over them (migration 0002) answers the queries; ``text`` keeps the plain words for
    the highlighted excerpts. Rows follow publishing through search.signals.
    """

    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=list(KINDS.items()))
    page = models.OneToOneField(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    provider = models.OneToOneField(
        "providers.Provider", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The community's shared resources: the one tie besides providers (design.md, issue 16).
    resource = models.OneToOneField(
        "community.Resource", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=500)
    url = models.CharField(_("address"), max_length=1000)
    summary = models.TextField(_("summary"), blank=True)
    text = models.TextField(_("text"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    # Empty unless an Elasticsearch/OpenSearch backend is configured (search.external):
    # the database backend must not index these rows a second time.
    search_fields = []

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [models.Index(fields=["locale", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, provider__isnull=True, resource__isnull=True)
                | models.Q(page__isnull=True, provider__isnull=False, resource__isnull=True)
                | models.Q(page__isnull=True, provider__isnull=True, resource__isnull=False),
                name="search_document_is_a_page_a_provider_or_a_resource",
            )
        ]

    def __str__(self):
        return self.title

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.select_related("locale")

    def _in(self, language, value):
        return value if self.locale.language_code == language else ""

    def title_bg(self):
        return self._in("bg", self.title)

    def text_bg(self):
        return self._in("bg", self.text)

    def title_ro(self):
        return self._in("ro", self.title)

    def text_ro(self):
        return self._in("ro", self.text)

    def title_en(self):
        return self._in("en", self.title)

    def text_en(self):
        return self._in("en", self.text)
