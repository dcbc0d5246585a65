"""Export the bill's documents (amendment, comparison table, consolidated law) as files.

A file already made for the bill's current state is served from the export cache; a small one is
made at once; a large one in a slow format is made by a task, and the user is sent to its progress
page, which links back here once the file is in the cache.
"""

import rules
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from drafting import services, tasks
from drafting.documents.cache import (
    cached_export,
    export_etag,
    export_rows,
    export_slot,
    stored_export,
)
from drafting.documents.export import Export, default_obligations, export, is_available
from drafting.models import Bill
from drafting.web.common import document_csp, login_required
from drafting.web.drafts import optional_draft

INLINE_FORMATS = {"html", "pdf"}  # shown in the browser; Word and XML are downloaded


def _flag(request: HttpRequest, name: str) -> bool | None:
    """?name=1 / ?name=0; None when absent, so the document's default applies."""
    value = request.GET.get(name)
    if value is None:
        return None
    return value.lower() in {"1", "true", "yes", "on"}


def _in_background(bill, fmt: str, comments: bool) -> bool:
    """Large documents in slow formats are made by a task (see BACKGROUND_EXPORT_ROWS)."""
    if fmt not in settings.BACKGROUND_FORMATS:
        return False
    return export_rows(bill, comments=comments) >= settings.BACKGROUND_EXPORT_ROWS


def _etags(header: str) -> set[str]:
    """The entity tags of an If-None-Match header (weak ones compared by their value)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


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
    comments = bool(_flag(request, "comments"))
    obligations = _flag(request, "obligations")
    if obligations is None:
        obligations = default_obligations(doc)
    draft = optional_draft(bill, request.GET.get("draft"))
    slot = export_slot(doc, fmt, comments=comments, obligations=obligations, draft=draft)
    etag = export_etag(bill, slot, comments=comments, draft=draft)
    quoted = f'"{etag}"'
    if quoted in _etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
        response["ETag"] = quoted
        return response
    result = stored_export(bill, slot, etag)
    if result is None and _in_background(bill, fmt, comments):
        params = {"doc": doc, "fmt": fmt, "comments": comments, "obligations": obligations}
        params |= {"draft": draft and draft.pk, "draft_number": draft and draft.number}
        job, created = services.job_export_start(
            actor=request.user, bill=bill, slot=slot, etag=etag, params=params
        )
        if created:
            tasks.start(tasks.make_export, job)
        return redirect(job)

    def render() -> Export:
        return export(bill, doc, fmt, comments=comments, obligations=obligations, draft=draft)

    if result is None:
        result = cached_export(bill, slot, etag, render)
    response = HttpResponse(bytes(result.content), content_type=result.content_type)
    response["ETag"] = quoted
    response["Cache-Control"] = "private, no-cache"  # the browser keeps it but asks each time
    response["Content-Disposition"] = content_disposition_header(
        fmt not in INLINE_FORMATS, result.filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
