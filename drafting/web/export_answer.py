"""How every bill export is answered: 304 when the browser has it, the cached file when there is
one, a task and its progress page when the export is large, else the file made at once."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect
from django.utils.http import content_disposition_header

from drafting import services, tasks
from drafting.documents.cache import cached_export, stored_export
from drafting.documents.requests import ExportRequest

INLINE_FORMATS = {"html", "pdf"}  # shown in the browser; Word and XML are downloaded


def _etags(header: str) -> set[str]:
    """The entity tags of an If-None-Match header (weak ones compared by their value)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def in_background(export: ExportRequest) -> bool:
    """Large exports in slow formats are made by a task (see BACKGROUND_EXPORT_ROWS)."""
    if export.fmt not in settings.BACKGROUND_FORMATS:
        return False
    return export.rows() >= settings.BACKGROUND_EXPORT_ROWS


def answer_export(request: HttpRequest, export: ExportRequest) -> HttpResponse:
    """The export for a member of its bill (the caller checked that)."""
    bill, slot = export.bill, export.slot
    etag = export.etag()
    quoted = f'"{etag}"'
    if quoted in _etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
        response["ETag"] = quoted
        return response
    result = stored_export(bill, slot, etag)
    if result is None and in_background(export):
        job, created = services.job_export_start(
            actor=request.user, bill=bill, slot=slot, etag=etag, params=export.params()
        )
        if created:
            tasks.start(tasks.make_export, job)
        return redirect(job)
    if result is None:
        result = cached_export(bill, slot, etag, export.make)
    response = HttpResponse(bytes(result.content), content_type=result.content_type)
    response["ETag"] = quoted
    response["Cache-Control"] = "private, no-cache"  # the browser keeps it but asks each time
    response["Content-Disposition"] = content_disposition_header(
        export.fmt not in INLINE_FORMATS, result.filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
