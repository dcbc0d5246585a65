"""A bill with one provision, and exports counted as large from one row on."""

import pytest
from django.urls import reverse

from drafting.models import BackgroundJob
from tests.drafting.documents.builders import draft_364


@pytest.fixture
def drafted(bill):
    draft_364(bill)
    return bill


@pytest.fixture
def large(settings):
    """Every export in a slow format counts as large (the threshold is one row)."""
    settings.BACKGROUND_EXPORT_ROWS = 1


@pytest.fixture
def dummy_tasks(settings):
    """Tasks are queued and never run (no worker): the job stays waiting."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def export_url(bill, doc="comparison", fmt="pdf", query=""):
    return reverse("drafting:export", kwargs={"pk": bill.pk, "doc": doc, "fmt": fmt}) + query


def job_of(response) -> BackgroundJob:
    """The job a response redirected to."""
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith("/jobs/")
    return BackgroundJob.objects.get(pk=response["Location"].strip("/").split("/")[-1])
