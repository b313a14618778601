"""The postal address becomes one fact for every language version of a provider.

Each group of versions takes the address of the version in the country's own language
(Bulgarian for BG, Romanian for RO), or of the first version that has one.
"""

from django.db import migrations

ORIGINAL_LANGUAGES = {"BG": "bg", "RO": "ro"}


def share_addresses(apps, schema_editor):
    Provider = apps.get_model("providers", "Provider")
    groups = {}
    for provider in Provider.objects.select_related("locale").order_by("pk"):
        groups.setdefault(provider.translation_key, []).append(provider)
    for versions in groups.values():
        original = next(
            (
                v
                for v in versions
                if v.address and v.locale.language_code == ORIGINAL_LANGUAGES.get(v.country)
            ),
            None,
        ) or next((v for v in versions if v.address), None)
        if original is None:
            continue
        Provider.objects.filter(pk__in=[v.pk for v in versions]).exclude(
            address=original.address
        ).update(address=original.address)


class Migration(migrations.Migration):
    dependencies = [("providers", "0004_municipality_kind")]

    operations = [migrations.RunPython(share_addresses, migrations.RunPython.noop)]
