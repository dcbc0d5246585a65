"""Append-only tables enforced by the database: triggers refuse UPDATE and DELETE.

Python already refuses to change a revision; these triggers also stop a queryset update, a save
with a primary key, bulk_create(update_conflicts=True) and raw SQL. One line covers a new table in
a migration: `operations = [append_only("drafting_newtable")]`.

A deliberate maintenance step (a one-off data migration) opens the tables inside
`history_maintenance()`: on PostgreSQL a transaction-local setting, on SQLite a flag the
connection's `drafting_history_open()` function reads. Whatever is changed that way still shows in
`manage.py verify_history`.
"""

import contextlib
from collections.abc import Iterator, Sequence

from django.db import connection, migrations
from django.db.backends.signals import connection_created

_OPEN = {"flag": False}

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION drafting_refuse_history_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    stamps text[] := TG_ARGV[0]::text[];
    free text[] := TG_ARGV[1]::text[];
    col text;
BEGIN
    IF current_setting('drafting.history_maintenance', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '% rows are append-only: never deleted', TG_TABLE_NAME
            USING ERRCODE = '23000';
    END IF;
    IF (to_jsonb(NEW) - stamps - free) IS DISTINCT FROM (to_jsonb(OLD) - stamps - free) THEN
        RAISE EXCEPTION '% rows are append-only: never changed', TG_TABLE_NAME
            USING ERRCODE = '23000';
    END IF;
    FOREACH col IN ARRAY stamps LOOP
        IF (to_jsonb(OLD) -> col) <> 'null'::jsonb
           AND (to_jsonb(NEW) -> col) IS DISTINCT FROM (to_jsonb(OLD) -> col) THEN
            RAISE EXCEPTION '%.% is set once', TG_TABLE_NAME, col USING ERRCODE = '23000';
        END IF;
    END LOOP;
    RETURN NEW;
END $$;
"""


def _pg_array(names: Sequence[str]) -> str:
    return "{" + ",".join(names) + "}"


def _sqlite_sql(conn, cursor, table: str, stamps: Sequence[str], free: Sequence[str]) -> list[str]:
    """BEFORE UPDATE and BEFORE DELETE triggers on one table."""
    columns = [c.name for c in conn.introspection.get_table_description(cursor, table)]
    fixed = [c for c in columns if c not in stamps and c not in free]
    same = " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in fixed) or "1"
    once = " AND ".join(f'(OLD."{c}" IS NULL OR NEW."{c}" IS OLD."{c}")' for c in stamps) or "1"
    closed = "drafting_history_open() = 0"
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{table}_no_update" BEFORE UPDATE ON "{table}" '
        f"WHEN {closed} AND NOT ({same} AND {once}) "
        f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only: never changed'); END",
        f'CREATE TRIGGER IF NOT EXISTS "{table}_no_delete" BEFORE DELETE ON "{table}" '
        f"WHEN {closed} "
        f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only: never deleted'); END",
    ]


def create_triggers(conn, table: str, *, stamps: Sequence[str] = (), free: Sequence[str] = ()):
    """Install the triggers of one table on the connection's database."""
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(PG_FUNCTION)
            cursor.execute(
                f'CREATE OR REPLACE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE '
                f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION drafting_refuse_history_change'
                f"('{_pg_array(stamps)}', '{_pg_array(free)}')"
            )
        elif conn.vendor == "sqlite":
            for statement in _sqlite_sql(conn, cursor, table, stamps, free):
                cursor.execute(statement)


def drop_triggers(conn, table: str) -> None:
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"')
        elif conn.vendor == "sqlite":
            cursor.execute(f'DROP TRIGGER IF EXISTS "{table}_no_update"')
            cursor.execute(f'DROP TRIGGER IF EXISTS "{table}_no_delete"')


def append_only(
    table: str, *, stamps: Sequence[str] = (), free: Sequence[str] = ()
) -> migrations.RunPython:
    """A migration operation: the table's rows are never changed or deleted from now on.

    `stamps` are columns that may be set once, from NULL (e.g. removed_at); `free` columns may change.
    """
    return migrations.RunPython(
        lambda apps, schema_editor: create_triggers(
            schema_editor.connection, table, stamps=stamps, free=free
        ),
        lambda apps, schema_editor: drop_triggers(schema_editor.connection, table),
    )


@contextlib.contextmanager
def history_maintenance() -> Iterator[None]:
    """Open the append-only tables for a deliberate maintenance step (inside a transaction).

    It also moves the reference data edition: pages cached by their state count these rows by
    their ids, which a change in place keeps (drafting/web/page_cache.py).
    """
    from proposals.edition import bump

    bump()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('drafting.history_maintenance', 'on', true)")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('drafting.history_maintenance', 'off', true)")
        return
    _OPEN["flag"] = True
    try:
        yield
    finally:
        _OPEN["flag"] = False


def set_open(value: bool) -> None:
    """SQLite only: let the test harness empty the tables between transactional tests."""
    _OPEN["flag"] = value


def _register(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "drafting_history_open", 0, lambda: int(_OPEN["flag"]), deterministic=False
        )


connection_created.connect(_register)
