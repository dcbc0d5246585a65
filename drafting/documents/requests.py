"""An export a user asked for, as plain data a task can carry: its cache slot, its fingerprint,
its size and how to make it. The export view answers it at once; a task makes it when it is large.
"""

from collections.abc import Callable
from dataclasses import dataclass

from drafting.documents.cache import export_etag, export_rows, export_slot
from drafting.documents.export import Export, export, export_three_column
from drafting.documents.papers import export_comments_report
from drafting.models import Bill, BillDraft

THREE_COLUMN = "three_column"  # 现行法 | draft a | draft b (or the working state)
COMMENTS_REPORT = "comments_report"  # 意见处理情况表 (every comment, with its disposition)


def _number(draft: BillDraft | None) -> int | None:
    return draft.number if draft is not None else None


@dataclass(frozen=True)
class ExportRequest:
    bill: Bill
    doc: str  # amendment, comparison, consolidated, THREE_COLUMN or COMMENTS_REPORT
    fmt: str
    comments: bool = False
    obligations: bool = False
    draft: BillDraft | None = None  # a document as of this draft (None: the working state)
    first: BillDraft | None = None  # the three-column table's two drafts (None: the working state)
    second: BillDraft | None = None

    @property
    def slot(self) -> str:
        if self.doc == THREE_COLUMN:
            return f"{THREE_COLUMN}.{self.fmt}:a={_number(self.first)}:b={_number(self.second)}"
        options = {"comments": self.comments, "obligations": self.obligations}
        return export_slot(self.doc, self.fmt, draft=self.draft, **options)

    def etag(self) -> str:
        """The fingerprint of the state it is made from (the drafts' numbers are in the slot)."""
        dispositions = self.doc == COMMENTS_REPORT
        return export_etag(
            self.bill,
            self.slot,
            comments=self.comments,
            draft=self.draft,
            dispositions=dispositions,
        )

    def rows(self) -> int:
        return export_rows(self.bill, comments=self.comments)

    def make(self, on_step: Callable[[str], None] = lambda step: None) -> Export:
        if self.doc == THREE_COLUMN:
            on_step("rendering")
            return export_three_column(self.bill, self.first, self.second, self.fmt)
        if self.doc == COMMENTS_REPORT:
            on_step("rendering")
            return export_comments_report(self.bill, self.fmt, self.draft)
        options = {"comments": self.comments, "obligations": self.obligations}
        return export(self.bill, self.doc, self.fmt, draft=self.draft, on_step=on_step, **options)

    def params(self) -> dict:
        """What a task needs to make it again (JSON); the drafts by number."""
        return {
            "doc": self.doc,
            "fmt": self.fmt,
            "comments": self.comments,
            "obligations": self.obligations,
            "draft": _number(self.draft),
            "a": _number(self.first),
            "b": _number(self.second),
        }

    @classmethod
    def from_params(cls, bill: Bill, params: dict) -> "ExportRequest":
        """The request a task was given; BillDraft.DoesNotExist if a draft is gone."""

        def draft(key: str) -> BillDraft | None:
            number = params.get(key)
            return None if number is None else BillDraft.objects.get(bill=bill, number=number)

        return cls(
            bill=bill,
            doc=params["doc"],
            fmt=params["fmt"],
            comments=params["comments"],
            obligations=params["obligations"],
            draft=draft("draft"),
            first=draft("a"),
            second=draft("b"),
        )
