"""Back to Django's own database sessions (issue 20): the desk's session table goes.

Sessions kept in it are dropped, so everyone logs in once more after the upgrade.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("web", "0001_initial")]

    operations = [migrations.DeleteModel(name="DeskSession")]
