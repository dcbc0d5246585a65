"""Export the bill's documents (amendment, comparison table, consolidated law) as files."""

import rules
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from drafting.documents.cache import cached_export, export_etag
from drafting.documents.export import Export, default_obligations, export, is_available
from drafting.models import Bill
from drafting.web.common import login_required
from drafting.web.drafts import optional_draft

INLINE_FORMATS = {"html", "pdf"}  # shown in the browser; Word and XML are downloaded


def _flag(request: HttpRequest, name: str) -> bool | None:
    """?name=1 / ?name=0; None when absent, so the document's default applies."""
    value = request.GET.get(name)
    if value is None:
        return None
    return value.lower() in {"1", "true", "yes", "on"}


def _etags(header: str) -> set[str]:
    """The entity tags of an If-None-Match header (weak ones compared by their value)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


@login_required
@require_GET
def export_document(request: HttpRequest, pk: int, doc: str, fmt: str) -> HttpResponse:
    """One document of the bill in one format; members only (everyone else gets 404)."""
    if not is_available(doc, fmt):
        raise Http404("No such document or format.")
    bill = get_object_or_404(Bill.objects.for_documents(request.user), pk=pk)
    if not rules.has_perm("drafting.view_bill", request.user, bill):
        raise Http404("No such bill.")
    comments = bool(_flag(request, "comments"))
    obligations = _flag(request, "obligations")
    if obligations is None:
        obligations = default_obligations(doc)
    draft = optional_draft(bill, request.GET.get("draft"))
    slot = f"{doc}.{fmt}:comments={comments}:obligations={obligations}:draft={draft and draft.pk}"
    etag = export_etag(bill, slot, comments=comments, draft=draft)
    quoted = f'"{etag}"'
    if quoted in _etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
        response["ETag"] = quoted
        return response

    def render() -> Export:
        return export(bill, doc, fmt, comments=comments, obligations=obligations, draft=draft)

    result = cached_export(bill, slot, etag, render)
    response = HttpResponse(bytes(result.content), content_type=result.content_type)
    response["ETag"] = quoted
    response["Cache-Control"] = "private, no-cache"  # the browser keeps it but asks each time
    response["Content-Disposition"] = content_disposition_header(
        fmt not in INLINE_FORMATS, result.filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
