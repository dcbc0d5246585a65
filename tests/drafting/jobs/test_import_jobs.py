"""A long 修正案 text is imported by a task; the page then links to the new bill."""

import pytest
from django.test import Client

from drafting.models import BackgroundJob, Bill, Provision
from tests.drafting.conftest import TEXT
from tests.drafting.jobs.conftest import job_of

URL = "/bills/import/"


@pytest.fixture
def long_texts(settings):
    settings.BACKGROUND_IMPORT_CHARS = 10


def post(user, text, language="en"):
    client = Client()
    client.force_login(user)
    data = {"target_instrument": "PRC-CL", "text": text}
    return client, client.post(URL, data, headers={"Accept-Language": language})


def test_a_short_text_is_still_imported_at_once(drafter, law):
    _, response = post(drafter, TEXT)
    assert response.status_code == 302 and response["Location"].startswith("/bills/")
    assert not BackgroundJob.objects.exists()


def test_a_long_text_is_imported_by_a_task_and_the_page_opens_the_bill(drafter, law, long_texts):
    client, response = post(drafter, TEXT)
    job = job_of(response)
    bill = job.bill
    assert (job.kind, job.status) == ("import", "done")
    assert bill.provisions.count() == 4 and bill.memberships.get().user == drafter
    assert job.params == {}  # the text was read once and not kept
    page = client.get(job.get_absolute_url()).text
    assert "The bill was made." in page and f'href="{bill.get_absolute_url()}"' in page


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("en", "The text was not imported; nothing was made:"),
        ("zh-hans", "文本未导入，未作任何改动："),
    ],
)
def test_a_refused_text_changes_nothing_and_says_why_in_the_users_language(
    drafter, law, long_texts, language, reason
):
    before = (Bill.objects.count(), Provision.objects.count())
    text = TEXT.replace("第三百六十条第二款", "第三百六十条第五款")
    client, response = post(drafter, text, language)
    job = job_of(response)
    assert job.status == "failed" and job.error == "import_refused"
    assert (Bill.objects.count(), Provision.objects.count()) == before
    assert job.params == {}
    page = client.get(job.get_absolute_url(), headers={"Accept-Language": language}).text
    assert reason in page
    assert "第三百六十条" in page  # the reason itself, as the service gave it
    assert 'href="/bills/import/"' in page  # try again


def test_a_crashed_import_fails_cleanly(drafter, law, long_texts, monkeypatch):
    def crash(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr("drafting.services.bill_import_amendment", crash)
    client, response = post(drafter, TEXT)
    job = job_of(response)
    assert job.status == "failed" and job.error == "import_failed" and job.params == {}
    assert (
        "The import stopped with an error; nothing was made."
        in client.get(job.get_absolute_url()).text
    )
