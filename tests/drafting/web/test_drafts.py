"""Drafts, dispositions, the 意见处理情况表 and the 说明 in the browser: who may, bad input, queries."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from drafting import services
from drafting.models import BillDraft, CommentDisposition, DraftKind, StatementEdit
from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.conftest import (
    counts_before_and_after,
    queries_of,
    rolled_back,
    signed_in_as,
    thread_on,
)
from tests.factories import BillFactory, ProvisionFactory

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "outsider", "staff", "viewer", "reviewer", "drafter")

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()


@pytest.fixture
def issued(bill, drafter):
    provisions = [ProvisionFactory(bill=bill, revisions=2) for _ in range(2)]
    draft = services.draft_issue(actor=drafter, bill=bill, kind=DraftKind.CONSULTATION)
    return provisions, draft


def read_urls(bill, draft, thread):
    pk = bill.pk
    return [
        reverse("drafting:draft", kwargs={"pk": pk, "number": draft.number}),
        reverse("drafting:draft_compare", kwargs={"pk": pk}) + "?a=1&b=working",
        reverse("drafting:three_column", kwargs={"pk": pk, "fmt": "html"}) + "?a=1",
        reverse("drafting:three_column", kwargs={"pk": pk, "fmt": "docx"}) + "?a=1",
        reverse("drafting:export", kwargs={"pk": pk, "doc": "amendment", "fmt": "html"})
        + "?draft=1",
        reverse("drafting:dispositions", kwargs={"pk": pk}) + "?state=open",
        reverse("drafting:comments_report", kwargs={"pk": pk, "fmt": "xlsx"}),
        reverse("drafting:comments_report", kwargs={"pk": pk, "fmt": "csv"}) + "?draft=1",
        reverse("drafting:statement", kwargs={"pk": pk}) + "?draft=1",
        reverse("drafting:statement_export", kwargs={"pk": pk, "fmt": "docx"}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_read_matrix(client, role, users_by_role, bill, issued, drafter):
    thread = thread_on(issued[0][0], drafter)
    client = signed_in_as(client, users_by_role[role])
    for url in read_urls(bill, issued[1], thread):
        status = client.get(url).status_code
        if role == "anonymous":
            assert status == 302, url
        elif role in ("outsider", "staff"):
            assert status == 404, url
        else:
            assert status == 200, url


@pytest.mark.parametrize("role", ROLES)
def test_write_matrix(client, role, users_by_role, bill, issued, reviewer):
    thread = thread_on(issued[0][0], reviewer)
    client = signed_in_as(client, users_by_role[role])
    issue = client.post(
        reverse("drafting:draft_issue", kwargs={"pk": bill.pk}), {"kind": "first_reading"}
    )
    dispose = client.post(
        reverse("drafting:comment_dispose", kwargs={"pk": thread.pk}), {"kind": "adopted"}
    )
    edit = client.post(
        reverse("drafting:statement", kwargs={"pk": bill.pk}),
        {"section": "necessity", "language": "zh", "text": "必要。", "version": 0},
    )
    expected = {"anonymous": 302, "outsider": 404, "staff": 404, "viewer": 403, "reviewer": 403}
    if role == "drafter":
        assert (issue.status_code, dispose.status_code, edit.status_code) == (302, 302, 302)
        assert BillDraft.objects.count() == 2
        assert CommentDisposition.objects.count() == StatementEdit.objects.count() == 1
        return
    assert {issue.status_code, dispose.status_code, edit.status_code} == {expected[role]}
    assert BillDraft.objects.count() == 1
    assert not CommentDisposition.objects.exists() and not StatementEdit.objects.exists()


def test_bill_page_lists_drafts_and_the_papers(client, bill, drafter, issued):
    client.force_login(drafter)
    page = client.get(bill.get_absolute_url()).content.decode()
    assert "征求意见稿" in page and "Issue a draft" in page
    assert "comments=1" in page and "obligations=1" in page
    assert reverse("drafting:comments_report", kwargs={"pk": bill.pk, "fmt": "xlsx"}) in page


def test_issuing_an_empty_bill_is_refused(client, drafter):
    bill = BillFactory(created_by=drafter)
    client.force_login(drafter)
    response = client.post(
        reverse("drafting:draft_issue", kwargs={"pk": bill.pk}), {"kind": "consultation"}
    )
    assert response.status_code == 400
    assert "nothing to issue" in response.content.decode()
    assert not BillDraft.objects.exists()


def test_bad_issue_form_changes_nothing(client, bill, drafter, issued):
    client.force_login(drafter)
    for data in ({"kind": "nonsense"}, {"kind": "other"}, {"kind": "other", "date": "31/02"}):
        response = client.post(reverse("drafting:draft_issue", kwargs={"pk": bill.pk}), data)
        assert response.status_code == 400
    assert BillDraft.objects.count() == 1


def test_bad_draft_numbers_and_filters(client, bill, drafter, issued):
    client.force_login(drafter)
    pk = bill.pk
    assert client.get(reverse("drafting:draft", kwargs={"pk": pk, "number": 9})).status_code == 404
    url = reverse("drafting:three_column", kwargs={"pk": pk, "fmt": "html"})
    assert client.get(url + "?a=abc").status_code == 404
    assert client.get(url).status_code == 400
    other = BillFactory(created_by=drafter)
    ProvisionFactory(bill=other)
    services.draft_issue(actor=drafter, bill=other, kind="consultation")
    services.draft_issue(actor=drafter, bill=other, kind="first_reading")
    assert client.get(url + "?a=2").status_code == 404  # draft 2 is the other bill's
    dispositions = reverse("drafting:dispositions", kwargs={"pk": pk})
    assert client.get(dispositions + "?state=zzz").status_code == 400


def test_disposition_form_errors_change_nothing(client, bill, drafter, reviewer, issued):
    thread = thread_on(issued[0][0], reviewer)
    reply = services.comment_reply(actor=reviewer, parent=thread, body="补充")
    client.force_login(drafter)
    url = reverse("drafting:comment_dispose", kwargs={"pk": thread.pk})
    assert client.post(url, {"kind": "not_adopted"}).status_code == 400
    assert client.post(url, {"kind": "zzz", "reason": "x"}).status_code == 400
    reply_url = reverse("drafting:comment_dispose", kwargs={"pk": reply.pk})
    assert client.post(reply_url, {"kind": "adopted"}).status_code == 400
    assert not CommentDisposition.objects.exists()
    client.post(
        url, {"kind": "not_adopted", "reason": "与刑法体系不符。", "major_disagreement": "on"}
    )
    page = client.get(issued[0][0].get_absolute_url()).content.decode()
    assert "与刑法体系不符。" in page and "major disagreement" in page


def test_comments_report_rows_match_the_comments(client, bill, drafter, reviewer, issued):
    first = issued[0][0]
    threads = [thread_on(first, reviewer) for _ in range(3)]
    services.comment_reply(actor=reviewer, parent=threads[0], body="补充一")
    services.comment_reply(actor=drafter, parent=threads[0], body="答复")
    hidden = thread_on(first, reviewer)
    hidden.hidden = True
    hidden.save()
    services.disposition_set(actor=drafter, comment=threads[1], kind="later", reason="另行研究。")
    client.force_login(reviewer)
    xlsx = client.get(reverse("drafting:comments_report", kwargs={"pk": bill.pk, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 1 + 5  # header, three threads and two replies; the hidden one is out
    assert sheet.auto_filter.ref == "A1:N6"
    text = client.get(reverse("drafting:comments_report", kwargs={"pk": bill.pk, "fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"))))
    assert len(rows) == 6 and "另行研究" in {r[10] for r in rows}
    html = client.get(reverse("drafting:comments_report", kwargs={"pk": bill.pk, "fmt": "html"}))
    assert html.content.decode().count('class="report-row') == 5
    assert "另有1条被管理员隐藏" in html.content.decode()
    docx = client.get(reverse("drafting:comments_report", kwargs={"pk": bill.pk, "fmt": "docx"}))
    assert len(Document(io.BytesIO(docx.content)).tables[0].rows) == 6


def test_statement_edit_is_kept_and_stale_edits_are_refused(client, bill, drafter, issued):
    client.force_login(drafter)
    url = reverse("drafting:statement", kwargs={"pk": bill.pk}) + "?draft=1"
    page = client.get(url).content.decode()
    for heading in ("必要性", "可行性", "主要内容", "合宪性", "重大分歧"):
        assert heading in page
    data = {"section": "feasibility", "language": "zh", "text": "可行。\r\n第二段。", "version": 0}
    assert client.post(url, data).status_code == 302
    assert StatementEdit.objects.get().text == "可行。\n第二段。"
    assert client.post(url, {**data, "text": "旧稿覆盖"}).status_code == 409
    assert StatementEdit.objects.count() == 1
    docx = client.get(
        reverse("drafting:statement_export", kwargs={"pk": bill.pk, "fmt": "docx"}) + "?draft=1"
    )
    assert "第二段。" in [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    working = client.get(reverse("drafting:statement", kwargs={"pk": bill.pk})).content.decode()
    assert "第二段。" not in working  # the edit belongs to draft 1


def grow_threads(bill, drafter, reviewer, n: int) -> None:
    """n provisions, each with a thread, a reply and a disposition."""
    for _ in range(n):
        thread = thread_on(ProvisionFactory(bill=bill, revisions=2), reviewer)
        services.comment_reply(actor=reviewer, parent=thread, body="再议")
        services.disposition_set(actor=drafter, comment=thread, kind="partly", reason="部分。")


@pytest.fixture(scope="module")
def growth_counts(module_rows, django_db_blocker) -> dict[str, list[int]]:
    """Per page, its queries before six more provisions with threads and after: two drafts of
    two provisions each with a thread first. Measured once for all pages and rolled back."""
    bill, drafter, reviewer = (module_rows[k] for k in ("bill", "drafter", "reviewer"))
    pk = bill.pk
    urls = {
        "dispositions": reverse("drafting:dispositions", kwargs={"pk": pk}),
        "comments_report": reverse("drafting:comments_report", kwargs={"pk": pk, "fmt": "xlsx"})
        + "?draft=2",
        "draft": reverse("drafting:draft", kwargs={"pk": pk, "number": 2}),
        "draft_compare": reverse("drafting:draft_compare", kwargs={"pk": pk}) + "?a=1&b=working",
        "statement": reverse("drafting:statement", kwargs={"pk": pk}),
    }
    with rolled_back(django_db_blocker):
        for p in [ProvisionFactory(bill=bill, revisions=2) for _ in range(2)]:
            thread_on(p, reviewer)
        services.draft_issue(actor=drafter, bill=bill, kind=DraftKind.CONSULTATION)
        services.draft_issue(actor=drafter, bill=bill, kind=DraftKind.FIRST_READING)
        client = Client()
        client.force_login(drafter)
        return counts_before_and_after(
            client, urls, lambda: grow_threads(bill, drafter, reviewer, 6)
        )


@pytest.mark.parametrize(
    "name", ["dispositions", "comments_report", "draft", "draft_compare", "statement"]
)
def test_query_counts_do_not_grow(growth_counts, name):
    """The page costs as many queries after six more provisions with threads as before."""
    before, after = growth_counts[name]
    assert after == before


@pytest.fixture(scope="module")
def draft_counts(module_rows, django_db_blocker) -> dict[str, list[int]]:
    """Per page, its queries for draft 2 (2 provisions with threads) and draft 3 (9 of them)."""
    bill, drafter, reviewer = (module_rows[k] for k in ("bill", "drafter", "reviewer"))
    pk = bill.pk

    def urls(number: int) -> dict[str, str]:
        return {
            "draft": reverse("drafting:draft", kwargs={"pk": pk, "number": number}),
            "comments_report": reverse("drafting:comments_report", kwargs={"pk": pk, "fmt": "html"})
            + f"?draft={number}",
            "three_column": reverse("drafting:three_column", kwargs={"pk": pk, "fmt": "html"})
            + f"?a=1&b={number}",
        }

    with rolled_back(django_db_blocker):
        grow_threads(bill, drafter, reviewer, 2)
        services.draft_issue(actor=drafter, bill=bill, kind=DraftKind.CONSULTATION)
        services.draft_issue(actor=drafter, bill=bill, kind=DraftKind.FIRST_READING)
        grow_threads(bill, drafter, reviewer, 7)
        services.draft_issue(actor=drafter, bill=bill, kind=DraftKind.SECOND_READING)
        client = Client()
        client.force_login(drafter)
        counts = {name: [queries_of(client, url)] for name, url in urls(2).items()}
        for name, url in urls(3).items():
            counts[name].append(queries_of(client, url))
        return counts


@pytest.mark.parametrize("name", ["draft", "comments_report", "three_column"])
def test_a_bigger_draft_costs_the_same_queries(draft_counts, name):
    """A draft of nine provisions with threads costs the queries of one of two."""
    smaller, bigger = draft_counts[name]
    assert smaller == bigger
