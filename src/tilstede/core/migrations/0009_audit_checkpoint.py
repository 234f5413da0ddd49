"""Audit checkpoints (the chain's head, signed), append-only like the audit log, and a
PostgreSQL guard against TRUNCATE of either table.

Row triggers do not see TRUNCATE, so before this an application user could empty the
audit log in one statement on PostgreSQL. SQLite has no TRUNCATE (its DELETE without
WHERE meets the row triggers).
"""

import django.utils.timezone
from django.db import migrations, models

SQLITE_UP = [
    """CREATE TRIGGER core_auditcheckpoint_no_update BEFORE UPDATE ON core_auditcheckpoint
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER core_auditcheckpoint_no_delete BEFORE DELETE ON core_auditcheckpoint
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditcheckpoint_no_update",
    "DROP TRIGGER IF EXISTS core_auditcheckpoint_no_delete",
]
# The function core_auditevent_append_only() comes from 0002.
PG_UP = [
    """CREATE TRIGGER core_auditcheckpoint_append_only
       BEFORE UPDATE OR DELETE ON core_auditcheckpoint
       FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()""",
]
PG_DOWN = ["DROP TRIGGER IF EXISTS core_auditcheckpoint_append_only ON core_auditcheckpoint"]
PG_TRUNCATE_UP = [
    """CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_append_only()""",
    """CREATE TRIGGER core_auditcheckpoint_no_truncate BEFORE TRUNCATE ON core_auditcheckpoint
       FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_append_only()""",
]
PG_TRUNCATE_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent",
    "DROP TRIGGER IF EXISTS core_auditcheckpoint_no_truncate ON core_auditcheckpoint",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0008_demo_platform_and_delivery'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditCheckpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event_id', models.BigIntegerField(verbose_name='event')),
                ('event_hash', models.CharField(max_length=64, verbose_name='event hash')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='time')),
                ('mac', models.CharField(max_length=64, verbose_name='signature')),
            ],
            options={
                'verbose_name': 'audit checkpoint',
                'verbose_name_plural': 'audit checkpoints',
                'ordering': ['id'],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": PG_UP + PG_TRUNCATE_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN + PG_TRUNCATE_DOWN}),
        ),
    ]
