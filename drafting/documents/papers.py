"""The papers that go with a draft: the 意见处理情况表 and the 草案说明, read and rendered.

Reads: the draft's (or working state's) BillData, the comments with their dispositions, the
proposals of the items, the coverage summary and the 说明's edits; each in a fixed number of queries.
"""

from dataclasses import dataclass

from django.db.models import Max

from drafting.coverage import FULL, compute_coverage
from drafting.documents import stamp, word_papers
from drafting.documents.comments_report import (
    CommentsReport,
    build_comments_report,
    comments_of,
    report_csv,
    report_xlsx,
)
from drafting.documents.export import FORMATS, Export, rendered, state_data, state_moment
from drafting.documents.loading import BillData
from drafting.documents.statement import (
    HEADINGS_EN,
    HEADINGS_ZH,
    SECTIONS,
    Coverage,
    Disagreement,
    StatementSource,
    generate,
    text_hash,
)
from drafting.documents.xmlsafe import xml_safe
from drafting.models import Bill, Comment, CommentDisposition, Provision, StatementEdit

REPORT_FORMATS = {
    **FORMATS,
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
KIND_EN = {"adopted": "adopted", "partly": "partly adopted", "not_adopted": "not adopted"}


def _safe(name: str) -> str:
    return "".join(ch for ch in name if ch.isprintable() and ch not in '/\\"') or "bill"


def _name(bill: Bill, draft, what: str, fmt: str) -> str:
    draft_part = f"-{draft.name}" if draft is not None else ""
    return f"{_safe(bill.title_zh + draft_part)}-{what}.{fmt}"


# --- 意见处理情况表 ---------------------------------------------------------------------------


def report_places(bill: Bill, draft=None) -> dict[int, tuple[int, str]]:
    """Provision id -> (item number, what it touches) of the draft's items or the live provisions."""
    if draft is not None:
        rows = [
            (item.provision_id, item.target_article, item)
            for item in draft.items.select_related("target_article").order_by("position")
        ]
    else:
        provisions = bill.provisions.exclude(status=Provision.Status.WITHDRAWN)
        rows = [
            (p.pk, p.target_article, p)
            for p in provisions.select_related("target_article").order_by("position")
        ]
    places = {}
    for number, (pk, article, source) in enumerate(rows, start=1):
        provision = Provision(
            operation=source.operation,
            target_article=article,
            paragraphs=source.paragraphs,
            insert_count=source.insert_count,
        )
        places[pk] = (number, provision.scope_zh)
    return places


def comments_report(bill: Bill, draft=None) -> CommentsReport:
    """The 意见处理情况表 of the working state or of a draft, in four queries."""
    if draft is not None and draft.bill_id != bill.pk:
        raise ValueError("the draft belongs to another bill")
    places = report_places(bill, draft)
    hidden = Comment.objects.filter(provision_id__in=list(places), hidden=True)
    if draft is not None:
        hidden = hidden.filter(created_at__lte=draft.issued_at)
    base_zh = bill.title_zh + (f"（{draft.name}）" if draft is not None else "")
    return build_comments_report(
        places,
        comments_of(list(places), draft),
        title=(f"{base_zh}意见处理情况表", f"{bill.title_en}: comments and their disposition"),
        hidden=hidden.count(),
    )


def export_comments_report(bill: Bill, fmt: str, draft=None) -> Export:
    """The 意见处理情况表 as HTML, PDF, DOCX, XLSX or CSV."""
    if fmt not in REPORT_FORMATS or fmt == "xml":
        raise ValueError(f"no comments report as {fmt}")
    report = xml_safe(comments_report(bill, draft), bill_pk=bill.pk)
    moment = state_moment(bill, draft)
    if fmt == "xlsx":
        content = stamp.ooxml(report_xlsx(report), moment)
    elif fmt == "csv":
        content = report_csv(report)
    else:
        docx = word_papers.comments_report_docx
        content = rendered("comments_report", report, fmt, docx, moment)
    return Export(content, REPORT_FORMATS[fmt], _name(bill, draft, "意见处理情况表", fmt))


# --- 草案说明 ---------------------------------------------------------------------------------


@dataclass
class Section:
    key: str
    heading_zh: str
    heading_en: str
    zh: str
    en: str
    generated_zh: str
    generated_en: str
    edits: dict  # language -> the StatementEdit in force, if any

    @property
    def parts(self) -> list[dict]:
        """Per language: the text in force, the generated text, the edit and whether it is stale."""
        return [
            {
                "language": lang,
                "text": text,
                "generated": generated,
                "edit": self.edits.get(lang),
                "stale": self.stale(lang),
            }
            for lang, text, generated in (
                ("zh", self.zh, self.generated_zh),
                ("en", self.en, self.generated_en),
            )
        ]

    def generated(self, language: str) -> str:
        """The generated text in a language ("zh" or "en")."""
        return self.generated_zh if language == "zh" else self.generated_en

    def stale(self, language: str) -> bool:
        """Edited, and the generated text changed since the edit was based on it."""
        edit = self.edits.get(language)
        return edit is not None and edit.generated_hash != text_hash(self.generated(language))


@dataclass
class Statement:
    title_zh: str
    title_en: str
    sections: list[Section]
    version: int

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def _coverage(bill: Bill) -> Coverage:
    summary = compute_coverage(bill).summary
    return Coverage(
        binding_total=summary.binding_total,
        gaps_before=summary.gaps_before,
        gaps_after=summary.gaps_after,
        icmec_total=len(summary.icmec),
        icmec_before=sum(1 for c in summary.icmec if c.row.before == FULL),
        icmec_after=sum(1 for c in summary.icmec if c.row.after == FULL),
    )


def _proposals(data: BillData) -> dict[int, list[tuple[str, str, str]]]:
    through = Provision.proposals.through.objects.filter(
        provision_id__in=[row.provision.pk for row in data.provisions]
    ).select_related("proposal")
    found: dict[int, list[tuple[str, str, str]]] = {}
    for link in through.order_by("proposal__code"):
        p = link.proposal
        found.setdefault(link.provision_id, []).append((p.code, p.title_zh, p.title_en))
    return found


def _disagreements(data: BillData) -> list[Disagreement]:
    places = {
        row.provision.pk: (n, row.provision.scope_zh)
        for n, row in enumerate(data.provisions, start=1)
    }
    dispositions = CommentDisposition.objects.filter(
        major_disagreement=True, comment__provision_id__in=list(places), comment__hidden=False
    ).select_related("comment__author")
    if data.draft is not None:
        dispositions = dispositions.filter(comment__created_at__lte=data.draft.issued_at)
    found = []
    for d in dispositions.order_by("comment__created_at"):
        item, scope = places[d.comment.provision_id]
        found.append(
            Disagreement(
                item=item,
                scope=scope,
                author=d.comment.author.get_username(),
                quote=d.comment.anchor_exact,
                body=d.comment.body,
                kind_zh=d.kind_zh,
                kind_en=KIND_EN.get(d.kind, "left for later study"),
                reason=d.reason,
            )
        )
    return sorted(found, key=lambda d: d.item)


def statement_edits(bill: Bill, draft) -> dict[tuple[str, str], StatementEdit]:
    """The edit in force per (section, language): the latest one."""
    latest = {}
    for edit in StatementEdit.objects.for_statement(bill, draft):
        latest[(edit.section, edit.language)] = edit
    return latest


def build_statement(bill: Bill, draft=None) -> Statement:
    """The 说明: generated sections, each replaced by a drafter's edit where there is one."""
    data = state_data(bill, draft)
    source = StatementSource(
        data=data,
        proposals=_proposals(data),
        coverage=_coverage(bill),
        disagreements=_disagreements(data),
    )
    generated = generate(source)
    edits = statement_edits(bill, draft)
    sections = []
    for key in SECTIONS:
        mine = {lang: edits[(key, lang)] for lang in ("zh", "en") if (key, lang) in edits}
        sections.append(
            Section(
                key=key,
                heading_zh=HEADINGS_ZH[key],
                heading_en=HEADINGS_EN[key],
                zh=mine["zh"].text if "zh" in mine else generated[(key, "zh")],
                en=mine["en"].text if "en" in mine else generated[(key, "en")],
                generated_zh=generated[(key, "zh")],
                generated_en=generated[(key, "en")],
                edits=mine,
            )
        )
    base = draft.bill if draft is not None else bill
    suffix = f"（{draft.name}）" if draft is not None else ""
    version = StatementEdit.objects.filter(bill=bill, draft=draft).aggregate(n=Max("number"))["n"]
    return Statement(
        title_zh=f"关于《{base.title_zh}》{suffix}的说明",
        title_en=f"Explanatory statement on the {base.title_en}",
        sections=sections,
        version=version or 0,
    )


def export_statement(bill: Bill, fmt: str, draft=None) -> Export:
    """The 说明 as HTML, PDF or DOCX."""
    if fmt not in ("html", "pdf", "docx"):
        raise ValueError(f"no statement as {fmt}")
    statement = xml_safe(build_statement(bill, draft), bill_pk=bill.pk)
    moment = state_moment(bill, draft)
    content = rendered("statement", statement, fmt, word_papers.statement_docx, moment)
    return Export(content, FORMATS[fmt], _name(bill, draft, "说明", fmt))
