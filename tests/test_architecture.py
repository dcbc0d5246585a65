"""Structural rules of the code base."""

import ast
from io import StringIO
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_proposals_never_imports_drafting():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] == "drafting"
        )
        for path in (ROOT / "proposals").rglob("*.py")
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_no_file_uploads_anywhere():
    """The product stores legal text only: no model may hold files or images."""
    from django.apps import apps
    from django.db.models import FileField

    file_fields = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField)
    ]
    assert file_fields == []


def test_migrations_are_up_to_date(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_openapi_schema_is_valid_without_warnings(db, tmp_path):
    """A naming clash or an undocumented field shows here before it reaches a client."""
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    assert (tmp_path / "schema.yaml").read_text(encoding="utf-8").startswith("openapi: 3")


# The layer table: what each part of drafting/ may not import (its own package aside).
LAYERS = {
    "drafting/text": ("drafting",),
    "drafting/operations.py": ("drafting",),
    "drafting/models": (
        "drafting.services",
        "drafting.web",
        "drafting.api",
        "drafting.admin",
        "drafting.coverage",
        "drafting.documents",
        "drafting.rules",
    ),
    "drafting/coverage": ("drafting.services", "drafting.web", "drafting.api"),
    "drafting/documents": ("drafting.services", "drafting.web", "drafting.api"),
    "drafting/web": ("drafting.api", "drafting.admin"),
    "drafting/api": ("drafting.web", "drafting.admin"),
    "drafting/admin": ("drafting.web", "drafting.api"),
    "proposals": ("drafting",),
}


def _layer_offences(base: str, banned: tuple[str, ...]) -> list[str]:
    own = base.removesuffix(".py").replace("/", ".")
    path = ROOT / base
    files = [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [
        f"{file.relative_to(ROOT)} imports {module}"
        for file in files
        for module in sorted(imported_modules(file))
        if not (module == own or module.startswith(own + "."))
        and any(module == b or module.startswith(b + ".") for b in banned)
    ]


def test_the_layer_table_holds_for_imports():
    offences = [o for base, banned in LAYERS.items() for o in _layer_offences(base, banned)]
    assert offences == []


def test_proposals_walks_no_drafting_relations_in_its_queries():
    """An ORM lookup through provision__ or bill__ is a dependency the imports do not show."""
    import re

    lookup = re.compile(r"\b(provision|provisions|bill|bills)__\w+")
    offences = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in (ROOT / "proposals").rglob("*.py")
        if "migrations" not in path.parts
        for match in lookup.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offences == []
