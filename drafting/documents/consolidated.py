"""The consolidated law: every article of the target instrument with the bill applied.

Follows the NPC's consolidated texts: a repealed article keeps its place as "第一百九十九条 （删去）",
new 之N articles stand right after the article they follow, headings (编/章/节) are printed where
they change. Articles the bill touches carry a note. A fixed number of queries for the whole law.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from drafting.documents.changes import (
    REPEALED_TEXT,
    ArticleState,
    amendment_articles_zh,
    apply_item,
    new_articles,
)
from drafting.documents.loading import BillData
from drafting.operations import Operation
from proposals.models import Article
from proposals.numerals import article_label_zh
from proposals.statutes import HEADING_SEPARATOR

Status = Literal["unchanged", "amended", "inserted", "repealed"]
NOTES_ZH = {
    "amended": "本条经本修正案修改",
    "inserted": "本条由本修正案增加",
    "repealed": "本条由本修正案删去",
}
NOTES_EN = {
    "amended": "Amended by this Amendment",
    "inserted": "Added by this Amendment",
    "repealed": "Deleted by this Amendment",
}


@dataclass
class ConsolidatedArticle:
    number: int
    sub: int
    paragraphs: list[str]
    status: Status = "unchanged"
    item_numbers: list[int] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(
        default_factory=list
    )  # (level from 1, title) opened here

    @property
    def label(self) -> str:
        return article_label_zh(self.number, self.sub)

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"

    @property
    def note_zh(self) -> str:
        return NOTES_ZH.get(self.status, "")

    @property
    def note_en(self) -> str:
        return NOTES_EN.get(self.status, "")

    @property
    def items_zh(self) -> str:
        return amendment_articles_zh(self.item_numbers)

    @property
    def body_lines(self) -> list[str]:
        return [line for p in self.paragraphs for line in p.split("\n")]

    @property
    def first_line(self) -> str:
        return self.body_lines[0] if self.paragraphs else ""

    @property
    def rest_lines(self) -> list[str]:
        return self.body_lines[1:]

    @property
    def lines(self) -> list[str]:
        """The article as printed: label and a space before the first paragraph, items on lines."""
        lines = self.body_lines
        if not lines:
            return [self.label]
        return [f"{self.label} {lines[0]}", *lines[1:]]

    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class ConsolidatedLaw:
    title_zh: str
    subtitle_zh: str
    title_en: str
    articles: list[ConsolidatedArticle]
    history_zh: list[str] = field(default_factory=list)  # the official note under the title
    annexes: list[tuple[str, list[str]]] = field(
        default_factory=list
    )  # 附件一 …, cited by art. 452

    @property
    def changed(self) -> list[ConsolidatedArticle]:
        return [a for a in self.articles if a.changed]


def law_articles(instrument) -> list[Article]:
    """The instrument's articles in order with their paragraphs: two queries."""
    return list(
        Article.objects.filter(instrument=instrument)
        .prefetch_related("paragraphs")
        .order_by("number", "sub")
    )


def _heading_path(heading_zh: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in heading_zh.split(HEADING_SEPARATOR) if part.strip())


def _open_headings(articles: list[ConsolidatedArticle], paths: list[tuple[str, ...]]) -> None:
    """Mark on each article the headings that begin there (levels whose title changed)."""
    previous: tuple[str, ...] = ()
    for article, path in zip(articles, paths, strict=True):
        shared = 0
        while shared < min(len(path), len(previous)) and path[shared] == previous[shared]:
            shared += 1
        article.headings = [(level + 1, path[level]) for level in range(shared, len(path))]
        previous = path


def build_consolidated(data: BillData, articles: list[Article] | None = None) -> ConsolidatedLaw:
    """The law as the bill would leave it."""
    bill = data.bill
    if articles is None:
        articles = law_articles(bill.target_instrument_id)
    items: dict[int, list[tuple[int, object]]] = defaultdict(list)
    for number, row in enumerate(data.provisions, start=1):
        items[row.provision.target_article_id].append((number, row.item))
    out: list[ConsolidatedArticle] = []
    paths: list[tuple[str, ...]] = []
    for article in articles:
        texts = [p.text_zh for p in article.paragraphs.all()]
        state = ArticleState.of(texts)
        added = []
        for number, item in items.get(article.pk, []):
            if item.operation == Operation.INSERT_ARTICLES:
                added += new_articles(item, number)
            else:
                apply_item(state, item, number)
        path = _heading_path(article.heading_zh)
        if state.repealed:
            entry = ConsolidatedArticle(
                article.number, article.sub, [REPEALED_TEXT], "repealed", state.item_numbers
            )
        elif state.item_numbers:
            entry = ConsolidatedArticle(
                article.number, article.sub, state.texts, "amended", state.item_numbers
            )
        else:
            entry = ConsolidatedArticle(article.number, article.sub, texts)
        out.append(entry)
        paths.append(path)
        for new in sorted(added, key=lambda a: a.sub):
            out.append(
                ConsolidatedArticle(
                    new.number, new.sub, new.paragraphs, "inserted", [new.item_number]
                )
            )
            paths.append(path)
    _open_headings(out, paths)
    instrument = bill.target_instrument
    return ConsolidatedLaw(
        title_zh=instrument.title_zh or instrument.title_en,
        # A draft amends nothing: this is a working text with the draft applied.
        subtitle_zh=f"（工作文本：现行文本适用《{bill.title_zh}》后形成，不是法律的正式文本）",
        title_en=(
            f"{instrument.title_en}: working text with {bill.title_en} applied "
            "(not an official text)"
        ),
        articles=out,
        history_zh=[line for line in instrument.history_zh.split("\n") if line],
        annexes=[(annex.label, annex.lines) for annex in instrument.annexes.order_by("position")],
    )
