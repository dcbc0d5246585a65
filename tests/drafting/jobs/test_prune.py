"""manage.py prune_jobs: finished jobs older than the limit go; running, recent and files stay."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from drafting.models import BackgroundJob

pytestmark = pytest.mark.django_db
Status = BackgroundJob.Status


def job(user, status, finished_days_ago=None) -> BackgroundJob:
    made = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.IMPORT, requested_by=user, status=status, params={}
    )
    if finished_days_ago is not None:
        finished = timezone.now() - datetime.timedelta(days=finished_days_ago)
        BackgroundJob.objects.filter(pk=made.pk).update(finished_at=finished)
    return made


def test_only_finished_jobs_past_the_limit_are_deleted(drafter):
    old_done = job(drafter, Status.DONE, 40)
    old_failed = job(drafter, Status.FAILED, 31)
    recent = job(drafter, Status.DONE, 2)
    running = job(drafter, Status.RUNNING)
    out = io.StringIO()

    call_command("prune_jobs", "--days", "30", stdout=out)

    left = set(BackgroundJob.objects.values_list("pk", flat=True))
    assert left == {recent.pk, running.pk}
    assert old_done.pk not in left and old_failed.pk not in left
    assert "Deleted 2 finished background jobs older than 30 days." in out.getvalue()


def test_a_nonsense_limit_is_refused_and_deletes_nothing(drafter):
    job(drafter, Status.DONE, 400)
    with pytest.raises(CommandError, match="between 0 and 36500"):
        call_command("prune_jobs", "--days", "-1")
    assert BackgroundJob.objects.count() == 1
