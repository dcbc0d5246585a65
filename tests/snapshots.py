"""Shared test data loaded once per test process and put back for each module that reads it.

Loading the demo data takes seconds; copying a whole in-memory SQLite database takes
milliseconds. So on SQLite the first module that needs a data set loads it and keeps a copy of
the database (in memory, and on disk for later runs: tests/kept.py), and every module after it
gets the copy back; when a module ends, the database it started from is put back. On PostgreSQL
each module loads its data and the database is emptied after it, as a flush would.
"""

import sqlite3
from collections.abc import Callable

from django.core.management import call_command
from django.core.management.commands import migrate
from django.db import connection, connections

from drafting.immutability import set_open
from tests import kept


class DatabaseCopies:
    """Whole-database copies by name (SQLite's online backup, page by page, both ways)."""

    def __init__(self) -> None:
        self.copies: dict[str, sqlite3.Connection] = {}

    @property
    def supported(self) -> bool:
        return connection.vendor == "sqlite"

    def take(self, name: str, keep: bool = False) -> None:
        """Copy the database under that name (and to disk, for later runs, when `keep`)."""
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        self.copies[name] = copy
        if keep:
            kept.keep(name, copy)

    def has(self, name: str) -> bool:
        """Whether a copy of that name is held, here or on disk from an earlier run."""
        if name not in self.copies and (copy := kept.load(name)) is not None:
            self.copies[name] = copy
        return name in self.copies

    def restore(self, name: str) -> None:
        connection.ensure_connection()
        self.copies[name].backup(connection.connection)

    def close(self) -> None:
        for copy in self.copies.values():
            copy.close()
        self.copies.clear()


def empty_database() -> None:
    """Delete every row (SQLite empties append-only tables with DELETE; PostgreSQL: TRUNCATE)."""
    set_open(True)
    try:
        call_command("flush", interactive=False, verbosity=0)
    finally:
        set_open(False)


def put_in(copies: DatabaseCopies, name: str, load: Callable[[], None]) -> None:
    """Commit a module's data: put back the copy of it, or load it (and keep a copy) the first time."""
    if not copies.supported:
        load()
        return
    copies.take(f"before {name}")
    if copies.has(name):
        copies.restore(name)
    else:
        load()
        copies.take(name, keep=True)


def take_out(copies: DatabaseCopies, name: str) -> None:
    """Remove a module's data (and whatever its tests committed): the database it started from."""
    if copies.supported:
        copies.restore(f"before {name}")
    else:
        empty_database()


def keep_migrations() -> Callable[[], None]:
    """Until the returned undo is called, `migrate` into an in-memory SQLite test database takes
    the migrated schema from disk when an earlier run kept it (tests/kept.py), or migrates and
    keeps it. Other databases migrate as usual."""
    original = migrate.Command.handle

    def handle(command, *args, **options):
        database = connections[options["database"]]
        if database.vendor != "sqlite" or not database.is_in_memory_db():
            return original(command, *args, **options)
        database.ensure_connection()
        if (copy := kept.load("schema")) is not None:
            copy.backup(database.connection)
            copy.close()
            return None
        result = original(command, *args, **options)
        kept.keep("schema", database.connection)
        return result

    migrate.Command.handle = handle

    def undo() -> None:
        migrate.Command.handle = original

    return undo
