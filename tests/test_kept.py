"""The test databases kept between runs (tests/kept.py): named by their sources, kept whole."""

import sqlite3

import pytest

from tests import kept


@pytest.fixture
def sources(tmp_path, monkeypatch):
    """A small project of sources, and a folder for the kept databases, instead of the real ones."""
    project = tmp_path / "project"
    (project / "app").mkdir(parents=True)
    (project / "app" / "models.py").write_text("A = 1\n")
    (project / "tests" / "deep").mkdir(parents=True)
    (project / "tests" / "deep" / "conftest.py").write_text("LOAD = 'demo'\n")
    (project / "tests" / "test_other.py").write_text("def test(): pass\n")
    monkeypatch.setattr(kept, "ROOT", project)
    monkeypatch.setattr(kept, "SOURCES", (project / "app",))
    monkeypatch.setattr(kept, "LOADERS", (project / "tests", "conftest.py"))
    monkeypatch.setattr(kept, "FOLDER", tmp_path / "kept")
    monkeypatch.delenv("KEEP_TEST_DATABASES", raising=False)
    kept.digest.cache_clear()
    yield project
    kept.digest.cache_clear()


def digest_after(change) -> str:
    change()
    kept.digest.cache_clear()
    return kept.digest()


def database(value: str) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (v TEXT)")
    connection.execute("INSERT INTO t VALUES (?)", (value,))
    connection.commit()
    return connection


def test_a_change_of_code_or_loader_names_a_new_set_and_other_tests_do_not(sources):
    first = kept.digest()
    code = digest_after(lambda: (sources / "app" / "models.py").write_text("A = 2\n"))
    loader = digest_after(lambda: (sources / "tests" / "deep" / "conftest.py").write_text("X\n"))
    test = digest_after(lambda: (sources / "tests" / "test_other.py").write_text("# edit\n"))

    assert len({first, code, loader}) == 3
    assert test == loader


def test_a_kept_database_comes_back_whole_and_a_missing_one_is_none(sources):
    assert kept.load("demo") is None

    kept.keep("demo", database("kept row"))

    copy = kept.load("demo")
    assert copy.execute("SELECT v FROM t").fetchall() == [("kept row",)]
    assert not list((kept.FOLDER / kept.digest()).glob("*.partial"))


def test_only_the_newest_other_sets_are_kept(sources):
    for number in range(kept.KEPT_DIGESTS + 3):
        digest_after(lambda n=number: (sources / "app" / "models.py").write_text(f"A = {n}\n"))
        kept.keep("schema", database(str(number)))

    folders = [path for path in kept.FOLDER.iterdir() if path.is_dir()]
    assert len(folders) == kept.KEPT_DIGESTS + 1
    assert kept.FOLDER / kept.digest() in folders


def test_keeping_can_be_turned_off(sources, monkeypatch):
    monkeypatch.setenv("KEEP_TEST_DATABASES", "0")

    kept.keep("demo", database("x"))

    assert kept.load("demo") is None
    assert not kept.FOLDER.exists()
