"""The same state of a bill exported twice gives byte-identical files, a second later as much as at
once (Word and Excel ZIP members and core properties, PDF dates and font subsets); a change of the
text gives a different file. A hash of an export thus proves which text was sent."""

import datetime
import hashlib
import io
import time
import zipfile

import pytest

from drafting import services
from drafting.documents import stamp
from drafting.documents.export import export, export_three_column, state_moment
from drafting.documents.papers import export_comments_report, export_statement
from drafting.models import Membership, Role


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


CASES = [
    ("amendment", "docx", True),
    ("amendment", "pdf", True),
    ("amendment", "xml", True),
    ("amendment", "html", False),
    ("comparison", "docx", False),
    ("comparison", "pdf", False),
    ("consolidated", "docx", False),
]
GAP = 1.1  # seconds between the two exports of a pair (ZIP and PDF dates count seconds)


def makers(bill) -> dict:
    """Every export the module compares, by name: a function that makes it now."""
    draft = bill.drafts.order_by("number").first()
    made = {case: lambda c=case: export(bill, c[0], c[1], comments=c[2]) for case in CASES}
    for fmt in ("docx", "pdf"):
        made["draft", fmt] = lambda f=fmt: export(bill, "amendment", f, draft=draft)
        made["statement", fmt] = lambda f=fmt: export_statement(bill, f)
    for fmt in ("docx", "xlsx", "pdf"):
        made["comments report", fmt] = lambda f=fmt: export_comments_report(bill, f)
    made["three columns"] = lambda: export_three_column(bill, draft, None, "docx")
    return made


@pytest.fixture(scope="module")
def first_exports(demo_data, django_db_blocker) -> dict:
    """Each export made once, up front; a test makes it again at least GAP seconds later.

    One wait for the whole module instead of one per pair (both see the demo data's state).
    """
    from drafting.models import Bill

    with django_db_blocker.unblock():
        first = {name: make().content for name, make in makers(Bill.objects.get()).items()}
    return {"files": first, "ready": time.monotonic() + GAP}


def again(first_exports, bill, name) -> tuple[bytes, bytes]:
    """The export made up front and the same export made now, more than GAP seconds later."""
    time.sleep(max(0.0, first_exports["ready"] - time.monotonic()))
    return first_exports["files"][name], makers(bill)[name]().content


@pytest.mark.usefixtures("first_exports")
def test_a_word_file_is_dated_by_the_bill_not_by_now(demo_bill):
    """The ZIP members and core properties carry the bill's state moment.

    Like the next test it needs no export made up front: both run first, while GAP elapses.
    """
    moment = state_moment(demo_bill)
    package = zipfile.ZipFile(io.BytesIO(export(demo_bill, "amendment", "docx").content))
    assert {info.date_time for info in package.infolist()} == {stamp.zip_time(moment)}
    core = package.read("docProps/core.xml").decode()
    assert f">{stamp.w3c_time(moment)}</dcterms:created>" in core
    assert f">{stamp.w3c_time(moment)}</dcterms:modified>" in core
    assert f"<dc:title>{demo_bill.title_zh}</dc:title>" in core


@pytest.mark.usefixtures("first_exports")
def test_an_edit_changes_the_hash_and_the_date(demo_bill):
    """A new revision gives other files, dated by the revision (its write rolls back)."""
    before = {fmt: export(demo_bill, "amendment", fmt).content for fmt in ("docx", "pdf")}
    provision = demo_bill.provisions.order_by("position").first()
    drafter = Membership.objects.filter(bill=demo_bill, role=Role.DRAFTER).first().user
    current = provision.current_revision
    revision = services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=current,
        text_zh=current.text_zh + "另有规定的，依照规定。",
        text_en=current.text_en,
    )
    assert state_moment(demo_bill) == revision.created_at
    after = {fmt: export(demo_bill, "amendment", fmt).content for fmt in before}
    for fmt in before:
        assert digest(after[fmt]) != digest(before[fmt]), fmt
    core = zipfile.ZipFile(io.BytesIO(after["docx"])).read("docProps/core.xml").decode()
    assert f">{stamp.w3c_time(revision.created_at)}</dcterms:modified>" in core


@pytest.mark.parametrize(("kind", "fmt", "comments"), CASES)
def test_the_same_bill_exports_byte_identical(first_exports, demo_bill, kind, fmt, comments):
    first, second = again(first_exports, demo_bill, (kind, fmt, comments))
    assert digest(first) == digest(second)


def test_an_issued_draft_exports_byte_identical(first_exports, demo_bill):
    for fmt in ("docx", "pdf"):
        first, second = again(first_exports, demo_bill, ("draft", fmt))
        assert first == second, fmt


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_the_papers_export_byte_identical(first_exports, demo_bill, fmt):
    first, second = again(first_exports, demo_bill, ("comments report", fmt))
    assert first == second
    if fmt != "xlsx":
        first, second = again(first_exports, demo_bill, ("statement", fmt))
        assert first == second


def test_the_three_column_table_exports_byte_identical(first_exports, demo_bill):
    first, second = again(first_exports, demo_bill, "three columns")
    assert first == second


def test_zip_dates_before_1980_are_clamped():
    moment = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
    assert stamp.zip_time(moment) == (1980, 1, 1, 0, 0, 0)
