"""Every search entry's tokens begin with its scope: qqk<kind> and qqb<bill id> (qqbref without).

The engine then filters by kind and visibility itself (drafting/search/engine.py). The SQLite
FTS5 table follows through its AFTER UPDATE trigger, PostgreSQL's stored tsvector by itself.
"""

from django.db import migrations

FORWARD = (
    "UPDATE drafting_searchentry SET tokens = 'qqk' || kind || ' qqb'"
    " || COALESCE(CAST(bill_id AS TEXT), 'ref')"
    " || CASE WHEN tokens = '' THEN '' ELSE ' ' || tokens END"
)


def strip_scope(apps, schema_editor) -> None:
    SearchEntry = apps.get_model("drafting", "SearchEntry")
    for entry in SearchEntry.objects.only("tokens").iterator(chunk_size=2000):
        entry.tokens = " ".join(entry.tokens.split(" ")[2:])
        entry.save(update_fields=["tokens"])


class Migration(migrations.Migration):
    dependencies = [("drafting", "0011_revision_digest")]

    operations = [
        migrations.RunSQL(FORWARD, reverse_sql=migrations.RunSQL.noop),
        migrations.RunPython(migrations.RunPython.noop, strip_scope),
    ]
