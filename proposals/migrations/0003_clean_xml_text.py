"""Strip characters XML 1.0 cannot hold from stored text: they broke every export (issue 14)."""

from django.db import migrations


def clean(apps, schema_editor):
    from proposals.xmltext import clean_stored_rows

    clean_stored_rows(apps, "proposals")


class Migration(migrations.Migration):
    dependencies = [("proposals", "0002_statute_history")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
