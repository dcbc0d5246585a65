"""Dispositions of comments (意见处理), the 意见处理情况表 and the 草案说明 in the browser."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules import has_perm

from drafting import services
from drafting.documents.papers import REPORT_FORMATS, build_statement, export_statement
from drafting.documents.requests import COMMENTS_REPORT, ExportRequest
from drafting.documents.statement import SECTIONS, text_hash
from drafting.models import Comment, DispositionKind
from drafting.web.common import bill_for, document_csp, login_required
from drafting.web.drafts import FORMATS, REPORT_LINKS, file_response, optional_draft
from drafting.web.export_answer import answer_export
from drafting.web.provisions import _thread_action

STATEMENT_LINKS = FORMATS
DISPOSITION_FILTERS = ("open", "disposed", "major")


class DispositionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Disposition"), choices=DispositionKind.choices)
    reason = forms.CharField(
        label=gettext_lazy("Reason (required unless adopted)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    major_disagreement = forms.BooleanField(
        label=gettext_lazy("Major disagreement (重大分歧)"), required=False
    )


class StatementForm(forms.Form):
    section = forms.ChoiceField(choices=[(s, s) for s in SECTIONS])
    language = forms.ChoiceField(choices=[("zh", "zh"), ("en", "en")])
    text = forms.CharField(max_length=200_000, strip=False)
    version = forms.IntegerField(min_value=0)


@login_required
@require_POST
def comment_dispose(request: HttpRequest, pk: int) -> HttpResponse:
    """Record what was done with a thread (drafters); errors show at the thread."""
    form = DispositionForm(request.POST)

    def dispose(comment: Comment) -> None:
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        services.disposition_set(actor=request.user, comment=comment, **form.cleaned_data)

    return _thread_action(request, pk, "drafting.dispose_comment", dispose)


@login_required
@require_GET
def dispositions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every thread of the bill with its disposition, filtered: open, disposed by kind, major."""
    bill = bill_for(request, pk)
    state = request.GET.get("state", "")
    kind = request.GET.get("kind", "")
    if (state and state not in DISPOSITION_FILTERS) or (
        kind and kind not in DispositionKind.values
    ):
        return HttpResponse(_("Unknown filter."), status=400)
    context = {
        "bill": bill,
        "threads": list(Comment.objects.for_dispositions(bill, state=state, kind=kind)),
        "state": state,
        "kind": kind,
        "kinds": DispositionKind.choices,
        "report_links": REPORT_LINKS,
    }
    return render(request, "drafting/dispositions.html", context)


@document_csp
@login_required
@require_GET
def comments_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The 意见处理情况表 of the bill or of ?draft=N."""
    if fmt not in REPORT_FORMATS or fmt == "xml":
        raise Http404(_("No such format."))
    bill = bill_for(request, pk)
    draft = optional_draft(bill, request.GET.get("draft"))
    export = ExportRequest(bill=bill, doc=COMMENTS_REPORT, fmt=fmt, comments=True, draft=draft)
    return answer_export(request, export)


@document_csp
@login_required
@require_GET
def statement_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The 草案说明 of the bill or of ?draft=N as HTML, PDF or Word."""
    if fmt not in dict(STATEMENT_LINKS):
        raise Http404(_("No such format."))
    bill = bill_for(request, pk)
    draft = optional_draft(bill, request.GET.get("draft"))
    return file_response(export_statement(bill, fmt, draft), fmt)


def _statement_page(request, bill, draft, *, errors=None, status=200) -> HttpResponse:
    statement = build_statement(bill, draft)
    context = {
        "bill": bill,
        "draft": draft,
        "drafts": list(bill.drafts.order_by("number")),
        "statement": statement,
        "can_edit": has_perm("drafting.edit_statement", request.user, bill),
        "errors": errors or [],
        "formats": STATEMENT_LINKS,
        "query": f"?draft={draft.number}" if draft else "",
    }
    return render(request, "drafting/statement.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def statement(request: HttpRequest, pk: int) -> HttpResponse:
    """The 说明 of the working state or of ?draft=N; drafters edit a section per language."""
    bill = bill_for(request, pk)
    draft = optional_draft(bill, request.GET.get("draft"))
    if request.method == "GET":
        return _statement_page(request, bill, draft)
    if not has_perm("drafting.edit_statement", request.user, bill):
        raise PermissionDenied(_("Only drafters edit the explanatory statement."))
    form = StatementForm(request.POST)
    if not form.is_valid():
        errors = [m for errs in form.errors.values() for m in errs]
        return _statement_page(request, bill, draft, errors=errors, status=400)
    data = form.cleaned_data
    current = build_statement(bill, draft)
    generated = current.section(data["section"]).generated(data["language"])
    try:
        services.statement_edit(
            actor=request.user,
            bill=bill,
            draft=draft,
            section=data["section"],
            language=data["language"],
            text=data["text"].replace("\r\n", "\n"),
            generated_hash=text_hash(generated),
            base_number=data["version"],
        )
    except services.StaleStatementError as exc:
        return _statement_page(request, bill, draft, errors=[str(exc)], status=409)
    except ValidationError as exc:
        return _statement_page(request, bill, draft, errors=exc.messages, status=400)
    messages.success(request, _("Section saved."))
    url = reverse("drafting:statement", kwargs={"pk": bill.pk})
    query = f"?draft={draft.number}" if draft else ""
    return redirect(f"{url}{query}#section-{data['section']}")
