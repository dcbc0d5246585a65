"""Drafts of a bill (审议稿): the panel on the bill page, issuing one, a draft's page, comparing two."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from rules import has_perm

from drafting import services
from drafting.documents.draft_changes import compare_states, summary_en, summary_zh
from drafting.documents.export import column_name, state_data
from drafting.documents.requests import THREE_COLUMN, ExportRequest
from drafting.models import Bill, BillDraft, DraftKind
from drafting.text.diff import redline_html
from drafting.web.common import bill_for, document_csp, login_required
from drafting.web.export_answer import answer_export

DOCUMENT_KINDS = (
    ("amendment", gettext_lazy("Amendment (修正案)")),
    ("comparison", gettext_lazy("Comparison table (修改对照表)")),
    ("consolidated", gettext_lazy("Consolidated Criminal Law")),
)
FORMATS = (("html", "HTML"), ("pdf", "PDF"), ("docx", "Word"))
REPORT_LINKS = (*FORMATS, ("xlsx", "Excel"), ("csv", "CSV"))
VARIANTS = (
    ("", gettext_lazy("as printed")),
    ("comments=1", gettext_lazy("with open comments")),
    ("obligations=1", gettext_lazy("with obligations")),
)


class DraftIssueForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=DraftKind.choices)
    label = forms.CharField(
        label=gettext_lazy("Label (for kind 'other')"), max_length=100, required=False
    )
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Empty: the kind's name, e.g. 一审稿."),
    )
    date = forms.DateField(label=gettext_lazy("Date"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Note"), max_length=2000, required=False, widget=forms.Textarea
    )


def document_links(bill: Bill, draft: BillDraft | None) -> list[dict]:
    """Every document with a link per format and variant, for a draft or the working state."""
    suffix = f"draft={draft.number}&" if draft is not None else ""
    rows = []
    for doc, label in DOCUMENT_KINDS:
        for variant, variant_label in VARIANTS:
            query = (suffix + variant).strip("&")
            links = [
                (
                    name,
                    reverse("drafting:export", kwargs={"pk": bill.pk, "doc": doc, "fmt": fmt})
                    + (f"?{query}" if query else ""),
                )
                for fmt, name in FORMATS
            ]
            rows.append({"label": label, "variant": variant_label, "links": links})
    return rows


def drafts_panel(request: HttpRequest, bill: Bill) -> dict:
    """The bill page's drafts section: issued drafts, the issue form, the papers that go with them."""
    drafts = list(bill.drafts.for_bill_page().order_by("-number"))
    can_issue = has_perm("drafting.issue_draft", request.user, bill)
    return {
        "drafts": drafts,
        "can_issue": can_issue,
        "issue_form": DraftIssueForm() if can_issue else None,
        "document_variants": document_links(bill, None),
        "comments_report_formats": REPORT_LINKS,
    }


def draft_for(bill: Bill, number) -> BillDraft:
    """The bill's draft with that number, or 404."""
    if not str(number).isdigit() or len(str(number)) > 9:
        raise Http404(_("No such draft."))
    draft = bill.drafts.select_related("issued_by", "bill").filter(number=int(number)).first()
    if draft is None:
        raise Http404(_("No such draft."))
    return draft


def optional_draft(bill: Bill, value: str | None) -> BillDraft | None:
    """?draft=N: that draft; absent, empty or "working": None (the working state)."""
    if value in (None, "", "working"):
        return None
    return draft_for(bill, value)


@login_required
@require_POST
def draft_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Freeze the bill into a new draft (drafters only)."""
    bill = bill_for(request, pk)
    if not has_perm("drafting.issue_draft", request.user, bill):
        raise PermissionDenied(_("Only drafters issue drafts."))
    form = DraftIssueForm(request.POST)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            draft = services.draft_issue(actor=request.user, bill=bill, **data)
        except ValidationError as exc:
            error = exc
        else:
            messages.success(request, _("Issued %(name)s.") % {"name": draft.name})
            return redirect(draft.get_absolute_url())
    from drafting.web.bills import _bill_context

    context = _bill_context(request, bill)
    context["issue_form"] = form
    context["issue_errors"] = error.messages if error else []
    return render(request, "drafting/bill.html", context, status=400)


@login_required
@require_GET
def draft_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One issued draft: its items, its documents, and what changed since the draft before."""
    bill = bill_for(request, pk)
    draft = draft_for(bill, number)
    data = state_data(bill, draft)
    previous = bill.drafts.filter(number__lt=draft.number).order_by("-number").first()
    changes = compare_states(state_data(bill, previous), data) if previous else []
    context = {
        "bill": bill,
        "draft": draft,
        "rows": data.provisions,
        "previous": previous,
        "changes": [(summary_zh(c), summary_en(c)) for c in changes],
        "documents": document_links(bill, draft),
        "comments_report_formats": REPORT_LINKS,
        "statement_formats": FORMATS,
    }
    return render(request, "drafting/draft.html", context)


def _redlines(changes) -> list:
    for change in changes:
        change.zh_html = mark_safe(
            redline_html(change.text_zh, id_prefix=f"c{change.provision_id}-")
        )  # noqa: S308
        change.en_html = mark_safe(
            redline_html(change.text_en, id_prefix=f"e{change.provision_id}-")
        )  # noqa: S308
        change.line_zh, change.line_en = summary_zh(change), summary_en(change)
    return changes


@login_required
@require_GET
def draft_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two drafts (or a draft and the working state) compared per article, with redlines."""
    bill = bill_for(request, pk)
    drafts = list(bill.drafts.order_by("number"))
    if not drafts:
        raise Http404(_("This bill has no issued draft yet."))
    first = optional_draft(bill, request.GET.get("a") or str(drafts[-1].number))
    second = optional_draft(bill, request.GET.get("b"))
    if first is None:
        first, second = second, first
    changes = _redlines(compare_states(state_data(bill, first), state_data(bill, second)))
    query = f"a={first.number if first else 'working'}&b={second.number if second else 'working'}"
    context = {
        "bill": bill,
        "drafts": drafts,
        "first": first,
        "second": second,
        "first_name": column_name(first),
        "second_name": column_name(second),
        "changes": changes,
        "three_column": [
            (
                name,
                reverse("drafting:three_column", kwargs={"pk": bill.pk, "fmt": fmt}) + "?" + query,
            )
            for fmt, name in FORMATS
        ],
    }
    return render(request, "drafting/draft_compare.html", context)


@document_csp
@login_required
@require_GET
def three_column(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """现行法 | draft ?a= | draft ?b= (or the working state) as HTML, PDF or Word."""
    if fmt not in dict(FORMATS):
        raise Http404(_("No such format."))
    bill = bill_for(request, pk)
    first = optional_draft(bill, request.GET.get("a"))
    second = optional_draft(bill, request.GET.get("b"))
    if first is None and second is None:
        return HttpResponse(_("Choose at least one draft (?a=N)."), status=400)
    export = ExportRequest(bill=bill, doc=THREE_COLUMN, fmt=fmt, first=first, second=second)
    return answer_export(request, export)


def file_response(result, fmt: str) -> HttpResponse:
    """An export as a file: HTML and PDF shown in the browser, the rest downloaded."""
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = content_disposition_header(
        fmt not in ("html", "pdf"), result.filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
