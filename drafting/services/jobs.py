"""Background jobs: record what a user asked for, and how far the task doing it got."""

import datetime

from django.db import transaction
from django.utils import timezone

from drafting.models import BackgroundJob, Bill

Job = BackgroundJob
STALE_AFTER = datetime.timedelta(minutes=10)
Status = BackgroundJob.Status


def job_export_start(*, actor, bill: Bill, slot: str, etag: str, params: dict) -> tuple[Job, bool]:
    """The job making this export of this bill state: a running one is reused, else a new one.

    Returns (job, created); the caller enqueues the task for a created job.
    """
    # A job older than that is not waited for: its worker may have been killed in the middle.
    since = timezone.now() - STALE_AFTER
    with transaction.atomic():
        running = (
            Job.objects.select_for_update()
            .filter(bill=bill, slot=slot, etag=etag, created_at__gte=since)
            .filter(status__in=[Status.QUEUED, Status.RUNNING])
            .first()
        )
        if running is not None:
            return running, False
        job = Job(
            kind=Job.Kind.EXPORT,
            bill=bill,
            requested_by=actor,
            slot=slot,
            etag=etag,
            params=params,
        )
        job.full_clean()
        job.save(force_insert=True)
    return job, True


def job_import_start(*, actor, params: dict) -> Job:
    """A job that will make a bill from an imported text (kept in params until the task runs)."""
    job = Job(kind=Job.Kind.IMPORT, requested_by=actor, params=params)
    job.full_clean()
    job.save(force_insert=True)
    return job


def job_set_task(*, job: Job, task_id: str) -> None:
    """Remember the backend's id of the task doing the job (for the logs and the admin)."""
    Job.objects.filter(pk=job.pk).update(task_id=str(task_id)[:64])


def job_progress(*, job_id, step: str, progress: int) -> None:
    """The task reached a step; written at once (outside any transaction of the work)."""
    Job.objects.filter(pk=job_id).exclude(status__in=[Status.DONE, Status.FAILED]).update(
        status=Status.RUNNING, step=step, progress=max(0, min(progress, 100))
    )


def _drop_imported_text(job_id) -> None:
    """An imported text is read once to make the bill and not kept (as the import page promises)."""
    Job.objects.filter(pk=job_id, kind=Job.Kind.IMPORT).update(params={})


@transaction.atomic
def job_finish(*, job_id, bill: Bill | None = None, messages: list[str] = ()) -> None:
    """Done: the export is in the cache, or the import made `bill`."""
    fields = {"bill": bill} if bill is not None else {}
    Job.objects.filter(pk=job_id).update(
        status=Status.DONE,
        step=Job.Step.DONE,
        progress=100,
        messages=list(messages),
        finished_at=timezone.now(),
        **fields,
    )
    _drop_imported_text(job_id)


@transaction.atomic
def job_fail(*, job_id, error: str, messages: list[str] = ()) -> None:
    """Failed: `error` names what went wrong (a code, shown translated on the job's page)."""
    Job.objects.filter(pk=job_id).update(
        status=Status.FAILED,
        error=error[:500],
        messages=list(messages),
        finished_at=timezone.now(),
    )
    _drop_imported_text(job_id)


def jobs_prune(*, older_than: datetime.timedelta) -> int:
    """Delete finished jobs (done or failed) that finished longer ago than that; returns how many.

    Their files stay in the export cache; only the record of who asked and how it went goes.
    """
    before = timezone.now() - older_than
    finished = Job.objects.filter(status__in=[Status.DONE, Status.FAILED], finished_at__lt=before)
    count, _by_model = finished.delete()
    return count
