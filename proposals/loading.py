"""Read, validate and load the reference-data YAML files; every error names the file and line."""

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from proposals import services
from proposals.models import Article, Instrument, Jurisdiction, Obligation

DATA_DIR = Path(__file__).resolve().parent / "data"
LINE = "__line__"

# Loading order: each file may refer to rows of the files before it.
FILES = (
    "jurisdictions.yaml",
    "instruments.yaml",
    "articles.yaml",
    "obligations.yaml",
    "assessments.yaml",
    "proposals.yaml",
)


class DataFileError(CommandError):
    """A data file is malformed or refers to something unknown."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = Path(path)
        self.line = line
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader (libyaml's when present) that records each mapping's 1-based line under LINE."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


def read_yaml(path: Path | str) -> Any:
    """Parse a file, turning YAML syntax errors into a DataFileError with the line."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=LineLoader)  # noqa: S506 - a SafeLoader subclass
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read the file ({exc.strerror})") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = f"malformed YAML: {exc.problem or exc}"
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            message += f" ({exc.context} at line {exc.context_mark.line + 1})"
        raise DataFileError(path, line, message) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(path, None, f"malformed YAML: {exc}") from exc


class Rows:
    """The rows of one data file (a list of mappings), with checked access to their fields."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        data = read_yaml(self.path)
        if data is None:
            data = []
        if not isinstance(data, list):
            line = data.get(LINE) if isinstance(data, dict) else None
            raise DataFileError(self.path, line, "expected a list of rows")
        for item in data:
            if not isinstance(item, dict):
                raise DataFileError(self.path, None, f"expected a mapping, got {item!r}")
        self.rows: list[dict] = data

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows)

    def error(self, row: dict, message: str) -> DataFileError:
        return DataFileError(self.path, row.get(LINE), message)

    def fields(
        self, row: dict, *, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """The row's fields, refusing missing, empty-required and unknown keys."""
        if not isinstance(row, dict):
            raise DataFileError(self.path, None, f"expected a mapping, got {row!r}")
        keys = set(row) - {LINE}
        missing = [name for name in required if name not in keys or row[name] in (None, "")]
        if missing:
            raise self.error(row, f"missing {', '.join(missing)}")
        unknown = keys - set(required) - set(optional)
        if unknown:
            raise self.error(row, f"unknown field(s) {', '.join(sorted(unknown))}")
        return {name: row[name] for name in keys}

    @contextmanager
    def checking(self, row: dict):
        """Report a model validation error against this row's line."""
        try:
            yield
        except ValidationError as exc:
            raise self.error(row, describe_error(exc)) from exc

    def lookup[T](self, row: dict, what: str, key: Any, find: Callable[[Any], T | None]) -> T:
        found = find(key)
        if found is None:
            raise self.error(row, f"unknown {what} {key!r}")
        return found


def describe_error(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def _by_code(model) -> Callable[[Any], Any]:
    """A lookup by code over one query, for the many references of a file."""
    rows = {obj.code: obj for obj in model.objects.all()}
    return lambda code: rows.get(code)


def parse_article_ref(ref: str, default_instrument: str = "PRC-CL") -> tuple[str, int, int]:
    """'287-2' -> ('PRC-CL', 287, 2); 'PRC-MPL:52' -> ('PRC-MPL', 52, 0). Raises ValueError."""
    code, _, dotted = str(ref).rpartition(":")
    number, _, sub = dotted.partition("-")
    return code or default_instrument, int(number), int(sub or 0)


def find_article(ref: str) -> Article | None:
    """The stored article for a reference such as '287-2' or 'PRC-MPL:52', or None."""
    try:
        code, number, sub = parse_article_ref(ref)
    except ValueError:
        return None
    return Article.objects.filter(instrument__code=code, number=number, sub=sub).first()


# --- one loader per file --------------------------------------------------------------------


def load_jurisdictions(rows: Rows, counts: Counter) -> None:
    for row in rows:
        data = rows.fields(row, required=("code", "name_en", "name_zh"), optional=("position",))
        with rows.checking(row):
            _, changed = services.jurisdiction_upsert(**data)
        counts["Jurisdiction"] += changed


INSTRUMENT_FIELDS = (
    "title_zh",
    "short_title_zh",
    "adopting_body",
    "adopted_on",
    "promulgated_on",
    "opened_for_signature_on",
    "in_force_on",
    "jurisdiction",
    "china_signed_on",
    "china_approved_on",
    "china_approved_confidence",
    "china_deposited_on",
    "china_deposited_confidence",
    "china_in_force_on",
    "declarations",
    "hong_kong",
    "hong_kong_confidence",
    "interprets",
    "summary_en",
    "source_url",
    "confidence",
    "position",
)


def _instrument_now(code: str) -> Instrument | None:
    return Instrument.objects.filter(code=code).first()


def load_instruments(rows: Rows, counts: Counter) -> None:
    jurisdiction = _by_code(Jurisdiction)
    for row in rows:
        data = rows.fields(
            row,
            required=("code", "kind", "title_en", "short_title_en", "china_status"),
            optional=INSTRUMENT_FIELDS,
        )
        if "jurisdiction" in data:
            data["jurisdiction"] = rows.lookup(
                row, "jurisdiction", data["jurisdiction"], jurisdiction
            )
        if "interprets" in data:
            # Looked up per row: the interpreted treaty is created earlier in the same file.
            data["interprets"] = rows.lookup(row, "instrument", data["interprets"], _instrument_now)
        with rows.checking(row):
            _, changed = services.instrument_upsert(**data)
        counts["Instrument"] += changed


def load_articles(rows: Rows, counts: Counter) -> None:
    instrument = _by_code(Instrument)
    for row in rows:
        data = rows.fields(
            row,
            required=("instrument", "number"),
            optional=("sub", "label", "heading_zh", "heading_en", "summary_en", "paragraphs"),
        )
        data["instrument"] = rows.lookup(row, "instrument", data["instrument"], instrument)
        paragraphs = []
        for paragraph in data.pop("paragraphs", None) or []:
            if not isinstance(paragraph, dict) or not paragraph.get("zh"):
                raise rows.error(row, "each paragraph needs zh text (and optionally en)")
            paragraphs.append((paragraph["zh"], paragraph.get("en") or ""))
        with rows.checking(row):
            _, changed = services.article_upsert(paragraphs=paragraphs, **data)
        counts["Article"] += changed


OBLIGATION_FIELDS = (
    "statement_zh",
    "article",
    "binding_note",
    "reservable_under",
    "confidence",
    "position",
)


def load_obligations(rows: Rows, counts: Counter) -> None:
    instrument = _by_code(Instrument)
    for row in rows:
        data = rows.fields(
            row,
            required=("code", "instrument", "article_ref", "statement_en", "kind", "strength"),
            optional=OBLIGATION_FIELDS,
        )
        data["instrument"] = rows.lookup(row, "instrument", data["instrument"], instrument)
        if "article" in data:
            ref = f"{data['instrument'].code}:{data['article']}"
            data["article"] = rows.lookup(row, "article", ref, find_article)
        with rows.checking(row):
            obligation, changed = services.obligation_upsert(**data)
        _check_binding_note(rows, row, obligation)
        counts["Obligation"] += changed


def _check_binding_note(rows: Rows, row: dict, obligation: Obligation) -> None:
    """The human note must agree with the derived flag: "Yes…" exactly when binding."""
    says_yes = obligation.binding_note.startswith("Yes")
    if obligation.binding_note and says_yes != obligation.binding_on_china:
        raise rows.error(
            row,
            f"binding_note {obligation.binding_note!r} contradicts the derived binding flag "
            f"({obligation.binding_on_china}); fix the instrument's status or the note",
        )


def load_assessments(rows: Rows, counts: Counter) -> None:
    jurisdiction, obligation = _by_code(Jurisdiction), _by_code(Obligation)
    articles = {
        (a.instrument.code, a.number, a.sub): a
        for a in Article.objects.select_related("instrument")
    }

    def article(ref: str) -> Article | None:
        try:
            return articles.get(parse_article_ref(ref))
        except ValueError:
            return None

    for row in rows:
        data = rows.fields(
            row,
            required=("jurisdiction", "obligation", "level"),
            optional=("citation", "relies_on", "note_en", "note_zh", "confidence"),
        )
        data["jurisdiction"] = rows.lookup(row, "jurisdiction", data["jurisdiction"], jurisdiction)
        data["obligation"] = rows.lookup(row, "obligation", data["obligation"], obligation)
        data["relies_on"] = [
            rows.lookup(row, "article", ref, article) for ref in data.get("relies_on") or []
        ]
        with rows.checking(row):
            _, changed = services.assessment_upsert(**data)
        counts["Assessment"] += changed


def load_proposals(rows: Rows, counts: Counter) -> None:
    find_obligation = _by_code(Obligation)
    for row in rows:
        data = rows.fields(
            row,
            required=("code", "title_en", "title_zh"),
            optional=("summary_en", "summary_zh", "drafting_note_en", "position", "targets"),
        )
        targets = []
        for target in data.pop("targets", None) or []:
            if not isinstance(target, dict) or "obligation" not in target:
                raise rows.error(row, "each target needs an obligation")
            obligation = rows.lookup(target, "obligation", target["obligation"], find_obligation)
            primary = bool(target.get("primary", True))
            if primary and not obligation.binding_on_china:
                raise rows.error(
                    target, f"{obligation.code} does not bind China: mark it primary: false"
                )
            targets.append((obligation, primary))
        with rows.checking(row):
            _, changed = services.proposal_upsert(targets=targets, **data)
        counts["Proposal"] += changed


LOADERS: dict[str, Callable[[Rows, Counter], None]] = {
    "jurisdictions.yaml": load_jurisdictions,
    "instruments.yaml": load_instruments,
    "articles.yaml": load_articles,
    "obligations.yaml": load_obligations,
    "assessments.yaml": load_assessments,
    "proposals.yaml": load_proposals,
}


@transaction.atomic
def load_reference(data_dir: Path | str = DATA_DIR) -> Counter:
    """Load every reference file in order, all or nothing; returns rows created or changed per model."""
    data_dir = Path(data_dir)
    counts: Counter = Counter()
    for name in FILES:
        LOADERS[name](Rows(data_dir / name), counts)
    return counts
