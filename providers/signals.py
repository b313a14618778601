"""What is not language is one fact for every language version of a provider.

Coordinates, the confidential flag, contacts, capacity, district, country (the model's
SHARED_FIELDS) and the service types and target groups: whichever version is saved, through
the admin, the importer or code, the others follow at once, each pointing at the district
and taxonomy rows of its own language (or the source row, untranslated). wagtail-localize
copies synchronised fields only from the source when a translation is synced, and never
many-to-many relations of snippets, so this cannot be left to it.
"""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import Signal

from providers.models import SHARED_FIELDS, District, Provider

RELATIONS = ("service_types", "target_groups")
_syncing = set()

# Sent after many providers were written at once, without a post_save each (the import,
# providers.importer); ``instances`` come with locale, district and terms loaded.
providers_saved_in_bulk = Signal()


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


def share_facts(origin):
    others = Provider.objects.filter(translation_key=origin.translation_key).exclude(pk=origin.pk)
    districts = {
        row.locale_id: row
        for row in District.objects.filter(translation_key=origin.district.translation_key)
    }
    for other in others:
        changed = [name for name in SHARED_FIELDS if getattr(other, name) != getattr(origin, name)]
        for name in changed:
            setattr(other, name, getattr(origin, name))
        district = districts.get(other.locale_id, origin.district)
        if other.district_id != district.pk:
            other.district = district
            changed.append("district")
        if changed:
            _syncing.add(other.pk)
            try:
                other.save(update_fields=changed)
            finally:
                _syncing.discard(other.pk)


def on_provider_facts_saved(sender, instance, raw=False, **kwargs):
    if raw or instance.pk in _syncing:
        return
    share_facts(instance)


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
    post_save.connect(on_provider_facts_saved, sender=Provider, dispatch_uid="provider-facts")
