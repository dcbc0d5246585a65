"""The 修正案 of a bill: its title, numbered items in the NPC's form, and the commencement item."""

from dataclasses import dataclass, field

from drafting.documents.amendment import (
    PARAGRAPH_SEPARATOR,
    ItemSpec,
    amendment_item_paragraphs_en,
    amendment_item_paragraphs_zh,
    commencement_en,
    commencement_zh,
)
from drafting.documents.loading import BillData, CommentNote, ObligationNote
from proposals.numerals import list_number_zh


@dataclass
class AmendmentItem:
    """One numbered item; `error` says why it could not be written (the text stays visible)."""

    number: int
    provision_id: int
    operation: str
    paragraphs_zh: list[str]
    paragraphs_en: list[str]
    obligations: list[ObligationNote] = field(default_factory=list)
    comments: list[CommentNote] = field(default_factory=list)
    error: str = ""
    spec: ItemSpec | None = None


@dataclass
class AmendmentDocument:
    title_zh: str
    title_en: str
    items: list[AmendmentItem]
    closing_zh: str
    closing_en: str
    with_comments: bool = False
    with_obligations: bool = False

    def items_zh(self) -> list[str]:
        """Each item, closing item included, paragraphs separated by a blank line."""
        texts = [PARAGRAPH_SEPARATOR.join(item.paragraphs_zh) for item in self.items]
        return [*texts, self.closing_zh]

    def text_zh(self) -> str:
        """The whole amendment as the NPC prints it."""
        return PARAGRAPH_SEPARATOR.join([self.title_zh, *self.items_zh()])

    def text_en(self) -> str:
        texts = [PARAGRAPH_SEPARATOR.join(item.paragraphs_en) for item in self.items]
        return PARAGRAPH_SEPARATOR.join([self.title_en, *texts, self.closing_en])


def _item(data, number: int) -> AmendmentItem:
    provision = data.provision
    try:
        zh = amendment_item_paragraphs_zh(data.item, number)
        en = amendment_item_paragraphs_en(data.item, number)
        error = ""
    except ValueError as exc:
        # A half-drafted provision must not stop the export: say what is missing in its place.
        error = str(exc)
        zh = [f"{list_number_zh(number)}【{provision.title_zh or provision.title_en}：{error}】"]
        en = [f"{number}. [{provision.title_en}: {error}]"]
    return AmendmentItem(
        number=number,
        provision_id=provision.pk,
        operation=str(provision.operation),
        paragraphs_zh=zh,
        paragraphs_en=en,
        obligations=data.obligations,
        comments=data.comments,
        error=error,
        spec=data.item,
    )


def build_amendment(data: BillData) -> AmendmentDocument:
    """The amendment from the bill's live provisions, numbered in provision order."""
    bill = data.bill
    items = [_item(row, n) for n, row in enumerate(data.provisions, start=1)]
    last = len(items) + 1
    return AmendmentDocument(
        title_zh=bill.title_zh,
        title_en=bill.title_en,
        items=items,
        closing_zh=list_number_zh(last) + commencement_zh(bill.commencement_date),
        closing_en=f"{last}. {commencement_en(bill.commencement_date)}",
        with_comments=data.with_comments,
        with_obligations=data.with_obligations,
    )
