from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.models import DraftStateMixin, Locale
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet
from wagtail.users.models import UserProfile

from home.models import FundingNotice, Partner
from home.translation.permissions import user_languages


def editor_language(user):
    """The language a user's snippet listings open on.

    Their admin preferred language when they may work on it, else the first of theirs.
    """
    languages = user_languages(user)
    preferred = UserProfile.get_for_user(user).get_preferred_language()
    if preferred in languages:
        return preferred
    return languages[0] if languages else None


def listing_language(request):
    """The language a translatable snippet listing shows: ``?locale=`` ("" for all) or,
    without it, the editor's language."""
    if "locale" in request.GET:
        return request.GET["locale"]
    return editor_language(request.user) or ""


class TranslatableIndexView(IndexView):
    """A listing that opens on the editor's language; ``?locale=`` lists every language.

    Wagtail's own language filter (``?locale=<code>``, with an "All" choice) is kept: a
    request without ``locale`` is filtered as if it asked for the editor's language.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # A "locale" entry in list_filter would filter on Locale primary keys and clash
        # with Wagtail's language-code filter (``?locale=bg`` became an invalid choice).
        if isinstance(self.list_filter, dict):
            self.list_filter = {k: v for k, v in self.list_filter.items() if k != "locale"}
        elif self.list_filter:
            self.list_filter = [name for name in self.list_filter if name != "locale"]
        # Moderators find the draft translations waiting to be published by their status.
        if issubclass(self.model, DraftStateMixin) and not any(
            isinstance(column, LiveStatusTagColumn) for column in self.list_display
        ):
            self.list_display = [*self.list_display, LiveStatusTagColumn()]

    @cached_property
    def editor_locale(self):
        language = editor_language(self.request.user)
        return Locale.objects.filter(language_code=language).first() if language else None

    @cached_property
    def shows_editor_language(self):
        return "locale" not in self.request.GET and self.editor_locale is not None

    def get_locale(self):
        # The add button and the listing's language follow the filter, or the editor.
        if self.i18n_enabled and not self.request.GET.get("locale") and self.editor_locale:
            return self.editor_locale
        return super().get_locale()

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if self.shows_editor_language:
            data = kwargs["data"].copy()
            data["locale"] = self.editor_locale.language_code
            kwargs["data"] = data
        return kwargs

    @cached_property
    def filters(self):
        filters = super().filters
        if filters is not None and "locale" in filters.form.fields and self.editor_locale:
            # The editor's language is the default: not shown as an active filter, and
            # choosing "All" (``?locale=``) is a change from it.
            filters.form.fields["locale"].initial = self.editor_locale.language_code
        return filters

    def get_page_subtitle(self):
        if not self.i18n_enabled or not self.filters or "locale" not in self.filters.form.fields:
            return super().get_page_subtitle()
        language = self.filters.form.data.get("locale")
        if language:
            locale = Locale.objects.filter(language_code=language).first()
            if locale is not None:
                return locale.get_display_name()
        return _("All languages")


class TranslatableSnippetViewSet(SnippetViewSet):
    """A translatable snippet's admin: translators list their own languages only, and
    every listing opens on the editor's language."""

    index_view_class = TranslatableIndexView

    def get_queryset(self, request):
        # Filter on locale_id, not locale__language_code: admin search runs the queryset
        # through the search backend, which can filter only on the model's FilterFields.
        locales = Locale.objects.filter(language_code__in=user_languages(request.user))
        return self.model._default_manager.filter(
            locale_id__in=list(locales.values_list("pk", flat=True))
        )


class PartnerViewSet(TranslatableSnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "country", "locale"]
    list_filter = ["locale", "country"]
    search_fields = ["name", "city"]


class FundingNoticeViewSet(TranslatableSnippetViewSet):
    model = FundingNotice
    icon = "info-circle"
    menu_label = _("Funding notice")
    list_display = ["project_code", "programme", "locale"]
    list_filter = ["locale"]
    search_fields = ["project_code", "programme", "project_title"]
