from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_item_parent_external_id"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="item",
            index=models.Index(
                fields=["channel", "author_handle", "created_at"], name="item_author"
            ),
        ),
        migrations.AddIndex(
            model_name="itemversion",
            index=models.Index(fields=["content_hash", "seen_at"], name="itemversion_hash"),
        ),
    ]
