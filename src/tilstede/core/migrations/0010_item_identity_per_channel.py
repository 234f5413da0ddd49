"""An item's identity is (channel, external id), no longer (platform, external id).

Existing rows already satisfy the new key (one platform id was one row per platform,
so it is one row per channel too). What moves is the thread linking: ingest looked a
reply's parent up across the whole platform, so a reply on one organisation's channel
could hang under another organisation's item. Such links are cut here (the reply keeps
``parent_external_id``, so its parent on its own channel adopts it when it arrives) and
each affected item's thread is recomputed within its own channel.
"""

from django.db import migrations, models


def unlink_foreign_parents(apps, schema_editor):
    Item = apps.get_model("core", "Item")
    foreign = Item.objects.exclude(parent=None).exclude(
        parent__channel_id=models.F("channel_id")
    )
    foreign.update(parent=None)
    stray = list(
        Item.objects.exclude(thread=None)
        .exclude(thread__channel_id=models.F("channel_id"))
        .only("id", "parent_id", "thread_id")
    )
    for item in stray:
        root, seen = item, {item.pk}
        while root.parent_id is not None and root.parent_id not in seen:
            seen.add(root.parent_id)
            root = Item.objects.only("id", "parent_id").get(pk=root.parent_id)
        item.thread_id = None if root.pk == item.pk else root.pk
        item.save(update_fields=["thread"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_audit_checkpoint"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="item",
            name="item_unique_platform_id",
        ),
        migrations.AddConstraint(
            model_name="item",
            constraint=models.UniqueConstraint(
                fields=("channel", "external_id"), name="item_unique_channel_id"
            ),
        ),
        migrations.RunPython(unlink_foreign_parents, migrations.RunPython.noop),
    ]
