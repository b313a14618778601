"""The translation queue: every page and translatable snippet, by state, for one language."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from home.contributions import translated_pages
from home.translation.models import ReviewRequest, SourceChange

# In the order a translator should take them: what a moderator waits for first, then
# published text that no longer matches its source, then work begun, then new work.
STATES = {
    "ready_for_review": _("Ready for review"),
    "out_of_date": _("Out of date"),
    "in_progress": _("In progress"),
    "not_started": _("Not started"),
    "up_to_date": _("Up to date"),
}
URGENCY = {state: rank for rank, state in enumerate(STATES)}
WAITING = [state for state in STATES if state != "up_to_date"]


@dataclass
class QueueItem:
    title: str
    content_type: str
    model_label: str
    source_language: str
    state: str
    source_name: str = ""
    total: int = 0
    done: int = 0
    machine: int = 0  # segments machine-translated and not yet saved by a person
    source_changed_at: object = None
    synced_at: object = None
    url: str = ""
    translation_id: int | None = None

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def state_label(self):
        return STATES[self.state]

    @property
    def age(self):
        return self.source_changed_at or self.synced_at

    @property
    def can_request_review(self):
        return self.translation_id is not None and self.state == "in_progress"


def translatable_models():
    models = [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]
    return [model for model in models if not issubclass(model, Page)]


def translation_items(locale):
    """One row per wagtail-localize Translation into ``locale``, states computed in SQL."""
    segments = StringSegment.objects.filter(source=OuterRef("source")).values("source")
    translated = segments.filter(
        string__translations__locale=OuterRef("target_locale"),
        string__translations__context=F("context"),
    )
    machine = segments.filter(
        string__translations__locale=OuterRef("target_locale"),
        string__translations__context=F("context"),
        string__translations__translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    )
    rows = (
        Translation.objects.filter(target_locale=locale, enabled=True)
        .select_related("source__locale", "source__specific_content_type")
        .annotate(
            total=Subquery(segments.annotate(n=Count("id")).values("n")[:1]),
            done=Subquery(translated.annotate(n=Count("id", distinct=True)).values("n")[:1]),
            machine=Subquery(machine.annotate(n=Count("id", distinct=True)).values("n")[:1]),
            changed_at=Subquery(
                SourceChange.objects.filter(
                    translation_key=OuterRef("source__object_id"), locale=OuterRef("source__locale")
                ).values("changed_at")[:1]
            ),
            review=Exists(ReviewRequest.objects.filter(translation=OuterRef("pk"))),
            translated_at=Subquery(
                StringTranslation.objects.filter(
                    locale=OuterRef("target_locale"),
                    context__object_id=OuterRef("source__object_id"),
                )
                .order_by("-updated_at")
                .values("updated_at")[:1]
            ),
            target_live=_target_value("live", BooleanField()),
            target_published_at=_target_value("last_published_at", DateTimeField()),
        )
    )
    items = []
    for row in rows:
        source = row.source
        model = source.specific_content_type.model_class()
        total, done = row.total or 0, row.done or 0
        if row.changed_at and row.changed_at > source.last_updated_at:
            state = "out_of_date"
        elif row.review:
            state = "ready_for_review"
        elif done < total or _unpublished(row, model):
            state = "in_progress"
        else:
            state = "up_to_date"
        items.append(
            QueueItem(
                title=source.object_repr,
                content_type=str(model._meta.verbose_name),
                model_label=model._meta.label_lower,
                source_language=source.locale.language_code,
                state=state,
                total=total,
                done=done,
                machine=row.machine or 0,
                source_changed_at=row.changed_at,
                synced_at=source.last_updated_at,
                translation_id=row.pk,
                url=reverse("translation_queue:edit", args=[row.pk]),
            )
        )
    return items


def _target_value(field, output_field):
    """``field`` of the translation's target, whichever publishable model it is."""
    targets = [
        Subquery(
            model.objects.filter(
                translation_key=OuterRef("source__object_id"), locale=OuterRef("target_locale")
            ).values(field)[:1]
        )
        for model in (Page, *translatable_models())
        if issubclass(model, DraftStateMixin)
    ]
    return Coalesce(*targets, output_field=output_field)


def _unpublished(row, model):
    """A translation whose text is complete but not yet live: still in progress.

    New translations are drafts, and translators' texts reach the page or snippet only
    when a moderator publishes it, so "every segment translated" is not "up to date".
    """
    if not issubclass(model, DraftStateMixin):
        return False
    if not row.target_live:
        return True
    return bool(
        row.translated_at
        and row.target_published_at
        and row.translated_at > row.target_published_at
    )


LABEL_FIELDS = {"fundingnotice": "programme"}


def not_started_items(locale):
    """Objects with no version in ``locale`` and no translation into it (two queries)."""
    pending = Translation.objects.filter(target_locale=locale).values("source__object_id")
    items = []
    pages = (
        Page.objects.filter(depth__gt=2)
        .exclude(locale=locale)
        .exclude(translation_key__in=Page.objects.filter(locale=locale).values("translation_key"))
        .exclude(translation_key__in=pending)
        .values_list("pk", "translation_key", "locale__language_code", "title", "content_type")
        .order_by("pk")
    )
    parts = []
    for model in translatable_models():
        label = LABEL_FIELDS.get(model._meta.model_name, "name")
        parts.append(
            model.objects.exclude(locale=locale)
            .exclude(
                translation_key__in=model.objects.filter(locale=locale).values("translation_key")
            )
            .exclude(translation_key__in=pending)
            .annotate(label=F(label), kind=Value(model._meta.label_lower))
            .values_list("pk", "translation_key", "locale__language_code", "label", "kind")
            .order_by()
        )
    snippets = parts[0].union(*parts[1:], all=True) if parts else []
    seen = set()
    for pk, key, language, title, kind in [*pages, *snippets]:
        if key in seen:
            continue
        seen.add(key)
        if isinstance(kind, int):
            model = ContentType.objects.get_for_id(kind).model_class()
            url = reverse("wagtail_localize:submit_page_translation", args=[pk])
        else:
            model = apps.get_model(kind)
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[model._meta.app_label, model._meta.model_name, pk],
            )
        items.append(
            QueueItem(
                title=title,
                content_type=str(model._meta.verbose_name),
                model_label=model._meta.label_lower,
                source_language=language,
                state="not_started",
                url=f"{url}?select_locale={locale.language_code}",
            )
        )
    return items


def queue(locale):
    return not_started_items(locale) + translation_items(locale)


def content_type_choices():
    models = [apps.get_model(label) for label in translated_pages()]
    models += translatable_models()
    return [(model._meta.label_lower, str(model._meta.verbose_name)) for model in models]


def missing_segments(translation, limit=50):
    """The source texts of ``translation`` that have no translation yet, in page order."""
    translated = StringTranslation.objects.filter(
        translation_of=OuterRef("string"),
        locale=translation.target_locale,
        context=OuterRef("context"),
    )
    return list(
        StringSegment.objects.filter(source=translation.source)
        .exclude(Exists(translated))
        .select_related("string", "context")
        .order_by("order")
        .values_list("context__path", "string__data")[:limit]
    )
