"""One entry point for every document of a bill in every format: (kind, format) -> bytes."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Max
from django.utils import timezone

from drafting.documents import akn, render, stamp, word, word_papers
from drafting.documents.amendment_document import build_amendment
from drafting.documents.comparison import build_comparison
from drafting.documents.consolidated import build_consolidated
from drafting.documents.drafts import load_draft
from drafting.documents.loading import BillData, load_bill
from drafting.documents.three_column import build_three_column
from drafting.documents.xmlsafe import xml_safe
from drafting.models import Bill, Revision

# Bills are PRC legislation: their dates are Beijing dates, whatever the server's time zone.
BILL_TIME_ZONE = ZoneInfo("Asia/Shanghai")

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


def filename(bill: Bill, kind: str, fmt: str, draft=None) -> str:
    # Slashes and control characters would break the header or a file system; the rest is kept.
    name = bill.title_zh + (f"-{draft.name}" if draft is not None else "")
    title = "".join(ch for ch in name if ch.isprintable() and ch not in '/\\"')
    return f"{title or 'bill'}-{NAMES_ZH[kind]}.{fmt}"


def text_date(data: BillData) -> datetime.date:
    """When the text last changed: the draft's date, else the bill or any current revision."""
    if data.draft is not None:
        return data.draft.date
    stamps = [data.bill.updated_at]
    stamps += [
        row.provision.current_revision.created_at
        for row in data.provisions
        if row.provision.current_revision is not None
    ]
    return local_date(max(stamps))


def state_moment(bill: Bill, draft=None) -> datetime.datetime:
    """The moment a file of this state carries (never now(), so that the same state gives the
    same bytes): when the draft was issued, else the last change of the bill or its revisions."""
    if draft is not None:
        return draft.issued_at
    latest = Revision.objects.filter(provision__bill=bill).aggregate(Max("created_at"))
    return max(filter(None, [bill.updated_at, latest["created_at__max"]]))


def local_date(moment: datetime.datetime) -> datetime.date:
    """The date in Beijing time: a PRC bill made at 01:00 on the 26th is dated the 26th, not the 25th."""
    return timezone.localtime(moment, BILL_TIME_ZONE).date()


def export(
    bill: Bill,
    kind: str,
    fmt: str,
    *,
    comments: bool = False,
    obligations: bool | None = None,
    draft=None,
    on_step: Callable[[str], None] = lambda step: None,
) -> Export:
    """Build the document from the bill (or one of its issued drafts) and render it.

    on_step is told "loading", "building" and "rendering" as the work gets there (a task's
    progress). ValueError if the document does not exist in that format.
    """
    if not is_available(kind, fmt):
        raise ValueError(f"no {kind} document as {fmt}")
    if obligations is None:
        obligations = default_obligations(kind)
    on_step("loading")
    if draft is not None:
        data = load_draft(draft, comments=comments, obligations=obligations)
    else:
        data = load_bill(bill, comments=comments, obligations=obligations)
    on_step("building")
    doc = xml_safe(BUILDERS[kind](data), bill_pk=bill.pk)
    on_step("rendering")
    moment = state_moment(bill, draft)
    if fmt == "html":
        content = render.render_html(kind, doc).encode("utf-8")
    elif fmt == "pdf":
        content = render.render_pdf(kind, doc, moment)
    elif fmt == "docx":
        content = stamp.ooxml(DOCX_RENDERERS[kind](doc), moment, getattr(doc, "title_zh", None))
    else:
        content = akn.amendment_akn_bytes(
            doc, bill_pk=bill.pk, date=text_date(data), work_date=local_date(bill.created_at)
        )
    return Export(content, FORMATS[fmt], filename(bill, kind, fmt, draft))


WORKING_NAME = "工作稿"  # the working state, when a draft is compared with it


def state_data(bill: Bill, draft=None, *, comments: bool = False, obligations: bool = True):
    """The BillData of a draft, or of the working state when draft is None."""
    if draft is not None:
        if draft.bill_id != bill.pk:
            raise ValueError("the draft belongs to another bill")
        return load_draft(draft, comments=comments, obligations=obligations)
    return load_bill(bill, comments=comments, obligations=obligations)


def rendered(kind: str, doc, fmt: str, docx_renderer, moment: datetime.datetime) -> bytes:
    """A built document as HTML or PDF (one template for both), or Word by its renderer; the
    PDF and the Word file dated moment (the state's, see state_moment), never now()."""
    if fmt == "html":
        return render.render_html(kind, doc).encode("utf-8")
    if fmt == "pdf":
        return render.render_pdf(kind, doc, moment)
    return stamp.ooxml(docx_renderer(doc), moment, getattr(doc, "title_zh", None))


def column_name(draft) -> str:
    return draft.column_zh if draft is not None else WORKING_NAME


def export_three_column(bill: Bill, first, second, fmt: str) -> Export:
    """现行法 | first | second (a draft, or the working state when second is None)."""
    if fmt not in ("html", "pdf", "docx"):
        raise ValueError(f"no three-column table as {fmt}")
    doc = build_three_column(
        state_data(bill, first, obligations=False),
        state_data(bill, second, obligations=False),
        column_name(first),
        column_name(second),
    )
    doc = xml_safe(doc, bill_pk=bill.pk)
    moment = max(state_moment(bill, first), state_moment(bill, second))
    content = rendered("three_column", doc, fmt, word_papers.three_column_docx, moment)
    names = f"{column_name(first)}-{column_name(second)}"
    title = "".join(
        ch for ch in f"{bill.title_zh}-{names}" if ch.isprintable() and ch not in '/\\"'
    )
    return Export(content, FORMATS[fmt], f"{title}-三栏对照表.{fmt}")
