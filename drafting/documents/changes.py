"""Apply amendment items to an article's paragraphs: pure functions shared by the comparison table
and the consolidated law, so both show the same result.

Paragraph numbers in an item refer to the article as the items before it in the bill left it
(the NPC's items are read in order). Items (项) stay inside their paragraph, joined by "\\n".
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from drafting.documents.amendment import ARTICLE_LABEL_SPACES, ItemSpec
from drafting.operations import Operation
from proposals.numerals import article_label_zh, to_chinese

ITEM_RE = re.compile(r"^（[一二三四五六七八九十]+）")
REPEALED_TEXT = "（删去）"


@dataclass
class Para:
    """A paragraph after the amendment, with the index of the paragraph it came from (if any)."""

    text: str
    origin: int | None


@dataclass
class ArticleState:
    """An article as the bill's items leave it."""

    original: list[str]
    paragraphs: list[Para]
    repealed: bool = False
    rewritten: bool = (
        False  # replaced as a whole: compare the whole text, not paragraph by paragraph
    )
    item_numbers: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, paragraphs: Sequence[str]) -> "ArticleState":
        return cls(list(paragraphs), [Para(t, i) for i, t in enumerate(paragraphs)])

    @property
    def texts(self) -> list[str]:
        return [] if self.repealed else [p.text for p in self.paragraphs]

    @property
    def changed(self) -> bool:
        return self.repealed or self.texts != self.original


@dataclass
class NewArticle:
    """An article an item inserts (第…条之N)."""

    number: int
    sub: int
    paragraphs: list[str]
    item_number: int

    @property
    def label(self) -> str:
        return article_label_zh(self.number, self.sub)


def split_paragraphs(text: str) -> list[str]:
    """Lines of a provision's text grouped into paragraphs: an item line (（一）…) joins the one before."""
    paragraphs: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if ITEM_RE.match(line) and paragraphs:
            paragraphs[-1] += "\n" + line
        else:
            paragraphs.append(line)
    return paragraphs


def _indices(state: ArticleState, numbers: Iterable[int], what: str) -> list[int]:
    """0-based indices of existing paragraphs; numbers beyond the article are reported, not applied."""
    found = []
    for number in numbers:
        if 1 <= number <= len(state.paragraphs):
            found.append(number - 1)
        else:
            state.warnings.append(f"{what}: the article has no paragraph {number}")
    return found


def _replace_paragraphs(state: ArticleState, item: ItemSpec) -> None:
    indices = _indices(state, item.paragraphs, "replace")
    new = split_paragraphs(item.text_zh)
    if not indices:
        return
    if len(new) == len(indices):
        for index, text in zip(indices, new, strict=True):
            state.paragraphs[index] = Para(text, state.paragraphs[index].origin)
        return
    first = indices[0]
    state.paragraphs = [p for i, p in enumerate(state.paragraphs) if i not in indices]
    state.paragraphs[first:first] = [Para(t, None) for t in new]


def _insert_paragraph(state: ArticleState, item: ItemSpec) -> None:
    new = split_paragraphs(item.text_zh)
    if item.restate_article:
        slots = {n - 1 for n in item.paragraphs}
        kept = iter(state.paragraphs)
        if len(new) == len(state.paragraphs) + len(slots):
            # The restated article is the old one plus the new paragraph(s): keep the pairing so
            # unchanged paragraphs stay unmarked.
            state.paragraphs = [
                Para(t, None if i in slots else next(kept).origin) for i, t in enumerate(new)
            ]
        else:
            state.paragraphs = [Para(t, None) for t in new]
            state.rewritten = True
        return
    at = item.paragraphs[0] - 1 if item.paragraphs else len(state.paragraphs)
    if at > len(state.paragraphs):
        state.warnings.append(f"insert: the article has only {len(state.paragraphs)} paragraphs")
        at = len(state.paragraphs)
    state.paragraphs[at:at] = [Para(t, None) for t in new]


def apply_item(state: ArticleState, item: ItemSpec, number: int) -> None:
    """Apply one item (and its follow-on clauses) to the article's state."""
    state.item_numbers.append(number)
    match Operation(item.operation):
        case Operation.REPLACE_ARTICLE:
            state.paragraphs = [Para(t, None) for t in split_paragraphs(item.text_zh)]
            state.rewritten = True
            state.repealed = False
        case Operation.REPLACE_PARAGRAPHS:
            _replace_paragraphs(state, item)
        case Operation.INSERT_PARAGRAPH:
            _insert_paragraph(state, item)
        case Operation.REPEAL_ARTICLE:
            state.repealed = True
        case Operation.REPEAL_PARAGRAPHS:
            drop = set(_indices(state, item.paragraphs, "repeal"))
            state.paragraphs = [p for i, p in enumerate(state.paragraphs) if i not in drop]
        case Operation.INSERT_ARTICLES:
            pass  # new articles are returned by new_articles(); the target stays as it is
    for clause in item.then:
        apply_item(state, clause, number)
        state.item_numbers.pop()


def new_articles(item: ItemSpec, number: int) -> list[NewArticle]:
    """The articles an insert_articles item adds; several are split at their quoted labels."""
    subs = item.new_article_subs
    if len(subs) == 1:
        return [NewArticle(item.article_number, subs[0], split_paragraphs(item.text_zh), number)]
    labels = {article_label_zh(item.article_number, sub): sub for sub in subs}
    articles: list[NewArticle] = []
    lines: list[str] = []
    current: int | None = None

    def flush() -> None:
        if current is not None:
            articles.append(
                NewArticle(item.article_number, current, split_paragraphs("\n".join(lines)), number)
            )

    for raw in item.text_zh.splitlines():
        line = raw.strip()
        label = next(
            (lab for lab in labels if any(line.startswith(lab + s) for s in ARTICLE_LABEL_SPACES)),
            None,
        )
        if label is not None:
            flush()
            current, lines = labels[label], [line[len(label) :].strip()]
        elif current is not None:
            lines.append(line)
    flush()
    return articles


def amendment_articles_zh(numbers: list[int]) -> str:
    """（修正案第一条、第三条）: the NPC cites an amendment's items as 条 (项 is part of a 款)."""
    return "（修正案" + "、".join(f"第{to_chinese(n)}条" for n in numbers) + "）"
