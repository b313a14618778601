"""Shared resources of the community become search documents too.

On SQLite, Django rebuilds the table to change its constraint, and the rebuilt table has
lost the triggers that keep the FTS5 index in step (0002): they are made again and the
index rebuilt from the rows.
"""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


FULL_TEXT = importlib.import_module("search.migrations.0002_full_text_index")


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in FULL_TEXT.SQLITE_REVERSE[:3]:  # the triggers, not the FTS table
        schema_editor.execute(statement)
    for statement in FULL_TEXT.SQLITE[1:]:
        schema_editor.execute(statement)
    schema_editor.execute(
        "INSERT INTO search_searchdocument_fts(search_searchdocument_fts) VALUES ('rebuild')"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("providers", "0006_postal_code"),
        ("search", "0003_vector_in_row"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="searchdocument",
            name="search_document_is_a_page_or_a_provider",
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="resource",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="community.resource",
            ),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="kind",
            field=models.CharField(
                choices=[
                    ("page", "Pages"),
                    ("news", "News and events"),
                    ("legislation", "Legislation"),
                    ("practice", "Good practices"),
                    ("publication", "Publications"),
                    ("provider", "Service providers"),
                    ("resource", "Shared resources"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="searchdocument",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("page__isnull", False),
                        ("provider__isnull", True),
                        ("resource__isnull", True),
                    ),
                    models.Q(
                        ("page__isnull", True),
                        ("provider__isnull", False),
                        ("resource__isnull", True),
                    ),
                    models.Q(
                        ("page__isnull", True),
                        ("provider__isnull", True),
                        ("resource__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="search_document_is_a_page_a_provider_or_a_resource",
            ),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
    ]
