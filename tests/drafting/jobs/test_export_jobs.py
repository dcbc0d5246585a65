"""Large exports are made by a task: the user follows a progress page, then downloads the file."""

import datetime

import pytest
from django.utils import timezone

from drafting.models import BackgroundJob, Bill, ExportFile, Provision
from tests.conftest import module_transaction
from tests.drafting.documents.builders import add_provision, draft_364
from tests.drafting.jobs.conftest import export_url, job_of
from tests.factories import ArticleFactory, BillFactory, UserFactory

Status = BackgroundJob.Status


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker) -> Bill:
    """The drafted bill of the conftest's `drafted`, made once for the module (rolled back)."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            bill = BillFactory(created_by=UserFactory(username="drafter1"))
            draft_364(bill)
        yield bill


@pytest.fixture
def drafter(shared, db):
    return shared.created_by


@pytest.fixture
def drafted(shared, db) -> Bill:
    """The module's bill, read afresh (services change the object); each test's writes roll back."""
    return Bill.objects.get(pk=shared.pk)


def test_a_small_export_still_answers_at_once(client, drafted, drafter):
    client.force_login(drafter)
    response = client.get(export_url(drafted))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert not BackgroundJob.objects.exists()


@pytest.mark.parametrize("fmt", ["html", "xml"])
def test_quick_formats_answer_at_once_whatever_the_size(client, drafted, drafter, large, fmt):
    client.force_login(drafter)
    assert client.get(export_url(drafted, "amendment", fmt)).status_code == 200
    assert not BackgroundJob.objects.exists()


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_large_export_is_made_by_a_task_and_then_served_from_the_cache(
    client, drafted, drafter, large, fmt, monkeypatch
):
    client.force_login(drafter)
    url = export_url(drafted, "comparison", fmt, "?comments=1")
    job = job_of(client.get(url))
    assert (job.kind, job.status, job.progress, job.bill) == ("export", Status.DONE, 100, drafted)
    assert job.requested_by == drafter and job.task_id
    assert ExportFile.objects.filter(bill=drafted, etag=job.etag).exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The document is ready." in page and 'value="100"' in page
    download = f"{export_url(drafted, 'comparison', fmt)}?comments=1&amp;obligations=1"
    assert f'href="{download}"' in page
    assert "hx-trigger" not in page  # finished: no more polling

    def never(*args, **kwargs):
        raise AssertionError("the cached file was made again")

    monkeypatch.setattr("drafting.documents.requests.export", never)
    response = client.get(download.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response.content == bytes(ExportFile.objects.get(bill=drafted).content)


def test_an_edit_after_the_job_makes_a_new_job_never_the_stale_file(
    client, drafted, drafter, large
):
    client.force_login(drafter)
    first = job_of(client.get(export_url(drafted)))
    target = ArticleFactory(instrument=drafted.target_instrument, number=365)
    add_provision(drafted, Provision.Operation.REPEAL_ARTICLE, target)
    second = job_of(client.get(export_url(drafted)))
    assert second.pk != first.pk and second.etag != first.etag
    assert ExportFile.objects.get(bill=drafted).etag == second.etag  # the old file made way


def test_a_waiting_job_is_reused_and_its_page_polls(client, drafted, drafter, large, dummy_tasks):
    client.force_login(drafter)
    job = job_of(client.get(export_url(drafted)))
    assert job_of(client.get(export_url(drafted))).pk == job.pk
    assert BackgroundJob.objects.count() == 1
    page = client.get(job.get_absolute_url()).content.decode()
    assert "<progress" in page and "Waiting for a worker" in page
    assert f'hx-get="{job.get_absolute_url()}" hx-trigger="every 1s"' in page
    assert f'href="{job.get_absolute_url()}"' in page  # a real link for pages without script
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section id="job-progress"') and "<html" not in fragment


def test_a_job_nobody_takes_says_that_no_worker_runs(client, drafted, drafter, large, dummy_tasks):
    client.force_login(drafter)
    job = job_of(client.get(export_url(drafted)))
    assert "No worker has taken this job yet" not in client.get(job.get_absolute_url()).text
    old = timezone.now() - datetime.timedelta(minutes=5)
    BackgroundJob.objects.filter(pk=job.pk).update(created_at=old)
    assert "No worker has taken this job yet" in client.get(job.get_absolute_url()).text


def test_progress_is_written_step_by_step(client, drafted, drafter, large, monkeypatch):
    seen = []
    from drafting import services

    real = services.job_progress

    def spy(**kwargs):
        seen.append((kwargs["step"], kwargs["progress"]))
        real(**kwargs)

    monkeypatch.setattr(services, "job_progress", spy)
    client.force_login(drafter)
    job_of(client.get(export_url(drafted)))
    assert [step for step, _ in seen] == ["loading", "building", "rendering", "storing"]
    assert [p for _, p in seen] == sorted(p for _, p in seen)


def failing(*args, **kwargs):
    raise RuntimeError("typesetting crashed")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The document could not be made. Try again"),
        ("zh-hans", "文件未能生成。请重试"),
    ],
)
def test_a_failed_task_shows_a_clear_error_in_the_users_language(
    client, drafted, drafter, large, monkeypatch, language, message
):
    monkeypatch.setattr("drafting.documents.requests.export", failing)
    client.force_login(drafter)
    job = job_of(client.get(export_url(drafted)))
    assert job.status == Status.FAILED and job.error == "export_failed"
    assert not ExportFile.objects.exists()
    page = client.get(job.get_absolute_url(), headers={"Accept-Language": language}).text
    assert message in page and "typesetting crashed" not in page
    assert f'href="{export_url(drafted)}?comments=0&amp;obligations=1"' in page  # try again


def test_a_draft_export_links_back_to_the_same_draft(client, drafted, drafter, large):
    from drafting import services

    draft = services.draft_issue(actor=drafter, bill=drafted, kind="consultation")
    client.force_login(drafter)
    job = job_of(client.get(export_url(drafted, "amendment", "pdf", f"?draft={draft.number}")))
    assert job.status == Status.DONE and job.params["draft"] == draft.number
    page = client.get(job.get_absolute_url()).text
    download = f"{export_url(drafted, 'amendment', 'pdf')}?comments=0&amp;obligations=0&amp;draft="
    assert f"{download}{draft.number}" in page
    response = client.get(f"{export_url(drafted, 'amendment', 'pdf')}?draft={draft.number}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_job_left_unfinished_for_long_is_not_waited_for(
    client, drafted, drafter, large, dummy_tasks
):
    """A worker killed in the middle leaves its job running; a later request starts afresh."""
    client.force_login(drafter)
    job = job_of(client.get(export_url(drafted)))
    old = timezone.now() - datetime.timedelta(minutes=11)
    BackgroundJob.objects.filter(pk=job.pk).update(status=Status.RUNNING, created_at=old)
    assert job_of(client.get(export_url(drafted))).pk != job.pk


def test_a_large_three_column_table_is_made_by_a_task_too(client, drafted, drafter, large):
    from django.urls import reverse

    from drafting import services

    draft = services.draft_issue(actor=drafter, bill=drafted, kind="consultation")
    client.force_login(drafter)
    url = reverse("drafting:three_column", kwargs={"pk": drafted.pk, "fmt": "docx"})
    job = job_of(client.get(f"{url}?a={draft.number}"))
    assert job.status == Status.DONE
    page = client.get(job.get_absolute_url()).text
    assert "Three-column table" in page and f'href="{url}?a={draft.number}"' in page
    response = client.get(f"{url}?a={draft.number}")
    assert response.status_code == 200 and response["ETag"].strip('"') == job.etag
    assert response.content == bytes(ExportFile.objects.get(bill=drafted).content)


def test_a_large_comments_report_is_made_by_a_task_and_a_disposition_renews_it(
    client, drafted, drafter, large
):
    from django.urls import reverse

    from drafting import services
    from drafting.text.anchoring import Anchor

    provision = drafted.provisions.get()
    text = provision.current_revision.text_zh
    start = text.index("传播")
    words = Anchor(language="zh", exact="传播", prefix="", suffix="", start=start, end=start + 2)
    thread = services.comment_create(
        actor=drafter,
        provision=provision,
        revision=provision.current_revision,
        body="意见。",
        anchor=words,
    )
    client.force_login(drafter)
    url = reverse("drafting:comments_report", kwargs={"pk": drafted.pk, "fmt": "xlsx"})
    job = job_of(client.get(url))
    assert job.status == Status.DONE
    assert f'href="{url}?"' in client.get(job.get_absolute_url()).text
    assert client.get(url)["ETag"].strip('"') == job.etag
    services.disposition_set(actor=drafter, comment=thread, kind="adopted", reason="采纳。")
    renewed = job_of(client.get(url))
    assert renewed.pk != job.pk and renewed.etag != job.etag


def test_the_progress_page_speaks_chinese(client, drafted, drafter, large, dummy_tasks):
    client.force_login(drafter)
    job = job_of(client.get(export_url(drafted)))
    page = client.get(job.get_absolute_url(), headers={"Accept-Language": "zh-hans"}).text
    assert "正在生成文件" in page and "等待后台任务进程" in page and "刷新" in page
    assert "修改对照表" in page and "在后台生成" in page


def test_the_job_page_costs_the_same_few_queries_whatever_the_bill(
    client, drafted, drafter, large, django_assert_max_num_queries
):
    client.force_login(drafter)
    job = job_of(client.get(export_url(drafted)))
    for number in range(370, 380):
        target = ArticleFactory(instrument=drafted.target_instrument, number=number)
        add_provision(drafted, Provision.Operation.REPEAL_ARTICLE, target)
    with django_assert_max_num_queries(6):
        assert client.get(job.get_absolute_url()).status_code == 200
