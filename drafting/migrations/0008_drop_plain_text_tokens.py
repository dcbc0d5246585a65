"""API tokens moved to django-rest-knox (hashed, expiring): the old plain-text tokens are destroyed."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("drafting", "0007_search_index")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop),
    ]
