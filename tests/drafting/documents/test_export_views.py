"""Export URLs: members only, right content type and file name, 404 for anything unknown."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from drafting.documents.export import BILL_TIME_ZONE
from drafting.models import Provision
from tests.drafting.documents.builders import add_provision, link
from tests.factories import ArticleFactory, ObligationFactory

Op = Provision.Operation
EXPORTS = [
    (doc, fmt)
    for doc in ("amendment", "comparison", "consolidated")
    for fmt in ("html", "pdf", "docx")
] + [("amendment", "xml")]
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xml": "application/akn+xml",
}
MEMBERS = ("viewer", "reviewer", "drafter")


@pytest.fixture
def drafted(bill):
    target = ArticleFactory(instrument=bill.target_instrument, number=364)
    provision = add_provision(
        bill,
        Op.REPLACE_PARAGRAPHS,
        target,
        "向未满十八周岁的人传播淫秽物品的，从重处罚。",
        paragraphs=[2],
    )
    link(provision, ObligationFactory(code="OPSC-3-1-c", statement_zh="将传播行为入罪。"))
    return bill


def url(bill, doc, fmt, query=""):
    return reverse("drafting:export", kwargs={"pk": bill.pk, "doc": doc, "fmt": fmt}) + query


def client_for(client, users_by_role, role):
    user = users_by_role[role]
    if user is not None:
        client.force_login(user)
    return client


def test_the_url_names_resolve(bill):
    assert url(bill, "amendment", "pdf") == f"/bills/{bill.pk}/export/amendment.pdf"
    assert reverse("drafting:export_akn", kwargs={"pk": bill.pk}) == url(bill, "amendment", "xml")


@pytest.mark.parametrize(("doc", "fmt"), EXPORTS)
@pytest.mark.parametrize("role", ["anonymous", "outsider", "staff", *MEMBERS])
def test_every_export_url_is_for_members_only(client, drafted, users_by_role, role, doc, fmt):
    response = client_for(client, users_by_role, role).get(url(drafted, doc, fmt))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in ("outsider", "staff"):
        assert response.status_code == 404
        assert "364" not in response.content.decode("utf-8", "replace")
    else:
        assert response.status_code == 200
        assert response["Content-Type"] == CONTENT_TYPES[fmt]
        assert len(response.content) > 0


def test_staff_superuser_who_is_not_a_member_gets_404(client, drafted, superuser):
    client.force_login(superuser)
    assert client.get(url(drafted, "amendment", "docx")).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "export/amendment.txt",
        "export/statute.pdf",
        "export/comparison.xml",
        "export/consolidated.xml",
        "export/amendment",
        "export/amendment.pdf.zip",
    ],
)
def test_unknown_documents_and_formats_are_404(client, drafted, drafter, path):
    client.force_login(drafter)
    assert client.get(f"/bills/{drafted.pk}/{path}").status_code == 404


def test_unknown_bill_is_404(client, drafted, drafter):
    client.force_login(drafter)
    assert client.get(f"/bills/{drafted.pk + 1000}/export/amendment.html").status_code == 404


def test_post_is_refused(client, drafted, drafter):
    client.force_login(drafter)
    assert client.post(url(drafted, "amendment", "html")).status_code == 405


def test_chinese_file_name_is_rfc_5987_encoded(client, drafted, drafter):
    client.force_login(drafter)
    response = client.get(url(drafted, "amendment", "docx"))
    name = f"{drafted.title_zh}-修正案.docx"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(name)}"
    inline = client.get(url(drafted, "comparison", "pdf"))["Content-Disposition"]
    assert inline.startswith("inline; filename*=utf-8''")


def test_html_export_is_the_document_not_the_app_shell(client, drafted, viewer):
    client.force_login(viewer)
    html = client.get(url(drafted, "amendment", "html")).content.decode()
    assert (
        "一、将刑法第三百六十四条第二款修改为：“向未满十八周岁的人传播淫秽物品的，从重处罚。”"
        in html
    )
    assert "二、本修正案自公布之日起施行。" in html
    assert "site-nav" not in html


def test_flags_add_obligations_and_comments(client, drafted, drafter):
    client.force_login(drafter)
    plain = client.get(url(drafted, "amendment", "html")).content.decode()
    flagged = client.get(url(drafted, "amendment", "html", "?obligations=1&comments=1"))
    assert "OPSC-3-1-c" not in plain
    assert "OPSC-3-1-c" in flagged.content.decode()
    comparison = client.get(url(drafted, "comparison", "html")).content.decode()
    assert "OPSC-3-1-c" in comparison  # the comparison table shows obligations by default
    without = client.get(url(drafted, "comparison", "html", "?obligations=0")).content.decode()
    assert "OPSC-3-1-c" not in without


def test_withdrawn_provisions_are_left_out(client, drafted, drafter):
    drafted.provisions.update(status=Provision.Status.WITHDRAWN)
    client.force_login(drafter)
    html = client.get(url(drafted, "amendment", "html")).content.decode()
    assert "第三百六十四条" not in html
    assert "一、本修正案自公布之日起施行。" in html


def test_export_query_count_does_not_grow(client, bill, drafter):
    law = bill.target_instrument
    client.force_login(drafter)
    counts = []
    for n in (3, 30):
        for _ in range(n - bill.provisions.count()):
            target = ArticleFactory(instrument=law, number=400 + bill.provisions.count())
            add_provision(bill, Op.REPEAL_ARTICLE, target)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(bill, "comparison", "docx")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_akoma_ntoso_work_is_dated_by_the_bill_and_expression_by_the_latest_text(
    client, drafted, drafter
):
    """Editing a provision changes the expression's date, never the work's URI."""
    import datetime

    from lxml import etree

    from drafting.models import Bill, Revision

    aware = datetime.datetime
    Bill.objects.filter(pk=drafted.pk).update(
        created_at=aware(2025, 1, 2, tzinfo=datetime.UTC),
        updated_at=aware(2025, 2, 3, tzinfo=datetime.UTC),
    )
    # Revisions are immutable: the newest one is the one written just now.
    newest = Revision.objects.filter(provision__bill=drafted).latest("created_at")
    # Dated in Beijing time, the bill's own (issue 11 item 38).
    day = timezone.localtime(newest.created_at, BILL_TIME_ZONE).date().isoformat()
    client.force_login(drafter)
    root = etree.fromstring(client.get(url(drafted, "amendment", "xml")).content)
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    work = root.find(".//a:FRBRWork/a:FRBRuri", ns).get("value")
    expression = root.find(".//a:FRBRExpression/a:FRBRuri", ns).get("value")
    assert work == f"/akn/cn/bill/2025-01-02/drafting-{drafted.pk}"
    assert expression == f"{work}/zho@{day}"
    assert root.find(".//a:FRBRExpression/a:FRBRdate", ns).get("date") == day
    assert root.find(".//a:FRBRWork/a:FRBRdate", ns).get("date") == "2025-01-02"


@pytest.mark.parametrize("fmt", ["html", "docx", "xml"])
def test_export_with_comments_and_obligations_query_count_does_not_grow(client, bill, drafter, fmt):
    from drafting.models import Comment

    law = bill.target_instrument
    obligation = ObligationFactory(code="OPSC-3-1-c")
    client.force_login(drafter)
    counts = []
    for n in (3, 30):
        for _ in range(n - bill.provisions.count()):
            target = ArticleFactory(instrument=law, number=400 + bill.provisions.count())
            provision = add_provision(bill, Op.REPLACE_ARTICLE, target, "新的条文。")
            link(provision, obligation)
            thread = Comment.objects.create(
                provision=provision,
                revision=provision.current_revision,
                author=drafter,
                body="意见。",
                anchor_language="zh",
                anchor_exact="条文",
                anchor_start=2,
                anchor_end=4,
            )
            Comment.objects.create(
                provision=provision,
                revision=provision.current_revision,
                author=drafter,
                parent=thread,
                body="回复。",
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(bill, "amendment", fmt, "?comments=1&obligations=1"))
        assert response.status_code == 200
        assert "回复。".encode() in response.content or fmt == "docx"
        if fmt == "xml":
            from drafting.documents.akn import validate

            assert validate(response.content) == []
        counts.append(len(queries))
    assert counts[0] == counts[1]
