"""Export the bill's documents (amendment, comparison table, consolidated law) as files.

A file already made for the bill's current state is served from the export cache; a small one is
made at once; a large one in a slow format is made by a task, and the user is sent to its progress
page, which links back here once the file is in the cache (drafting/web/export_answer.py).
"""

import rules
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from drafting.documents.export import default_obligations, is_available
from drafting.documents.requests import ExportRequest
from drafting.models import Bill
from drafting.web.common import document_csp, login_required
from drafting.web.drafts import optional_draft
from drafting.web.export_answer import answer_export


def _flag(request: HttpRequest, name: str) -> bool | None:
    """?name=1 / ?name=0; None when absent, so the document's default applies."""
    value = request.GET.get(name)
    if value is None:
        return None
    return value.lower() in {"1", "true", "yes", "on"}


@document_csp
@login_required
@require_GET
def export_document(request: HttpRequest, pk: int, doc: str, fmt: str) -> HttpResponse:
    """One document of the bill in one format; members only (everyone else gets 404)."""
    if not is_available(doc, fmt):
        raise Http404("No such document or format.")
    bill = get_object_or_404(Bill.objects.for_documents(request.user), pk=pk)
    if not rules.has_perm("drafting.view_bill", request.user, bill):
        raise Http404("No such bill.")
    obligations = _flag(request, "obligations")
    export = ExportRequest(
        bill=bill,
        doc=doc,
        fmt=fmt,
        comments=bool(_flag(request, "comments")),
        obligations=default_obligations(doc) if obligations is None else obligations,
        draft=optional_draft(bill, request.GET.get("draft")),
    )
    return answer_export(request, export)
