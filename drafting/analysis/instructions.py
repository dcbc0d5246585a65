"""Check a bill's items in order against the law as the earlier items leave it.

Pure functions. The law is given as the paragraph count of each article; every item is applied in
turn, so item 5 is checked against the law after items 1 to 4: a 款 gone after an earlier repeal,
an article repealed by an earlier item, a 之N number already taken, two items on one article.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from drafting.documents.amendment import ItemSpec
from drafting.operations import Operation
from proposals.numerals import article_label_zh, list_number_zh

Key = tuple[int, int]
ITEM_LINE_RE = re.compile(r"^（[一二三四五六七八九十]+）")

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """A problem of one item: errors stop an import or an export; warnings ask for a look."""

    item: int
    severity: str
    message: str
    line: int = 0

    @property
    def item_label(self) -> str:
        """一、 — the item as the 修正案 numbers it."""
        return list_number_zh(self.item)

    def __str__(self) -> str:
        where = f"item {self.item}, line {self.line}" if self.line else f"item {self.item}"
        return f"{where}: {self.message}"


def paragraph_count(text: str) -> int:
    """Paragraphs (款) of a text written one per line; item lines (（一）…) belong to a 款."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return sum(1 for line in lines if not ITEM_LINE_RE.match(line))


@dataclass
class LawState:
    """Paragraph counts of the law's articles as the items so far have left them."""

    counts: dict[Key, int]
    repealed: set[Key] = field(default_factory=set)
    touched: dict[Key, int] = field(default_factory=dict)  # article -> first item changing it
    created: dict[Key, int] = field(default_factory=dict)  # 之N article -> item inserting it

    def exists(self, key: Key) -> bool:
        return key in self.counts and key not in self.repealed


def _label(key: Key) -> str:
    return article_label_zh(*key)


def _missing(state: LawState, key: Key) -> str:
    if key in state.repealed:
        return f"{_label(key)} is repealed by an earlier item"
    return f"{_label(key)} is not in the law"


def _check_paragraphs(state: LawState, key: Key, spec: ItemSpec) -> str:
    count = state.counts[key]
    if spec.operation == Operation.INSERT_PARAGRAPH:
        if spec.paragraphs[0] > count + 1:
            return f"{_label(key)} has {count} paragraphs: a new one can be at most 第{count + 1}款"
        return ""
    if max(spec.paragraphs) > count:
        return f"{_label(key)} has paragraphs 1 to {count} at this point"
    return ""


def _apply(state: LawState, key: Key, spec: ItemSpec) -> None:
    match spec.operation:
        case Operation.REPEAL_ARTICLE:
            state.repealed.add(key)
        case Operation.REPEAL_PARAGRAPHS:
            state.counts[key] -= len(spec.paragraphs)
        case Operation.INSERT_PARAGRAPH if spec.restate_article:
            state.counts[key] = paragraph_count(spec.text_zh)
        case Operation.INSERT_PARAGRAPH:
            state.counts[key] += len(spec.paragraphs)
        case Operation.REPLACE_ARTICLE:
            state.counts[key] = paragraph_count(spec.text_zh)


def _insert_articles(state: LawState, number: int, spec: ItemSpec) -> list[tuple[str, str]]:
    problems = []
    for sub in spec.new_article_subs:
        new = (spec.article_number, sub)
        if new in state.created:
            problems.append(
                (ERROR, f"{_label(new)} is already inserted by item {state.created[new]}")
            )
        elif new in state.counts:
            problems.append((ERROR, f"{_label(new)} already exists in the law"))
        else:
            state.counts[new] = 1
            state.created[new] = number
    return problems


def check_clause(state: LawState, number: int, spec: ItemSpec) -> list[tuple[str, str]]:
    """(severity, message) for one clause, which is then applied to the state."""
    key = (spec.article_number, spec.article_sub)
    if not state.exists(key):
        return [(ERROR, _missing(state, key))]
    if spec.operation == Operation.INSERT_ARTICLES:
        return _insert_articles(state, number, spec)
    problems = []
    earlier = state.touched.setdefault(key, number)
    if earlier != number:
        problems.append((WARNING, f"{_label(key)} is also changed by item {earlier}"))
    if spec.paragraphs and (problem := _check_paragraphs(state, key, spec)):
        return [*problems, (ERROR, problem)]
    _apply(state, key, spec)
    return problems


def check_items(
    items: Iterable[tuple[int, ItemSpec]],
    counts: Mapping[Key, int],
    *,
    repealed: Iterable[Key] = (),
    lines: Mapping[int, int] | None = None,
) -> list[Finding]:
    """Every finding of the items, in item order; counts are the law's paragraph counts."""
    state = LawState(counts=dict(counts), repealed=set(repealed))
    lines = lines or {}
    findings: list[Finding] = []
    for number, spec in items:
        for clause in (spec, *spec.then):
            for severity, message in check_clause(state, number, clause):
                findings.append(Finding(number, severity, message, lines.get(number, 0)))
    return findings
