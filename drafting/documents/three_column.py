"""三栏对照表: 现行法 | draft A | draft B, one row per article either draft touches.

The A column marks what draft A changed in the law (as the 修改对照表 does); the B column marks
what draft B changed in draft A's text, both additions and deletions, so every change is seen in
the column of the draft that made it and each row names those drafts.
"""

from dataclasses import dataclass, field

from drafting.documents.comparison import (
    ComparisonRow,
    Line,
    Run,
    aligned_runs,
    build_comparison,
)
from drafting.documents.loading import BillData
from drafting.text.diff import diff_text
from proposals.numerals import article_label_zh


@dataclass
class ThreeColumnRow:
    number: int
    sub: int
    law: list[Line]
    first: list[Line]
    second: list[Line]
    changed_by: list[str] = field(
        default_factory=list
    )  # column names of the drafts that changed it
    notes: list[str] = field(default_factory=list)
    first_repealed: bool = False
    second_repealed: bool = False

    @property
    def label(self) -> str:
        return article_label_zh(self.number, self.sub)

    @property
    def changed_in_second(self) -> bool:
        return bool(self.changed_by) and self.changed_by[-1] == "second"


@dataclass
class ThreeColumnTable:
    title_zh: str
    title_en: str
    first_name: str
    second_name: str
    rows: list[ThreeColumnRow]


def _plain(text: str) -> list[Line]:
    return [[(line, "equal")] for line in text.split("\n") if line]


def _inline(old: str, new: str) -> list[Line]:
    """new with the changes from old marked inline: deletions struck, additions bold."""
    lines: list[Line] = [[]]
    for text, kind in aligned_runs(diff_text(old, new, "zh")):
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if part:
                run: Run = (part, kind)
                lines[-1].append(run)
    return [line for line in lines if line]


def _texts(row: ComparisonRow | None, law: str) -> tuple[str, bool]:
    """The article's text after a draft, and whether the draft repeals it."""
    if row is None:
        return law, False
    if row.kind == "repealed":
        return "", True
    return row.after_text, False


def _law_text(a: ComparisonRow | None, b: ComparisonRow | None) -> str:
    for row in (a, b):
        if row is not None and row.kind != "inserted":
            return row.before_text
    return ""


def _row(key, a: ComparisonRow | None, b: ComparisonRow | None, names: tuple[str, str]):
    law = _law_text(a, b)
    a_text, a_repealed = _texts(a, law)
    b_text, b_repealed = _texts(b, law)
    row = ThreeColumnRow(
        number=key[0],
        sub=key[1],
        law=_plain(law),
        first=a.after if a is not None and not a_repealed else _plain(a_text),
        second=_inline(a_text, b_text),
        first_repealed=a_repealed,
        second_repealed=b_repealed,
    )
    if a is not None and (a_text != law or a_repealed):
        row.changed_by.append("first")
    if b_text != a_text or a_repealed != b_repealed:
        row.changed_by.append("second")
        if a is not None and b is None:
            row.notes.append(f"{names[1]}删去了{names[0]}对本条的修改。")
        elif a is None:
            row.notes.append(f"{names[1]}新增对本条的修改。")
        else:
            row.notes.append(f"{names[1]}对本条作了修改。")
    return row


def build_three_column(
    first: BillData, second: BillData, first_name: str, second_name: str
) -> ThreeColumnTable:
    """Rows in the law's order for every article either draft touches (all items applied)."""
    rows_a = {(r.number, r.sub): r for r in build_comparison(first).rows}
    rows_b = {(r.number, r.sub): r for r in build_comparison(second).rows}
    keys = sorted(set(rows_a) | set(rows_b))
    names = (first_name, second_name)
    bill = second.draft.bill if second.draft is not None else second.bill
    return ThreeColumnTable(
        title_zh=f"{bill.title_zh}三栏对照表",
        title_en=f"{bill.title_en}: three-column comparison ({first_name} / {second_name})",
        first_name=first_name,
        second_name=second_name,
        rows=[_row(key, rows_a.get(key), rows_b.get(key), names) for key in keys],
    )
