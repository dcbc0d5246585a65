"""意见处理情况表: every comment on the bill (or on one draft's items), per article, with its thread,
its disposition and reason; one row per comment, so the count matches what members see.

Built from two queries (the items, the comments with their dispositions) plus one count of hidden
comments, whatever the number of comments.
"""

import csv
import io
from dataclasses import dataclass, field

from drafting.models import Comment
from drafting.models.dispositions import DISPOSITION_ZH

STATUS_ZH = {
    "open": "未处理",
    "resolved": "已解决",
    "accepted": "建议已采纳",
    "rejected": "建议未采纳",
}
COLUMNS = (
    ("thread", "意见编号 Thread"),
    ("item", "项 Item"),
    ("article", "条文 Article"),
    ("kind", "类别 Kind"),
    ("author", "提出人 By"),
    ("date", "时间 Date"),
    ("quote", "所指文字 Quoted words"),
    ("body", "意见 Comment"),
    ("suggestion", "修改建议 Suggestion"),
    ("status", "状态 Status"),
    ("disposition", "处理情况 Disposition"),
    ("reason", "理由 Reason"),
    ("major", "重大分歧 Major disagreement"),
    ("carried_out", "落实情况 Carried out by"),
)


WIDTHS = (8, 6, 22, 6, 12, 16, 24, 40, 24, 10, 10, 30, 8, 20)


@dataclass
class ReportRow:
    """One comment: a thread's first comment or one of its replies."""

    thread: int
    item: int
    article: str
    kind: str  # "意见" or "回复"
    author: str
    date: str
    quote: str = ""
    body: str = ""
    suggestion: str = ""
    status: str = ""
    disposition: str = ""
    reason: str = ""
    major: str = ""
    carried_out: str = ""

    def values(self) -> list:
        return [getattr(self, key) for key, _ in COLUMNS]


@dataclass
class CommentsReport:
    title_zh: str
    title_en: str
    rows: list[ReportRow] = field(default_factory=list)
    threads: int = 0
    replies: int = 0
    hidden: int = 0
    disposed: dict[str, int] = field(default_factory=dict)

    @property
    def open_threads(self) -> int:
        return self.threads - sum(self.disposed.values())


FIELDS = (
    "pk",
    "provision_id",
    "parent_id",
    "author__username",
    "created_at",
    "anchor_exact",
    "body",
    "suggestion",
    "status",
    "disposition__kind",
    "disposition__reason",
    "disposition__major_disagreement",
    "disposition__revision__number",
    "disposition__draft__name",
)


def _carried_out(c: dict) -> str:
    parts = []
    number = c["disposition__revision__number"]
    if number:
        parts.append(f"第{number}次修订 revision {number}")
    if c["disposition__draft__name"]:
        parts.append(c["disposition__draft__name"])
    return "；".join(parts)


def _thread_row(c: dict, item: int, article: str) -> ReportRow:
    row = ReportRow(
        thread=c["pk"],
        item=item,
        article=article,
        kind="意见",
        author=c["author__username"],
        date=c["created_at"].strftime("%Y-%m-%d %H:%M"),
        quote=c["anchor_exact"],
        body=c["body"],
        suggestion=c["suggestion"] or "",
        status=STATUS_ZH.get(c["status"], c["status"]),
    )
    kind = c["disposition__kind"]
    if kind is not None:
        row.disposition = DISPOSITION_ZH.get(kind, kind)
        row.reason = c["disposition__reason"]
        row.major = "是" if c["disposition__major_disagreement"] else ""
        row.carried_out = _carried_out(c)
    return row


def _reply_row(c: dict, thread: ReportRow) -> ReportRow:
    return ReportRow(
        thread=thread.thread,
        item=thread.item,
        article=thread.article,
        kind="回复",
        author=c["author__username"],
        date=c["created_at"].strftime("%Y-%m-%d %H:%M"),
        body=c["body"],
    )


def comments_of(provision_ids: list[int], draft=None):
    """Visible comments on the provisions (up to the draft's issue), as plain rows: one query."""
    queryset = (
        Comment.objects.visible()
        .filter(provision_id__in=provision_ids)
        .order_by("created_at", "pk")
        .values(*FIELDS)
    )
    if draft is not None:
        queryset = queryset.filter(created_at__lte=draft.issued_at)
    return queryset


def build_comments_report(
    places: dict[int, tuple[int, str]], comments, *, title: tuple[str, str], hidden: int
) -> CommentsReport:
    """The rows in the bill's order: per item, each thread then its replies.

    places: provision id -> (item number, what the item touches); comments: comments_of rows.
    """
    report = CommentsReport(title_zh=title[0], title_en=title[1], hidden=hidden)
    threads: dict[int, tuple[ReportRow, list[ReportRow]]] = {}
    for c in comments:
        if c["parent_id"] is None:
            row = _thread_row(c, *places[c["provision_id"]])
            threads[c["pk"]] = (row, [])
            if row.disposition:
                report.disposed[row.disposition] = report.disposed.get(row.disposition, 0) + 1
        elif c["parent_id"] in threads:
            thread = threads[c["parent_id"]][0]
            threads[c["parent_id"]][1].append(_reply_row(c, thread))
    for thread, replies in sorted(threads.values(), key=lambda t: (t[0].item, t[0].thread)):
        report.rows += [thread, *replies]
    report.threads = len(threads)
    report.replies = len(report.rows) - report.threads
    return report


def report_csv(report: CommentsReport) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label for _, label in COLUMNS])
    for row in report.rows:
        writer.writerow(row.values())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_xlsx(report: CommentsReport) -> bytes:
    """A real spreadsheet: one row per comment, frozen bold header, autofilter on every column.

    Written in openpyxl's write-only mode, which streams rows instead of keeping cell objects.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("意见处理情况")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(report.rows) + 1}"
    header = []
    for _, label in COLUMNS:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)
    for row in report.rows:
        sheet.append(row.values())
    workbook.properties.creator = "legislative-drafting"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
