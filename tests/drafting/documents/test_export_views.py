"""Export URLs: members only, right content type and file name, 404 for anything unknown."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from drafting.documents.export import BILL_TIME_ZONE
from drafting.models import Provision
from tests.conftest import ROLES, make_roles, module_transaction
from tests.drafting.documents.builders import add_provision, comment, draft_364, link
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


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker) -> dict:
    """The users of every role and their drafted bill, made once for the module (rolled back)."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            roles = make_roles()
            draft_364(roles["bill"])
        yield roles


@pytest.fixture
def drafted(shared, db):
    """The module's drafted bill; each test's writes roll back."""
    return shared["bill"]


@pytest.fixture
def users_by_role(shared, db) -> dict:
    return {role: shared[role] for role in ROLES}


@pytest.fixture
def drafter(shared, db):
    """The module's drafter; the `bill` fixture makes a bill of theirs without provisions."""
    return shared["drafter"]


@pytest.fixture
def viewer(shared, db):
    return shared["viewer"]


def url(bill, doc, fmt, query=""):
    return reverse("drafting:export", kwargs={"pk": bill.pk, "doc": doc, "fmt": fmt}) + query


def client_for(users_by_role, role) -> Client:
    """A fresh client, logged in as the user of that role (anonymous: not logged in)."""
    client = Client()
    if (user := users_by_role[role]) is not None:
        client.force_login(user)
    return client


def test_the_url_names_resolve(drafted):
    assert url(drafted, "amendment", "pdf") == f"/bills/{drafted.pk}/export/amendment.pdf"
    assert reverse("drafting:export_akn", kwargs={"pk": drafted.pk}) == url(
        drafted, "amendment", "xml"
    )


@pytest.mark.parametrize(("doc", "fmt"), EXPORTS)
def test_every_export_url_is_for_members_only(drafted, users_by_role, doc, fmt):
    """Every role asks for the export in turn; the first member's request renders it and the
    other members get the stored file. Which member renders first rotates from one export to
    the next, so each member's request renders some of them."""
    turn = EXPORTS.index((doc, fmt)) % len(MEMBERS)
    for role in ("anonymous", "outsider", "staff", *MEMBERS[turn:], *MEMBERS[:turn]):
        response = client_for(users_by_role, role).get(url(drafted, doc, fmt))
        if role == "anonymous":
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("login")), role
        elif role in ("outsider", "staff"):
            assert response.status_code == 404, role
            assert "364" not in response.content.decode("utf-8", "replace"), role
        else:
            assert response.status_code == 200, role
            assert response["Content-Type"] == CONTENT_TYPES[fmt], role
            assert len(response.content) > 0, role


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


def commented(bill, size: int, first_article: int) -> None:
    """`size` provisions, each linked to an obligation and commented on (a thread and a reply)."""
    obligation = ObligationFactory(code="OPSC-3-1-c")
    for number in range(first_article, first_article + size):
        target = ArticleFactory(instrument=bill.target_instrument, number=number)
        provision = add_provision(bill, Op.REPLACE_ARTICLE, target, "新的条文。")
        link(provision, obligation)
        thread = comment(provision, "意见。", exact="条文", start=2)
        comment(provision, "回复。", parent=thread)


@pytest.fixture(scope="module")
def commented_bills(shared, django_db_blocker) -> dict:
    """Two bills of the module's drafter, of 3 and of 30 commented provisions, made once for the
    formats below (rolled back with the module's data)."""
    from tests.factories import BillFactory

    bills = {}
    with django_db_blocker.unblock():
        for size, first_article in ((3, 400), (30, 500)):
            bills[size] = BillFactory(created_by=shared["drafter"])
            commented(bills[size], size, first_article)
    return bills


@pytest.mark.parametrize("fmt", ["html", "docx", "xml"])
def test_export_with_comments_and_obligations_query_count_does_not_grow(
    client, commented_bills, drafter, fmt
):
    """The bill of 30 commented provisions costs as many queries as the bill of 3."""
    client.force_login(drafter)
    counts = []
    for n in (3, 30):
        bill = commented_bills[n]
        assert bill.provisions.count() == n
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(bill, "amendment", fmt, "?comments=1&obligations=1"))
        assert response.status_code == 200
        assert "回复。".encode() in response.content or fmt == "docx"
        if fmt == "xml":
            from drafting.documents.akn import validate

            assert validate(response.content) == []
        counts.append(len(queries))
    assert counts[0] == counts[1]
