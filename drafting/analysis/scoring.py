"""Precision and recall of reference extraction against a hand-checked list (see tests' gold file)."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from drafting.analysis.references import Key, LawIndex, Reference, article_references

Match = tuple[Key, int, int, int, frozenset[str]]


@dataclass(frozen=True)
class Score:
    expected: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def parse_key(text: str) -> Key:
    number, _, sub = text.partition("-")
    return (int(number), int(sub or 0))


def reference_codes(reference: Reference) -> frozenset[str]:
    """What a reference points at, as the gold file writes it."""
    codes = {t.code for t in reference.targets}
    if reference.external:
        codes = {f"ext:{reference.external}", *(f"ext:{c}" for c in codes)}
    return frozenset(codes)


def read_gold(path: Path, law: LawIndex) -> list[Match]:
    """The gold file's references with their offsets (the n-th occurrence of a repeated span)."""
    matches: list[Match] = []
    seen: dict[tuple[Key, int], list[tuple[int, int]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        where, span, targets = (part.strip() for part in line.split("|"))
        article_text, _, paragraph_text = where.rpartition(".")
        article, paragraph = parse_key(article_text), int(paragraph_text)
        text = law.paragraphs[article][paragraph - 1]
        taken = seen.setdefault((article, paragraph), [])
        start = _free_occurrence(text, span, taken)
        taken.append((start, start + len(span)))
        matches.append((article, paragraph, start, start + len(span), frozenset(targets.split())))
    return matches


def _free_occurrence(text: str, span: str, taken: list[tuple[int, int]]) -> int:
    """The first occurrence of span overlapping no span listed before it (前款 after 前款第三项)."""
    start = text.index(span)
    while any(s < start + len(span) and start < e for s, e in taken):
        start = text.index(span, start + 1)
    return start


def score(gold: list[Match], law: LawIndex) -> tuple[Score, list[Match], list[Match]]:
    """Score the extractor over every article the gold file covers; also the misses and extras."""
    articles = sorted({m[0] for m in gold})
    found = [
        (r.article, r.paragraph, r.start, r.end, reference_codes(r))
        for key in articles
        for r in article_references(law, key)
    ]
    expected, got = set(gold), set(found)
    result = Score(expected=len(expected), found=len(got), correct=len(expected & got))
    return result, sorted(expected - got), sorted(got - expected)


def law_from_statute(articles: Iterable) -> LawIndex:
    """A LawIndex from parsed statute articles (proposals.statutes.ParsedArticle)."""
    return LawIndex.from_articles((a.key, a.paragraphs) for a in articles)
