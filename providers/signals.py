"""Service types and target groups are the same on every language version of a provider.

wagtail-localize does not copy many-to-many relations of snippets, so we keep them
synchronised ourselves: whichever version an editor changes, the others follow, each
pointing at the taxonomy rows of its own language (or the source row, untranslated).
"""

from django.db.models.signals import m2m_changed, post_save

from providers.models import Provider

RELATIONS = ("service_types", "target_groups")
_syncing = set()


def localized_rows(rows, locale_id):
    if not rows:
        return []
    model = type(rows[0])
    by_key = {
        row.translation_key: row
        for row in model.objects.filter(
            translation_key__in=[row.translation_key for row in rows], locale_id=locale_id
        )
    }
    return [by_key.get(row.translation_key, row) for row in rows]


def copy_taxonomies(origin, targets):
    for relation in RELATIONS:
        rows = list(getattr(origin, relation).all())
        for target in targets:
            _syncing.add(target.pk)
            try:
                getattr(target, relation).set(localized_rows(rows, target.locale_id))
            finally:
                _syncing.discard(target.pk)


def on_taxonomies_changed(sender, instance, action, reverse, **kwargs):
    if reverse or not action.startswith("post_") or instance.pk in _syncing:
        return
    copy_taxonomies(instance, list(instance.get_translations()))


def on_provider_saved(sender, instance, created, raw=False, **kwargs):
    """A new translation takes its taxonomies from the versions that already exist."""
    if not created or raw:
        return
    origin = next(
        (
            other
            for other in instance.get_translations()
            if other.service_types.exists() or other.target_groups.exists()
        ),
        None,
    )
    if origin is not None:
        copy_taxonomies(origin, [instance])


def connect():
    for relation in RELATIONS:
        m2m_changed.connect(
            on_taxonomies_changed,
            sender=getattr(Provider, relation).through,
            dispatch_uid=f"provider-{relation}-sync",
        )
    post_save.connect(on_provider_saved, sender=Provider, dispatch_uid="provider-sync-new")
