"""What changed between two states of a bill (two drafts, or a draft and the working text), per item.

One ItemChange per provision added, removed or changed, grouped by the article it touches; the
summary writes one line per change in Chinese and English, like the NPC's 修改情况的汇报.
"""

from dataclasses import dataclass, field

from drafting.documents.loading import BillData, ProvisionData
from drafting.text.diff import Op, diff_text
from proposals.numerals import to_chinese

OPERATIONS_ZH = {
    "replace_article": "修改条文",
    "replace_paragraphs": "修改款",
    "insert_articles": "增加条文",
    "insert_paragraph": "增加款",
    "repeal_article": "删去条文",
    "repeal_paragraphs": "删去款",
}


@dataclass
class ItemChange:
    """One provision's difference between state A and state B."""

    kind: str  # "added" | "removed" | "changed"
    provision_id: int
    number_a: int | None
    number_b: int | None
    title: str
    scope_a: str = ""
    scope_b: str = ""
    sort_key: tuple[int, int, int] = (0, 0, 0)
    operation: tuple[str, str] | None = None
    text_zh: list[Op] = field(default_factory=list)
    text_en: list[Op] = field(default_factory=list)
    text_changed: bool = False
    gained: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    @property
    def scope(self) -> str:
        return self.scope_b or self.scope_a

    @property
    def number(self) -> int:
        return self.number_b or self.number_a or 0

    @property
    def article_label(self) -> str:
        return self.scope.split("（")[0]


def _texts(row: ProvisionData) -> tuple[str, str]:
    revision = row.provision.current_revision
    return (revision.text_zh, revision.text_en) if revision else ("", "")


def _key(row: ProvisionData) -> tuple[int, int, int]:
    article = row.provision.target_article
    return (article.number, article.sub, row.provision.position)


def _one_side(kind: str, row: ProvisionData, number: int) -> ItemChange:
    provision = row.provision
    zh, en = _texts(row)
    added = kind == "added"
    return ItemChange(
        kind=kind,
        provision_id=provision.pk,
        number_a=None if added else number,
        number_b=number if added else None,
        title=provision.title_zh or provision.title_en,
        scope_a="" if added else provision.scope_zh,
        scope_b=provision.scope_zh if added else "",
        sort_key=_key(row),
        text_zh=diff_text("", zh, "zh") if added else diff_text(zh, "", "zh"),
        text_en=diff_text("", en, "en") if added else diff_text(en, "", "en"),
        gained=[o.code for o in row.obligations] if added else [],
        lost=[] if added else [o.code for o in row.obligations],
    )


def _changed(a: ProvisionData, b: ProvisionData, na: int, nb: int) -> ItemChange | None:
    pa, pb = a.provision, b.provision
    (za, ea), (zb, eb) = _texts(a), _texts(b)
    codes_a, codes_b = [o.code for o in a.obligations], [o.code for o in b.obligations]
    change = ItemChange(
        kind="changed",
        provision_id=pb.pk,
        number_a=na,
        number_b=nb,
        title=pb.title_zh or pb.title_en,
        scope_a=pa.scope_zh,
        scope_b=pb.scope_zh,
        sort_key=_key(b),
        operation=(pa.operation, pb.operation) if pa.operation != pb.operation else None,
        text_zh=diff_text(za, zb, "zh"),
        text_en=diff_text(ea, eb, "en"),
        text_changed=(za, ea) != (zb, eb),
        gained=[c for c in codes_b if c not in codes_a],
        lost=[c for c in codes_a if c not in codes_b],
    )
    moved = change.scope_a != change.scope_b
    if not (change.text_changed or change.operation or moved or change.gained or change.lost):
        return None
    return change


def compare_states(first: BillData, second: BillData) -> list[ItemChange]:
    """Every item added, removed or changed from first to second, in the law's order."""
    rows_a = {row.provision.pk: (n, row) for n, row in enumerate(first.provisions, start=1)}
    rows_b = {row.provision.pk: (n, row) for n, row in enumerate(second.provisions, start=1)}
    changes = []
    for pk, (nb, row) in rows_b.items():
        if pk not in rows_a:
            changes.append(_one_side("added", row, nb))
            continue
        changed = _changed(rows_a[pk][1], row, rows_a[pk][0], nb)
        if changed is not None:
            changes.append(changed)
    changes += [
        _one_side("removed", row, na) for pk, (na, row) in rows_a.items() if pk not in rows_b
    ]
    return sorted(changes, key=lambda c: c.sort_key)


def summary_zh(change: ItemChange) -> str:
    """One line of a 修改情况 summary in Chinese."""
    if change.kind == "added":
        return f"增加一条，作为草案第{to_chinese(change.number_b)}条（{change.scope_b}）：{change.title}。"
    if change.kind == "removed":
        return f"删去草案原第{to_chinese(change.number_a)}条（{change.scope_a}）：{change.title}。"
    parts = []
    if change.operation:
        before, after = (OPERATIONS_ZH.get(op, op) for op in change.operation)
        parts.append(f"修改方式由“{before}”改为“{after}”")
    if change.scope_a != change.scope_b:
        parts.append(f"所涉条款由{change.scope_a}改为{change.scope_b}")
    if change.text_changed:
        parts.append("修改了条文表述")
    if change.gained:
        parts.append(f"增列所履行的国际义务{'、'.join(change.gained)}")
    if change.lost:
        parts.append(f"不再列明国际义务{'、'.join(change.lost)}")
    # An amendment's items are its articles (条), cited 草案第一条 as 修正案第一条 (项 is a sub-unit)
    return f"草案第{to_chinese(change.number_b)}条（{change.scope_b}）：{'；'.join(parts)}。"


def summary_en(change: ItemChange) -> str:
    """One line of the same summary in English."""
    if change.kind == "added":
        return f"Item {change.number_b} added ({change.scope_b}): {change.title}."
    if change.kind == "removed":
        return f"Former item {change.number_a} removed ({change.scope_a}): {change.title}."
    parts = []
    if change.operation:
        parts.append("operation changed from {} to {}".format(*change.operation))
    if change.scope_a != change.scope_b:
        parts.append(f"now touches {change.scope_b} instead of {change.scope_a}")
    if change.text_changed:
        parts.append("wording revised")
    if change.gained:
        parts.append(f"obligations added: {', '.join(change.gained)}")
    if change.lost:
        parts.append(f"obligations no longer claimed: {', '.join(change.lost)}")
    return f"Item {change.number_b} ({change.scope_b}): {'; '.join(parts)}."
