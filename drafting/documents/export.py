"""One entry point for every document of a bill in every format: (kind, format) -> bytes."""

import datetime
from dataclasses import dataclass

from drafting.documents import akn, render, word
from drafting.documents.amendment_document import build_amendment
from drafting.documents.comparison import build_comparison
from drafting.documents.consolidated import build_consolidated
from drafting.documents.loading import BillData, load_bill
from drafting.models import Bill

DOCUMENTS = ("amendment", "comparison", "consolidated")
FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xml": "application/akn+xml",
}
XML_DOCUMENTS = ("amendment",)
NAMES_ZH = {"amendment": "修正案", "comparison": "修改对照表", "consolidated": "修正后文本"}
BUILDERS = {
    "amendment": build_amendment,
    "comparison": build_comparison,
    "consolidated": build_consolidated,
}
DOCX_RENDERERS = {
    "amendment": word.amendment_docx,
    "comparison": word.comparison_docx,
    "consolidated": word.consolidated_docx,
}


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


def is_available(kind: str, fmt: str) -> bool:
    """Whether the document exists in that format (Akoma Ntoso is for the amendment only)."""
    if kind not in DOCUMENTS or fmt not in FORMATS:
        return False
    return fmt != "xml" or kind in XML_DOCUMENTS


def default_obligations(kind: str) -> bool:
    """The comparison table shows the obligations column unless asked not to."""
    return kind == "comparison"


def filename(bill: Bill, kind: str, fmt: str) -> str:
    # Slashes and control characters would break the header or a file system; the rest is kept.
    title = "".join(ch for ch in bill.title_zh if ch.isprintable() and ch not in '/\\"')
    return f"{title or 'bill'}-{NAMES_ZH[kind]}.{fmt}"


def text_date(data: BillData) -> datetime.date:
    """When the text last changed: the bill's own fields or any provision's current revision."""
    stamps = [data.bill.updated_at]
    stamps += [
        row.provision.current_revision.created_at
        for row in data.provisions
        if row.provision.current_revision is not None
    ]
    return max(stamps).date()


def export(
    bill: Bill, kind: str, fmt: str, *, comments: bool = False, obligations: bool | None = None
) -> Export:
    """Build the document from the bill's provisions and render it; ValueError if unavailable."""
    if not is_available(kind, fmt):
        raise ValueError(f"no {kind} document as {fmt}")
    if obligations is None:
        obligations = default_obligations(kind)
    data = load_bill(bill, comments=comments, obligations=obligations)
    doc = BUILDERS[kind](data)
    if fmt == "html":
        content = render.render_html(kind, doc).encode("utf-8")
    elif fmt == "pdf":
        content = render.render_pdf(kind, doc)
    elif fmt == "docx":
        content = DOCX_RENDERERS[kind](doc)
    else:
        content = akn.amendment_akn_bytes(
            doc, bill_pk=bill.pk, date=text_date(data), work_date=bill.created_at.date()
        )
    return Export(content, FORMATS[fmt], filename(bill, kind, fmt))
