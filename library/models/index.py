"""The library's index: its acts filtered and counted, ELI permalinks, the comparison."""

from collections import defaultdict
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES
from home.caching import cached_per_language
from home.models import BasePage
from home.pagination import paginate

from .legislation import LegislationPage, LegislationRelation
from .network import PracticePage, StatutePage
from .terms import Topic


class LibraryIndexPage(RoutablePageMixin, BasePage):
    """The library of one language tree: filterable, with ELI-shaped permalinks."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["library.LegislationPage", "library.PracticePage", "library.StatutePage"]
    max_count_per_parent = 1
    page_size = 25

    lead = models.TextField(_("lead"), blank=True)
    legal_notice = RichTextField(
        _("legal notice"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Which texts are authentic; shown on every act page."),
    )

    content_panels = BasePage.content_panels + ["lead", "legal_notice"]
    search_fields = BasePage.search_fields + [index.SearchField("lead")]
    # The filters the language switcher carries over (home.templatetags.site_tags).
    switcher_parameters = {
        "jurisdiction": None,
        "type": None,
        "status": None,
        "year": None,
        "sort": None,
        "topic": Topic,
        "page": None,
    }

    class Meta:
        verbose_name = _("library index")

    def get_acts(self):
        """The live acts of this index that are public once the index is.

        The index itself is being served (Wagtail has checked its view restrictions and its
        ancestors'), so only an act's own restriction can make it private: excluded by a
        join rather than ``public()``'s extra query.
        """
        return LegislationPage.objects.live().child_of(self).filter(view_restrictions__isnull=True)

    def get_network_pages(self, request):
        """The statute and the good practices under this index, kept per language until
        the next change (home.caching); one light query to make."""
        return cached_per_language(request, f"library-network:{self.pk}", self._network_pages)

    def _network_pages(self):
        # Public once the index is: see get_acts().
        types = ContentType.objects.get_for_models(StatutePage, PracticePage)
        pages = (
            Page.objects.live()
            .child_of(self)
            .filter(view_restrictions__isnull=True)
            .filter(content_type__in=types.values())
            .order_by("title")
            .only("title", "url_path", "content_type_id")
        )
        statute_type = types[StatutePage].pk
        network = {"statute": None, "practices": []}
        for page in pages:
            if page.content_type_id == statute_type:
                network["statute"] = network["statute"] or page
            else:
                network["practices"].append(page)
        return network

    def get_topics(self, request):
        return cached_per_language(
            request,
            "library-topics",
            lambda: list(Topic.objects.filter(locale_id=self.locale_id, live=True)),
        )

    def filter_acts(self, request):
        """The filters, the sorted ids of the matching acts and each filter's counts.

        One light query of every act of this index gives both the matches and the counts
        (library.filters), so the page costs the same number of queries whatever the filters.
        """
        from library.filters import ROW, LibraryFilterSet  # it filters LegislationPage, below

        acts = self.get_acts()
        topics = self.get_topics(request)
        filters = LibraryFilterSet(request.GET, acts, topics=topics)

        def facets():
            rows = list(acts.values_list(*ROW))
            topic_links = defaultdict(set)
            through = LegislationPage.topics.through
            topic_slugs = {topic.translation_key: topic.slug for topic in topics}
            for page_id, key in through.objects.filter(
                legislationpage__in=[row[0] for row in rows]
            ).values_list("legislationpage_id", "topic__translation_key"):
                if key in topic_slugs:
                    topic_links[page_id].add(topic_slugs[key])
            matching, counts = filters.facets(rows, topic_links)
            return [row[0] for row in matching], counts

        # Kept per language until the next change, like the list's fragments, for each
        # choice of filters and order: the two queries above and the counting, once.
        chosen = urlencode(sorted(filters.chosen.items()) + [("sort", filters.ordering)])
        ids, counts = cached_per_language(request, f"library-facets:{self.pk}:{chosen}", facets)
        return filters, ids, counts

    def get_cached_paths(self):
        """The library and its comparison, purged at a CDN with the page (home.purging)."""
        return ["/", "compare/"]

    @path("")
    def index_route(self, request):
        filters, ids, counts = self.filter_acts(request)
        # Paginate the ids (already counted and sorted), then load only this page's acts.
        page_obj = paginate(ids, request, self.page_size)
        page_ids = page_obj.object_list

        def load_acts():
            acts = LegislationPage.objects.filter(pk__in=page_ids).defer_streamfields()
            by_id = {act.pk: act for act in acts.prefetch_related("topics")}
            return [by_id[pk] for pk in page_ids if pk in by_id]

        # Loaded only if the list is rendered, not when it comes from the cache (the
        # template's site_fragment, keyed by the filters, the order and the page number).
        page_obj.object_list = SimpleLazyObject(load_acts)
        results_key = urlencode(
            sorted(filters.chosen.items()) + [("sort", filters.ordering), ("page", page_obj.number)]
        )
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                # Built only when the form's fragment is rendered anew.
                "filter_form": SimpleLazyObject(lambda: filters.counted_form(counts)),
                "page_obj": page_obj,
                "results_key": results_key,
                "total": len(ids),
                "topics_by_key": {t.translation_key: t for t in filters.topics},
                "network_pages": self.get_network_pages(request),
            },
        )

    @path("eli/<str:jurisdiction>/<str:act_type>/<int:year>/<str:identifier>/", name="eli")
    def eli_route(self, request, jurisdiction, act_type, year, identifier):
        """Resolve an identifier such as eli/ro/lege/2011/292/ to the act, in this language."""
        for act in self.get_acts().filter(jurisdiction=jurisdiction.upper(), year=year):
            if act.eli_type == act_type and act.eli_identifier == identifier:
                return redirect(act.get_url(request))
        raise Http404

    @path("compare/", name="compare")
    def compare_route(self, request):
        """Bulgarian and Romanian acts on the same subject, side by side, by topic."""
        pairs = LegislationRelation.objects.filter(
            page__locale_id=self.locale_id,
            page__live=True,
            relation_type=LegislationRelation.SAME_SUBJECT,
        ).select_related("page", "target")
        targets = {
            page.translation_key: page
            for page in self.get_acts().filter(
                translation_key__in=[pair.target.translation_key for pair in pairs]
            )
        }
        topics = {t.translation_key: t for t in self.get_topics(request)}
        rows = []
        for pair in pairs:
            act = pair.page
            other = targets.get(pair.target.translation_key)
            if other is None:
                continue
            left, right = (act, other) if act.jurisdiction <= other.jurisdiction else (other, act)
            rows.append((left, right))
        by_topic = defaultdict(list)
        through = LegislationPage.topics.through
        first_topic = {}
        for page_id, key in through.objects.filter(
            legislationpage__in=[left.pk for left, _right in rows]
        ).values_list("legislationpage_id", "topic__translation_key"):
            first_topic.setdefault(page_id, key)
        for left, right in rows:
            topic = topics.get(first_topic.get(left.pk))
            by_topic[topic.name if topic else gettext("Other")].append((left, right))
        return self.render(
            request,
            template="library/compare_acts.html",
            context_overrides={"by_topic": sorted(by_topic.items())},
        )
