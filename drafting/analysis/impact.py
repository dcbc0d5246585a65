"""What a bill's items do to the rest of the law: references that break, shift or see new words,
and terms the items touch that other articles use.

Pure functions over a LawIndex, its references and plain descriptions of the items.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from drafting.analysis.references import Key, LawIndex, Reference, Target
from drafting.operations import Operation

BREAK = "break"  # the target is repealed
SHIFT = "shift"  # a paragraph inserted or deleted before the target renumbers it
CHANGED = "changed"  # the target's words change
TERM = "term"  # a term the item uses or changes appears in other articles
KINDS = (BREAK, SHIFT, CHANGED, TERM)
DEFAULT_TERMS = ("淫秽物品", "儿童", "幼女", "未成年人", "网络服务提供者", "情节严重")


@dataclass(frozen=True)
class Change:
    """One item of a bill as the impact analysis needs it."""

    provision_id: int
    position: int
    operation: str
    number: int
    sub: int = 0
    paragraphs: tuple[int, ...] = ()
    restate_article: bool = False
    text_zh: str = ""

    @property
    def key(self) -> Key:
        return (self.number, self.sub)


@dataclass(frozen=True)
class Impact:
    """One effect of one item on the law outside its own words."""

    provision_id: int
    position: int
    kind: str
    source: Key  # the article that cites (or uses the term)
    paragraph: int  # its paragraph (0 for a term's list of articles)
    words: str  # the words cited, or the term
    target: str  # the target's code (152.2), or '' for a term
    new_paragraph: int = 0  # SHIFT: the number the reference should now name
    articles: tuple[Key, ...] = ()  # TERM: the other articles that use it


@dataclass
class Analysis:
    """The law once, indexed for many items: references by target, terms by article."""

    law: LawIndex
    references: Sequence[Reference]
    terms: Sequence[str] = DEFAULT_TERMS

    def __post_init__(self) -> None:
        self.by_target: dict[Key, list[tuple[Reference, Target]]] = {}
        for reference in self.references:
            if reference.external:
                continue
            for target in reference.targets:
                self.by_target.setdefault(target.key, []).append((reference, target))
        self.term_articles = {
            term: tuple(
                key
                for key in self.law.keys
                if any(term in text for text in self.law.paragraphs[key])
            )
            for term in self.terms
        }
        self.term_sets = {term: set(keys) for term, keys in self.term_articles.items()}

    def others_using(self, term: str, key: Key) -> tuple[Key, ...]:
        """The articles other than `key` that use the term."""
        articles = self.term_articles[term]
        if key not in self.term_sets[term]:
            return articles
        return tuple(k for k in articles if k != key)


def _impact(change: Change, kind: str, reference: Reference, target: Target, new: int = 0):
    return Impact(
        change.provision_id,
        change.position,
        kind,
        reference.article,
        reference.paragraph,
        reference.text,
        target.code,
        new,
    )


def _renumber(change: Change, paragraph: int) -> int | None:
    """The paragraph's number after the change; None when the change deletes it."""
    if change.operation == Operation.REPEAL_PARAGRAPHS:
        if paragraph in change.paragraphs:
            return None
        return paragraph - sum(1 for p in change.paragraphs if p < paragraph)
    if change.operation == Operation.INSERT_PARAGRAPH and paragraph >= change.paragraphs[0]:
        return paragraph + len(change.paragraphs)
    return paragraph


def _shifted(change: Change, reference: Reference, target: Target) -> Impact | None:
    """A reference into the article whose paragraph number no longer names its target."""
    new = _renumber(change, target.paragraph)
    if new is None:
        return _impact(change, BREAK, reference, target)
    inside = reference.article == change.key
    if inside and change.restate_article:
        return None  # the item restates the whole article, references included
    if inside and reference.text.startswith(("前", "本条前")):
        # 前款 moves with its own paragraph: it breaks only if the distance changes.
        source = _renumber(change, reference.paragraph)
        if source is None or source - (reference.paragraph - target.paragraph) == new:
            return None
    elif new == target.paragraph:
        return None
    return _impact(change, SHIFT, reference, target, new)


def _reference_impacts(analysis: Analysis, change: Change) -> list[Impact]:
    impacts: list[Impact] = []
    for reference, target in analysis.by_target.get(change.key, ()):
        outside = reference.article != change.key
        match change.operation:
            case Operation.REPEAL_ARTICLE if outside:
                impacts.append(_impact(change, BREAK, reference, target))
            case Operation.REPLACE_ARTICLE if outside:
                impacts.append(_impact(change, CHANGED, reference, target))
            case Operation.REPLACE_PARAGRAPHS:
                if outside and target.paragraph in (None, *change.paragraphs):
                    impacts.append(_impact(change, CHANGED, reference, target))
            case Operation.REPEAL_PARAGRAPHS | Operation.INSERT_PARAGRAPH:
                if target.paragraph is not None:
                    found = _shifted(change, reference, target)
                    impacts += [found] if found else []
                elif outside:
                    impacts.append(_impact(change, CHANGED, reference, target))
    return impacts


def _old_text(analysis: Analysis, change: Change) -> str:
    paragraphs = analysis.law.paragraphs.get(change.key, [])
    if change.operation in (Operation.REPLACE_PARAGRAPHS, Operation.REPEAL_PARAGRAPHS):
        return "\n".join(paragraphs[p - 1] for p in change.paragraphs if p <= len(paragraphs))
    if change.operation == Operation.INSERT_ARTICLES:
        return ""
    return "\n".join(paragraphs)


def _term_impacts(analysis: Analysis, change: Change) -> list[Impact]:
    touched = change.text_zh + "\n" + _old_text(analysis, change)
    return [
        Impact(
            change.provision_id,
            change.position,
            TERM,
            change.key,
            0,
            term,
            "",
            articles=analysis.others_using(term, change.key),
        )
        for term in analysis.terms
        if term in touched
    ]


def change_impacts(analysis: Analysis, change: Change) -> list[Impact]:
    """Every impact of one item: references first (in citing order), then terms."""
    return _reference_impacts(analysis, change) + _term_impacts(analysis, change)


def bill_impacts(analysis: Analysis, changes: Iterable[Change]) -> list[Impact]:
    """The impact list (影响清单) of a bill, item by item."""
    return [impact for change in changes for impact in change_impacts(analysis, change)]
