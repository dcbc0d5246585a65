"""The job page is for the members of the job's bill (or whoever asked for an import): 404 else."""

import uuid

import pytest
from django.test import Client

from drafting.models import BackgroundJob
from tests.drafting.conftest import TEXT
from tests.drafting.jobs.conftest import export_url, job_of

ROLES = ("anonymous", "outsider", "viewer", "reviewer", "drafter", "staff")


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def export_job(drafted, drafter, large):
    return job_of(client_for(drafter).get(export_url(drafted)))


@pytest.mark.parametrize("role", ROLES)
def test_an_export_job_is_for_the_bills_members_only(export_job, users_by_role, role):
    client = client_for(users_by_role[role])
    response = client.get(export_job.get_absolute_url())
    fragment = client.get(export_job.get_absolute_url(), headers={"HX-Request": "true"})
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert fragment.status_code == 403
    elif role in ("outsider", "staff"):
        assert response.status_code == 404 and fragment.status_code == 404
        assert "ready" not in response.text
    else:
        assert response.status_code == 200 and fragment.status_code == 200
        assert "The document is ready." in response.text


def test_a_member_removed_from_the_bill_no_longer_sees_its_jobs(export_job, drafted, viewer):
    drafted.memberships.filter(user=viewer).delete()
    assert client_for(viewer).get(export_job.get_absolute_url()).status_code == 404


def test_a_staff_superuser_who_is_not_a_member_gets_404(export_job, superuser):
    assert client_for(superuser).get(export_job.get_absolute_url()).status_code == 404


def test_an_unknown_job_is_404(drafter):
    client = client_for(drafter)
    assert client.get(f"/jobs/{uuid.uuid4()}/").status_code == 404
    assert client.get("/jobs/not-a-job/").status_code == 404
    assert client.get("/jobs/123/").status_code == 404


def test_the_job_page_is_read_only(export_job, drafter):
    assert client_for(drafter).post(export_job.get_absolute_url()).status_code == 405


def test_a_refused_import_is_shown_only_to_whoever_asked(settings, users_by_role, law):
    settings.BACKGROUND_IMPORT_CHARS = 10
    drafter, outsider = users_by_role["drafter"], users_by_role["outsider"]
    text = TEXT.replace("第三百六十条第二款", "第三百六十条第五款")
    response = client_for(outsider).post(
        "/bills/import/", {"target_instrument": "PRC-CL", "text": text}
    )
    job = job_of(response)
    assert job.bill is None and job.status == BackgroundJob.Status.FAILED
    assert client_for(outsider).get(job.get_absolute_url()).status_code == 200
    for user in (drafter, users_by_role["staff"]):
        assert client_for(user).get(job.get_absolute_url()).status_code == 404
