"""With django-tasks-db (production's backend) the job waits in the database until a worker runs."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from drafting.models import BackgroundJob, ExportFile
from tests.drafting.jobs.conftest import export_url, job_of


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_drains_the_queue_and_the_page_then_offers_the_file(
    client, drafted, drafter, large, database_tasks
):
    client.force_login(drafter)
    job = job_of(client.get(export_url(drafted)))
    assert job.status == BackgroundJob.Status.QUEUED and not ExportFile.objects.exists()
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.task_path == "drafting.tasks.make_export" and task.status == "READY"
    assert "Waiting for a worker" in client.get(job.get_absolute_url()).text

    call_command("db_worker", batch=True, startup_delay=False, interval=0.1, verbosity=0)

    job.refresh_from_db()
    task.refresh_from_db()
    assert (job.status, job.progress, task.status) == ("done", 100, "SUCCESSFUL")
    assert "The document is ready." in client.get(job.get_absolute_url()).text
    response = client.get(export_url(drafted))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == bytes(ExportFile.objects.get(bill=drafted).content)
