"""Test databases kept on disk between runs (SQLite only), named by what they were built from.

Migrating an empty database and loading the reference and demo data take seconds in every test
process. Their result depends only on the code and data files of the project, the test set-up that
loads them, the Python, Django and SQLite versions and the pinned packages, so a run keeps each result in a file whose folder is
named by a digest of all of those; a later run built from the same sources copies the file into its
in-memory database instead of building it again. Any change of a source gives a new digest, and
so a fresh build. `KEEP_TEST_DATABASES=0` builds everything afresh (and keeps nothing).
"""

import functools
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    ROOT / "drafting",
    ROOT / "proposals",
    ROOT.parent / "shared" / "reference" / "statutes",
    ROOT / "pyproject.toml",
    ROOT / "tests" / "kept.py",
    ROOT / "tests" / "snapshots.py",
)
# The conftest files hold the loaders of the kept data sets (the demo data, the reference data).
LOADERS = (ROOT / "tests", "conftest.py")
FOLDER = Path(tempfile.gettempdir()) / "drafting-test-databases"
KEPT_DIGESTS = 4  # folders of other digests kept (other branches, recent edits)


def enabled() -> bool:
    return os.environ.get("KEEP_TEST_DATABASES", "1") != "0"


def _source_files() -> list[Path]:
    files = []
    for source in SOURCES:
        if source.is_file():
            files.append(source)
        elif source.is_dir():
            files.extend(
                path
                for path in source.rglob("*")
                if path.is_file() and "__pycache__" not in path.parts
            )
    folder, name = LOADERS
    files.extend(folder.rglob(name))
    return sorted(files)


@functools.cache
def digest() -> str:
    """A digest of every source the kept databases are built from."""
    found = hashlib.sha256()
    found.update(f"{sys.version}|{django.get_version()}|{sqlite3.sqlite_version}".encode())
    for path in _source_files():
        found.update(str(path.relative_to(ROOT.parent)).encode())
        found.update(path.read_bytes())
    return found.hexdigest()[:20]


def _path(name: str) -> Path:
    return FOLDER / digest() / f"{name.replace(' ', '-')}.sqlite3"


def load(name: str) -> sqlite3.Connection | None:
    """An in-memory copy of the kept database of that name, or None when none is kept."""
    path = _path(name)
    if not enabled() or not path.exists():
        return None
    kept = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        kept.backup(copy)
    finally:
        kept.close()
    return copy


def keep(name: str, database: sqlite3.Connection) -> None:
    """Write a database to disk under that name (atomically: workers may write it at once)."""
    if not enabled():
        return
    path = _path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    target = sqlite3.connect(partial)
    try:
        database.backup(target)
    finally:
        target.close()
    os.replace(partial, path)
    _prune()


def _prune() -> None:
    """Remove the folders of older digests beyond the newest few."""
    folders = sorted(
        (path for path in FOLDER.iterdir() if path.is_dir() and path.name != digest()),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for folder in folders[KEPT_DIGESTS:]:
        shutil.rmtree(folder, ignore_errors=True)
