"""The page of a background job: a progress bar (htmx polls it), then the download or the new bill."""

import datetime
from urllib.parse import urlencode

import rules
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from drafting.documents.requests import COMMENTS_REPORT, THREE_COLUMN
from drafting.models import BackgroundJob
from drafting.web.bills import DOCUMENTS, FORMATS
from drafting.web.common import is_htmx, login_required

Job = BackgroundJob
# What a failure says, in the reader's language (the job keeps only the code).
ERRORS = {
    "export_failed": _(
        "The document could not be made. Try again; if it fails again, tell the site's "
        "administrators (the error is in the task worker's log)."
    ),
    "import_refused": _("The text was not imported; nothing was made:"),
    "import_failed": _(
        "The import stopped with an error; nothing was made. Try again, or tell the site's "
        "administrators (the error is in the task worker's log)."
    ),
}
UNKNOWN_ERROR = _("The work stopped with an error.")
DOCUMENT_LABELS = dict(DOCUMENTS) | {
    THREE_COLUMN: _("Three-column table"),
    COMMENTS_REPORT: _("Table of comments and their handling (意见处理情况表)"),
}
# A job nobody has taken after this long probably has no worker to run it.
NO_WORKER_AFTER = datetime.timedelta(seconds=30)


def job_for(request: HttpRequest, pk) -> Job:
    """The job, for members of its bill (or whoever asked for an import); 404 for anyone else."""
    job = Job.objects.select_related("bill").filter(pk=pk).first()
    if job is None or not rules.has_perm("drafting.view_job", request.user, job):
        raise Http404("No such job.")
    return job


def result_url(job: Job) -> str | None:
    """Where the finished work is: the export's own URL (served from the cache), or the new bill."""
    if job.status != Job.Status.DONE:
        return None
    if job.kind == Job.Kind.IMPORT:
        return job.bill.get_absolute_url() if job.bill is not None else None
    return export_url(job)


def export_url(job: Job) -> str:
    """The URL the export was asked at (the same query), which then answers from the cache."""
    params = job.params
    kwargs = {"pk": job.bill_id, "fmt": params["fmt"]}
    if params["doc"] == THREE_COLUMN:
        query = {key: params[key] for key in ("a", "b") if params.get(key) is not None}
        return f"{reverse('drafting:three_column', kwargs=kwargs)}?{urlencode(query)}"
    if params["doc"] == COMMENTS_REPORT:
        query = {"draft": params["draft"]} if params.get("draft") is not None else {}
        return f"{reverse('drafting:comments_report', kwargs=kwargs)}?{urlencode(query)}"
    url = reverse("drafting:export", kwargs=kwargs | {"doc": params["doc"]})
    query = {"comments": int(params["comments"]), "obligations": int(params["obligations"])}
    if params.get("draft") is not None:
        query["draft"] = params["draft"]
    return f"{url}?{urlencode(query)}"


def context(job: Job) -> dict:
    waiting = job.status == Job.Status.QUEUED
    return {
        "job": job,
        "doc_label": DOCUMENT_LABELS.get(job.params.get("doc"), ""),
        "fmt_label": dict(FORMATS).get(job.params.get("fmt"), ""),
        "result_url": result_url(job),
        "retry_url": export_url(job)
        if job.kind == Job.Kind.EXPORT
        else reverse("drafting:bill_import"),
        "error": ERRORS.get(job.error, UNKNOWN_ERROR) if job.status == Job.Status.FAILED else "",
        "no_worker": waiting and timezone.now() - job.created_at > NO_WORKER_AFTER,
    }


@login_required
@require_GET
def job_detail(request: HttpRequest, pk) -> HttpResponse:
    """The job's page; htmx asks for the progress fragment alone, every second until it ends."""
    job = job_for(request, pk)
    template = "drafting/job.html"
    if is_htmx(request):
        template += "#progress"
    return TemplateResponse(request, template, context(job))
