"""意见处理情况表: every comment on the bill (or on one draft's items), per article, with its thread,
its disposition and reason; one row per comment, so the count matches what members see.

Built from two queries (the items, the comments with their dispositions) plus one count of hidden
comments, whatever the number of comments.
"""

import csv
import io
from dataclasses import dataclass, field

from drafting.documents.loading import BillData
from drafting.models import Comment

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


def _carried_out(disposition) -> str:
    parts = []
    if disposition.revision_id:
        parts.append(
            f"第{disposition.revision.number}次修订 revision {disposition.revision.number}"
        )
    if disposition.draft_id:
        parts.append(disposition.draft.name)
    return "；".join(parts)


def _thread_row(comment: Comment, item: int, article: str) -> ReportRow:
    row = ReportRow(
        thread=comment.pk,
        item=item,
        article=article,
        kind="意见",
        author=comment.author.get_username(),
        date=comment.created_at.strftime("%Y-%m-%d %H:%M"),
        quote=comment.anchor_exact,
        body=comment.body,
        suggestion=comment.suggestion or "",
        status=STATUS_ZH.get(comment.status, comment.status),
    )
    disposition = getattr(comment, "disposition", None)
    if disposition is not None:
        row.disposition = disposition.kind_zh
        row.reason = disposition.reason
        row.major = "是" if disposition.major_disagreement else ""
        row.carried_out = _carried_out(disposition)
    return row


def _reply_row(reply: Comment, thread: ReportRow) -> ReportRow:
    return ReportRow(
        thread=thread.thread,
        item=thread.item,
        article=thread.article,
        kind="回复",
        author=reply.author.get_username(),
        date=reply.created_at.strftime("%Y-%m-%d %H:%M"),
        body=reply.body,
    )


def comments_of(data: BillData):
    """Visible comments on the data's provisions (up to the draft's issue), dispositions joined."""
    queryset = (
        Comment.objects.visible()
        .filter(provision_id__in=[row.provision.pk for row in data.provisions])
        .select_related(
            "author", "disposition__revision", "disposition__draft", "disposition__decided_by"
        )
        .order_by("created_at", "pk")
    )
    if data.draft is not None:
        queryset = queryset.filter(created_at__lte=data.draft.issued_at)
    return queryset


def build_comments_report(data: BillData, hidden: int) -> CommentsReport:
    """The rows in the bill's order: per item, each thread then its replies."""
    base = data.draft.bill if data.draft is not None else data.bill
    suffix = f"（{data.draft.name}）" if data.draft is not None else ""
    report = CommentsReport(
        title_zh=f"{base.title_zh}{suffix}意见处理情况表",
        title_en=f"{base.title_en}: comments and their disposition",
        hidden=hidden,
    )
    places = {
        row.provision.pk: (n, row.provision.scope_zh)
        for n, row in enumerate(data.provisions, start=1)
    }
    threads: dict[int, tuple[ReportRow, list[ReportRow]]] = {}
    for comment in comments_of(data):
        if comment.parent_id is None:
            threads[comment.pk] = (_thread_row(comment, *places[comment.provision_id]), [])
            if getattr(comment, "disposition", None) is not None:
                kind = comment.disposition.kind_zh
                report.disposed[kind] = report.disposed.get(kind, 0) + 1
        elif comment.parent_id in threads:
            thread = threads[comment.parent_id][0]
            threads[comment.parent_id][1].append(_reply_row(comment, thread))
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
    """A real spreadsheet: one row per comment, frozen header, autofilter on every column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "意见处理情况"
    sheet.append([label for _, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in report.rows:
        sheet.append(row.values())
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{len(report.rows) + 1}"
    sheet.freeze_panes = "A2"
    for index, width in enumerate((8, 6, 22, 6, 12, 16, 24, 40, 24, 10, 10, 30, 8, 20), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    workbook.properties.creator = "legislative-drafting"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
