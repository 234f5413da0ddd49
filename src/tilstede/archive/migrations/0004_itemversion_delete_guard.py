"""Database triggers that refuse DELETE of an item version, except by retention.

The ORM already refuses (``ItemVersion.delete``); these stop raw SQL from the
application's own database user too. Retention deletes an item with its versions after
recording the deletion (``RetentionDeletion``, in the same transaction), so a version
whose item has such a record may go; no other may.

On SQLite a later migration that rebuilds ``archive_retentiondeletion`` (most field
changes do) must drop this trigger first and create it again after (``SQLITE_DOWN`` /
``SQLITE_UP``): SQLite refuses to drop a table a trigger reads.
"""

from django.db import migrations, models

SQLITE_UP = [
    """CREATE TRIGGER core_itemversion_no_delete BEFORE DELETE ON core_itemversion
       WHEN NOT EXISTS (
           SELECT 1 FROM archive_retentiondeletion WHERE item_pk = OLD.item_id
       )
       BEGIN SELECT RAISE(ABORT, 'item versions are kept; only retention deletes them'); END""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS core_itemversion_no_delete"]
PG_UP = [
    """CREATE OR REPLACE FUNCTION core_itemversion_kept() RETURNS trigger AS $$
       BEGIN
           IF NOT EXISTS (
               SELECT 1 FROM archive_retentiondeletion WHERE item_pk = OLD.item_id
           ) THEN
               RAISE EXCEPTION 'item versions are kept; only retention deletes them';
           END IF;
           RETURN OLD;
       END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_itemversion_no_delete BEFORE DELETE ON core_itemversion
       FOR EACH ROW EXECUTE FUNCTION core_itemversion_kept()""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS core_itemversion_no_delete ON core_itemversion",
    "DROP FUNCTION IF EXISTS core_itemversion_kept()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive", "0003_closed_records_and_disposal"), ("core", "0009_audit_checkpoint")]

    operations = [
        migrations.AlterField(
            model_name="retentiondeletion",
            name="item_pk",
            field=models.BigIntegerField(db_index=True, verbose_name="item id"),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": PG_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}),
        )
    ]
