"""Stored text with characters XML cannot hold never breaks an export: they are stripped and logged."""

import io
import zipfile

import pytest
from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat
from django.urls import reverse

from drafting import services
from drafting.immutability import history_maintenance
from drafting.models import Bill, Comment, Provision, ProvisionObligation, Role
from proposals.models import Article, Instrument, Obligation, Paragraph
from proposals.xmltext import XML_ILLEGAL
from tests.conftest import member, module_transaction
from tests.drafting.documents.builders import add_provision, link
from tests.factories import ArticleFactory, BillFactory, ObligationFactory, UserFactory

Op = Provision.Operation
# No NUL: PostgreSQL cannot store it in text at all, so it can never be stored data.
HOSTILE = "\x01\x1f\ufffe\uffff"
EXPORTS = [
    (doc, fmt)
    for doc in ("amendment", "comparison", "consolidated")
    for fmt in ("html", "pdf", "docx")
] + [("amendment", "xml")]
POISONED = (
    Bill,
    Provision,
    Comment,
    ProvisionObligation,
    Obligation,
    Instrument,
    Article,
    Paragraph,
)


def poison_every_text_field(model) -> None:
    """Append the hostile string to every free-text column of every row, bypassing validation."""
    names = [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]
    for name in names:  # only text that is there: empty and NULL have meanings of their own
        rows = model._base_manager.exclude(**{f"{name}__isnull": True}).exclude(**{name: ""})
        rows.update(**{name: Concat(name, Value(HOSTILE))})


def poisoned(bill, reviewer):
    """The bill with provisions, a link and a comment thread, every stored text made hostile."""
    law = bill.target_instrument
    arts = [ArticleFactory(instrument=law, number=n) for n in (301, 302, 303, 304)]
    text = f"第一款{HOSTILE}。"
    first = add_provision(bill, Op.REPLACE_ARTICLE, arts[0], text, text_en=f"Whoever{HOSTILE}")
    add_provision(bill, Op.REPLACE_PARAGRAPHS, arts[1], text, paragraphs=[2], text_en=HOSTILE)
    add_provision(bill, Op.INSERT_ARTICLES, arts[2], f"第三百零三条之一 甲{HOSTILE}。")
    add_provision(bill, Op.REPEAL_ARTICLE, arts[3])
    link(first, ObligationFactory(code="OPSC-3-1-c", statement_zh="将制作儿童色情制品入罪。"))
    thread = Comment.objects.create(
        provision=first,
        revision=first.current_revision,
        author=reviewer,
        body="“第一款”是否足够？",
        anchor_language="zh",
        anchor_exact="第一款",
        anchor_start=0,
        anchor_end=3,
        suggestion="第一款（修改）",
    )
    Comment.objects.create(
        provision=first,
        revision=first.current_revision,
        author=bill.created_by,
        body="同意",
        parent=thread,
    )
    with history_maintenance():  # links and comments are append-only: poison them as stored data
        for model in POISONED:
            poison_every_text_field(model)
    return bill


@pytest.fixture(scope="module")
def shared_bill(django_db_setup, django_db_blocker):
    """The hostile bill made once for the module (rolled back when it ends)."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            bill = BillFactory(created_by=UserFactory(username="drafter1"))
            poisoned(bill, member(bill, "reviewer1", Role.REVIEWER))
        yield bill


@pytest.fixture
def hostile_bill(shared_bill, db):
    """The module's hostile bill; each test's writes (exports, drafts) roll back."""
    return shared_bill


def xml_parts(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")]


@pytest.mark.parametrize(("doc", "fmt"), EXPORTS)
@pytest.mark.parametrize("query", ["", "?comments=1&obligations=1"])
def test_every_export_survives_hostile_stored_text(client, hostile_bill, doc, fmt, query, caplog):
    client.force_login(hostile_bill.created_by)
    url = reverse("drafting:export", kwargs={"pk": hostile_bill.pk, "doc": doc, "fmt": fmt})
    response = client.get(url + query)
    assert response.status_code == 200
    if fmt == "docx":
        parts = xml_parts(response.content)
        assert "Whoever" in "".join(parts) or doc != "amendment"
        assert not any(XML_ILLEGAL.search(part) for part in parts)
    elif fmt in ("xml", "html"):
        assert not XML_ILLEGAL.search(response.content.decode())
    assert "XML cannot hold" in caplog.text


def test_the_comments_reach_the_document_cleaned(client, hostile_bill):
    client.force_login(hostile_bill.created_by)
    url = reverse(
        "drafting:export", kwargs={"pk": hostile_bill.pk, "doc": "amendment", "fmt": "xml"}
    )
    body = client.get(url + "?comments=1").content.decode()
    assert "是否足够" in body and "同意" in body


PAPERS = [("comments_report", fmt) for fmt in ("html", "pdf", "docx", "xlsx", "csv")] + [
    ("statement_export", fmt) for fmt in ("html", "pdf", "docx")
]


@pytest.mark.parametrize(("name", "fmt"), PAPERS)
def test_the_papers_survive_hostile_stored_text(client, hostile_bill, name, fmt):
    client.force_login(hostile_bill.created_by)
    response = client.get(reverse(f"drafting:{name}", kwargs={"pk": hostile_bill.pk, "fmt": fmt}))
    assert response.status_code == 200
    if fmt in ("docx", "xlsx"):
        assert not any(XML_ILLEGAL.search(part) for part in xml_parts(response.content))


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_the_three_column_table_survives_hostile_stored_text(client, hostile_bill, fmt):
    services.draft_issue(actor=hostile_bill.created_by, bill=hostile_bill, kind="consultation")
    client.force_login(hostile_bill.created_by)
    url = reverse("drafting:three_column", kwargs={"pk": hostile_bill.pk, "fmt": fmt})
    response = client.get(url + "?a=1")
    assert response.status_code == 200
    if fmt == "docx":
        assert not any(XML_ILLEGAL.search(part) for part in xml_parts(response.content))
