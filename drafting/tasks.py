"""The long work the task worker does (django.tasks; django-tasks-db's worker in production).

Each task takes the id of a BackgroundJob, does the work and writes its progress and its end there,
so the job's page can show a progress bar, then the download (exports) or the new bill (imports).
"""

from django.core.exceptions import ValidationError
from django.tasks import task
from django.utils import translation

from drafting import services
from drafting.documents.cache import cached_export
from drafting.documents.requests import ExportRequest
from drafting.models import BackgroundJob
from proposals.models import Instrument

Step = BackgroundJob.Step
# How far along each step of an export is, in percent (typesetting takes most of the time).
EXPORT_STEPS = {
    "loading": (Step.LOADING, 5),
    "building": (Step.BUILDING, 30),
    "rendering": (Step.RENDERING, 45),
}


def start(job_task, job: BackgroundJob) -> None:
    """Hand the job to the task backend (the immediate backend runs it here and now)."""
    result = job_task.enqueue(str(job.pk))
    services.job_set_task(job=job, task_id=result.id)


def _open_job(job_id: str) -> BackgroundJob | None:
    """The job, unless it is gone (its bill was deleted) or already finished (a repeated task)."""
    job = BackgroundJob.objects.select_related("bill", "requested_by").filter(pk=job_id).first()
    return None if job is None or job.is_finished else job


def _make_export(job: BackgroundJob) -> None:
    export = ExportRequest.from_params(job.bill, job.params)
    # The bill may have changed since the request: the file is kept under the state it is made of.
    etag = export.etag()

    def on_step(name: str) -> None:
        step, percent = EXPORT_STEPS[name]
        services.job_progress(job_id=job.pk, step=step, progress=percent)

    def make():
        result = export.make(on_step)
        services.job_progress(job_id=job.pk, step=Step.STORING, progress=90)
        return result

    cached_export(job.bill, export.slot, etag, make)


@task
def make_export(job_id: str) -> None:
    """Make one export of a bill and keep it in the export cache (ExportFile)."""
    job = _open_job(job_id)
    if job is None:
        return
    try:
        _make_export(job)
    except Exception:
        services.job_fail(job_id=job.pk, error="export_failed")
        raise  # the backend records the traceback
    services.job_finish(job_id=job.pk)


def _import(job: BackgroundJob) -> None:
    params = job.params
    services.job_progress(job_id=job.pk, step=Step.PARSING, progress=10)
    try:
        bill, warnings = services.bill_import_amendment(
            actor=job.requested_by,
            target_instrument=Instrument.objects.get(code=params["target_instrument"]),
            text=params["text"],
            title_zh=params.get("title_zh", ""),
            title_en=params.get("title_en", ""),
        )
    except ValidationError as error:
        services.job_fail(job_id=job.pk, error="import_refused", messages=error.messages)
        return
    services.job_finish(job_id=job.pk, bill=bill, messages=[str(w) for w in warnings])


@task
def import_amendment(job_id: str) -> None:
    """Make a bill from a long 修正案 text; its messages in the language of whoever asked."""
    job = _open_job(job_id)
    if job is None:
        return
    try:
        with translation.override(job.params.get("language")):
            _import(job)
    except Exception:
        services.job_fail(job_id=job.pk, error="import_failed")
        raise
