"""Text search over items (issue 20): the redacted text on the item, and the indexes.

PostgreSQL: GIN indexes on the ``norwegian`` text search vectors of the text and the
redacted text. SQLite: an FTS5 table over both, kept in step by triggers. Each part runs
on its own database only; ``core.readmodel.ItemQuerySet.search`` reads them.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

import tilstede.core.models

CONFIG = "norwegian"
PG_INDEXES = (("item_text_search", "text"), ("item_redacted_search", "text_redacted"))

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE core_item_search USING fts5(text, text_redacted, "
    "content='core_item', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER core_item_search_insert AFTER INSERT ON core_item BEGIN "
    "INSERT INTO core_item_search(rowid, text, text_redacted) "
    "VALUES (new.id, new.text, new.text_redacted); END",
    "CREATE TRIGGER core_item_search_delete AFTER DELETE ON core_item BEGIN "
    "INSERT INTO core_item_search(core_item_search, rowid, text, text_redacted) "
    "VALUES ('delete', old.id, old.text, old.text_redacted); END",
    "CREATE TRIGGER core_item_search_update AFTER UPDATE OF text, text_redacted ON core_item "
    "BEGIN INSERT INTO core_item_search(core_item_search, rowid, text, text_redacted) "
    "VALUES ('delete', old.id, old.text, old.text_redacted); "
    "INSERT INTO core_item_search(rowid, text, text_redacted) "
    "VALUES (new.id, new.text, new.text_redacted); END",
    "INSERT INTO core_item_search(core_item_search) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_item_search_insert",
    "DROP TRIGGER IF EXISTS core_item_search_delete",
    "DROP TRIGGER IF EXISTS core_item_search_update",
    "DROP TABLE IF EXISTS core_item_search",
]


def redacted_from_screenings(apps, schema_editor):
    """Each item's redacted text: its latest screened version's; our own outgoing texts
    as they are; empty for an item never screened."""
    Item = apps.get_model("core", "Item")
    VersionScreening = apps.get_model("ingest", "VersionScreening")
    latest = (
        VersionScreening.objects.filter(version__item=OuterRef("pk"))
        .order_by("-version__number")
        .values("redacted")[:1]
    )
    Item.objects.update(
        text_redacted=Coalesce(
            Subquery(latest),
            Case(
                When(direction="out", then=F("text")),
                default=Value(""),
                output_field=models.TextField(),
            ),
            output_field=models.TextField(),
        )
    )


def search_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        Item = apps.get_model("core", "Item")
        for name, column in PG_INDEXES:
            schema_editor.add_index(Item, GinIndex(SearchVector(column, config=CONFIG), name=name))


def drop_search_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        Item = apps.get_model("core", "Item")
        for name, column in PG_INDEXES:
            schema_editor.remove_index(
                Item, GinIndex(SearchVector(column, config=CONFIG), name=name)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0011_item_hidden_at_source"),
        ("ingest", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="item",
            name="text_redacted",
            field=models.TextField(blank=True, editable=False, verbose_name="redacted text"),
        ),
        migrations.RunPython(redacted_from_screenings, migrations.RunPython.noop),
        migrations.CreateModel(
            name="ItemSearch",
            fields=[
                (
                    "id",
                    models.BigIntegerField(db_column="rowid", primary_key=True, serialize=False),
                ),
                ("text", tilstede.core.models.FullTextField()),
                ("text_redacted", tilstede.core.models.FullTextField()),
            ],
            options={
                "db_table": "core_item_search",
                "managed": False,
                "verbose_name": "item search entry",
                "verbose_name_plural": "item search entries",
            },
        ),
        migrations.RunPython(search_indexes, drop_search_indexes),
    ]
