"""修改对照表: one row per changed article, the law before and after the bill, changes marked.

The 修正前 column marks deletions, the 修正后 column additions, both from drafting.text.diff run on the
article's paragraphs (character by character for Chinese). Paragraphs the bill leaves alone carry
no marks.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from drafting.documents.changes import (
    ArticleState,
    NewArticle,
    amendment_articles_zh,
    apply_item,
    new_articles,
)
from drafting.documents.loading import BillData, CommentNote, ObligationNote, ProvisionData
from drafting.operations import Operation
from drafting.text.diff import diff_text, redline_runs
from proposals.numerals import article_label_zh

Run = tuple[str, str]  # (text, "equal" | "insert" | "delete")
Line = list[Run]
RowKind = Literal["amended", "inserted", "repealed"]


@dataclass
class ComparisonRow:
    number: int
    sub: int
    kind: RowKind
    before: list[Line]
    after: list[Line]
    item_numbers: list[int]
    obligations: list[ObligationNote] = field(default_factory=list)
    comments: list[CommentNote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return article_label_zh(self.number, self.sub)

    @property
    def items_zh(self) -> str:
        return amendment_articles_zh(self.item_numbers)

    @property
    def before_text(self) -> str:
        return "\n".join("".join(t for t, _ in line) for line in self.before)

    @property
    def after_text(self) -> str:
        return "\n".join("".join(t for t, _ in line) for line in self.after)


@dataclass
class ComparisonTable:
    title_zh: str
    title_en: str
    rows: list[ComparisonRow]
    with_obligations: bool = True
    with_comments: bool = False


# An edit reads best when it begins or ends at one of these (a clause or list seam).
SEAMS = frozenset("，。；：、（）“”\n")


def _seam_score(before: str, edit: str, after: str) -> int:
    starts = not before or before[-1] in SEAMS or edit[0] in SEAMS
    ends = not after or edit[-1] in SEAMS or after[0] in SEAMS
    return 2 * starts + ends


def _slide(before: str, edit: str, after: str) -> tuple[str, str, str]:
    """The same lone edit moved to where it starts at a seam, if the text allows it.

    A character diff of 第三百六十三条、第三百六十四条 against 第三百六十三条、第三百六十三条之一、
    第三百六十四条 may mark "三条之一、第三百六十"; slid left it marks "、第三百六十三条之一".
    Sliding never changes the text of either side, only where the mark falls.
    """
    candidates = [(before, edit, after)]
    b, e, a = before, edit, after
    while b and b[-1] == e[-1]:
        b, e, a = b[:-1], b[-1] + e[:-1], e[-1] + a
        candidates.append((b, e, a))
    b, e, a = before, edit, after
    while a and a[0] == e[0]:
        b, e, a = b + e[0], e[1:] + a[0], a[1:]
        candidates.append((b, e, a))
    best = max(_seam_score(*c) for c in candidates)
    if _seam_score(before, edit, after) == best:
        return before, edit, after
    return min((c for c in candidates if _seam_score(*c) == best), key=lambda c: len(c[0]))


def aligned_runs(ops) -> list[Run]:
    """The redline's runs, each lone insertion or deletion slid to a seam (see _slide)."""
    runs = [list(run) for run in redline_runs(ops)]
    for i in range(1, len(runs) - 1):
        (before, k0), (edit, kind), (after, k2) = runs[i - 1], runs[i], runs[i + 1]
        if kind != "equal" and k0 == "equal" and k2 == "equal":
            runs[i - 1][0], runs[i][0], runs[i + 1][0] = _slide(before, edit, after)
    return [(text, kind) for text, kind in runs if text]


def _lines(runs: list[Run], keep: str) -> list[Line]:
    """One side of a redline, split into lines; `keep` is the kind of change this side shows."""
    lines: list[Line] = [[]]
    for text, kind in runs:
        if kind not in ("equal", keep):
            continue
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if not part:
                continue
            line = lines[-1]
            if line and line[-1][1] == kind:  # neighbours of one kind after a slide
                line[-1] = (line[-1][0] + part, kind)
            else:
                line.append((part, kind))
    return [line for line in lines if line]


def _pair(old: str, new: str) -> tuple[list[Line], list[Line]]:
    runs = aligned_runs(diff_text(old, new, "zh"))
    return _lines(runs, "delete"), _lines(runs, "insert")


def _whole(text: str, kind: str) -> list[Line]:
    return [[(line, kind)] for line in text.split("\n") if line]


def redline_article(state: ArticleState) -> tuple[list[Line], list[Line]]:
    """(before, after) lines of an amended article, paragraph by paragraph where that is known."""
    if state.repealed:
        return [line for p in state.original for line in _whole(p, "delete")], []
    if state.rewritten:
        return _pair("\n".join(state.original), "\n".join(state.texts))
    by_origin = {p.origin: p.text for p in state.paragraphs if p.origin is not None}
    before: list[Line] = []
    for index, text in enumerate(state.original):
        if index in by_origin:
            before += _pair(text, by_origin[index])[0]
        else:
            before += _whole(text, "delete")
    after: list[Line] = []
    for para in state.paragraphs:
        if para.origin is None:
            after += _whole(para.text, "insert")
        else:
            after += _pair(state.original[para.origin], para.text)[1]
    return before, after


def _merge_obligations(rows: list[ProvisionData]) -> list[ObligationNote]:
    seen: dict[str, ObligationNote] = {}
    for row in rows:
        for note in row.obligations:
            seen.setdefault(note.code, note)
    return list(seen.values())


def _target_texts(row: ProvisionData) -> list[str]:
    return [p.text_zh for p in row.article.paragraphs.all()]


def _inserted_row(article: NewArticle, row: ProvisionData) -> ComparisonRow:
    return ComparisonRow(
        number=article.number,
        sub=article.sub,
        kind="inserted",
        before=[],
        after=[line for p in article.paragraphs for line in _whole(p, "insert")],
        item_numbers=[article.item_number],
        obligations=_merge_obligations([row]),
        comments=row.comments,
    )


def build_comparison(data: BillData) -> ComparisonTable:
    """Rows in the law's order: each amended article once (all its items applied), new ones after it."""
    groups: dict[int, list[tuple[int, ProvisionData]]] = defaultdict(list)
    inserted: dict[int, list[ComparisonRow]] = defaultdict(list)
    articles = {}
    for number, row in enumerate(data.provisions, start=1):
        article = row.article
        articles[article.pk] = article
        if row.item.operation == Operation.INSERT_ARTICLES:
            for new in new_articles(row.item, number):
                inserted[article.pk].append(_inserted_row(new, row))
            articles[article.pk] = article
            continue
        groups[article.pk].append((number, row))
    rows: list[ComparisonRow] = []
    for article in sorted(articles.values(), key=lambda a: (a.number, a.sub)):
        group = groups.get(article.pk)
        if group:
            state = ArticleState.of(_target_texts(group[0][1]))
            for number, row in group:
                apply_item(state, row.item, number)
            before, after = redline_article(state)
            rows.append(
                ComparisonRow(
                    number=article.number,
                    sub=article.sub,
                    kind="repealed" if state.repealed else "amended",
                    before=before,
                    after=after,
                    item_numbers=state.item_numbers,
                    obligations=_merge_obligations([r for _, r in group]),
                    comments=[c for _, r in group for c in r.comments],
                    warnings=state.warnings,
                )
            )
        rows += sorted(inserted.get(article.pk, []), key=lambda r: r.sub)
    return ComparisonTable(
        title_zh=f"{data.bill.title_zh}修改对照表",
        title_en=f"{data.bill.title_en}: comparison table",
        rows=rows,
        with_obligations=data.with_obligations,
        with_comments=data.with_comments,
    )
